import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ChosenPassword } from '../../auth/dto/password-policy';
import { NormalisedName } from '../../common/text.decorators';
import { CursorPageQuery } from '../../common/page-query.dto';
import { GrantViewDto } from '../../auth/dto/session.dto';
import { ROLES, type Role } from '../../domain/roles';
import { IsOmittable } from '../../common/omittable.decorator';

/** An e-mail address for notifications (254 characters at most, as SMTP allows). */
export function NotificationEmail(): PropertyDecorator {
  return (target, key) => {
    MaxLength(254)(target, key);
    IsEmail({}, { message: 'email must be an e-mail address' })(target, key);
  };
}

export class GrantDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({
    description: 'The unit whose subtree the role covers; omit or null for the whole organisation',
    nullable: true,
  })
  @IsOmittable()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  unitId?: string | null;
}

export class CreateUserDto {
  @ApiProperty({ example: 'nguyen.van.an', description: 'Lower case letters, digits, . _ -' })
  @Matches(/^[a-z0-9._-]{3,64}$/, {
    message: 'username must be 3–64 characters: lower-case letters, digits, dot, dash, underscore',
  })
  username: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NormalisedName()
  displayName: string;

  /** The user must replace it at their first sign-in (see POST /auth/password). */
  @ChosenPassword()
  password: string;

  @ApiPropertyOptional({ description: 'The person this user is in the registry' })
  @IsOmittable()
  @IsUUID()
  personId?: string;

  @ApiPropertyOptional({
    example: 'an.nv@example.gov.vn',
    description: 'Where e-mail notifications go; omit for none',
  })
  @IsOmittable()
  @NotificationEmail()
  email?: string;

  @ApiProperty({
    type: [GrantDto],
    description:
      'The roles and their scopes. May be empty only for an account of a person (personId): someone who only reads and answers the cases about them (their explanation on a violation case).',
  })
  @ValidateBy({
    name: 'grantsOrPerson',
    validator: {
      validate: (grants: unknown, args) =>
        !Array.isArray(grants) ||
        grants.length > 0 ||
        (args?.object as CreateUserDto | undefined)?.personId !== undefined,
      defaultMessage: () =>
        'grants must contain at least 1 element, unless the account is a person’s (personId)',
    },
  })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => GrantDto)
  grants: GrantDto[];
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NormalisedName()
  displayName?: string;

  @ApiPropertyOptional({ description: 'false deactivates the account at once' })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ nullable: true, description: 'null unlinks the person' })
  @IsOmittable()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  personId?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Where e-mail notifications go; null: none',
  })
  @IsOmittable()
  @ValidateIf((_, value) => value !== null)
  @NotificationEmail()
  email?: string | null;
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) personId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Where e-mail notifications go' })
  email: string | null;
  @ApiProperty({ type: [GrantViewDto] }) grants: GrantViewDto[];
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'The user must choose a new password before anything else' })
  mustChangePassword: boolean;
  @ApiProperty() createdAt: string;
}

export class TemporaryPasswordDto {
  @ApiProperty({
    example: 'h7Kqm-2xPzR-aBc9d-EfGh3',
    description: 'Shown this once: hand it to the user, who must replace it at the next sign-in',
  })
  temporaryPassword: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ListUsersQuery extends CursorPageQuery {}
