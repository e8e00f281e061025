import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../../domain/roles';
import { ChosenPassword } from './password-policy';

/** One role a user holds, in a unit or (unitId null) everywhere. */
export class GrantViewDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, nullable: true }) unitId: string | null;
}

/** The signed-in user, as the web application needs them to draw its screens. */
export class MeDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES, isArray: true, description: 'Every role held, in any unit' })
  roles: Role[];
  @ApiProperty({ type: [GrantViewDto] }) grants: GrantViewDto[];
  @ApiProperty({ type: String, nullable: true, description: 'The person this user is' })
  personId: string | null;
  @ApiProperty({
    description:
      'True after an administrator set the password: every route but GET /auth/me, ' +
      'POST /auth/password, /auth/refresh and /auth/logout answers ' +
      '403 AUTH.PASSWORD_CHANGE_REQUIRED',
  })
  mustChangePassword: boolean;
}

export class SessionDto {
  @ApiProperty({ type: MeDto }) user: MeDto;

  @ApiProperty({
    description:
      'Send as the X-CSRF-Token header with every POST, PATCH, PUT or DELETE signed in by ' +
      'cookie. The same for the whole session; keep it in memory, get it again from ' +
      'POST /auth/refresh after a page load.',
  })
  csrfToken: string;

  @ApiProperty({
    example: 900,
    description: 'Seconds until the access cookie expires: refresh before (or on a 401)',
  })
  accessExpiresIn: number;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'The password in use now', maxLength: 1024 })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword: string;

  /** The same length rule as a new account's password, then the strength check. */
  @ChosenPassword()
  newPassword: string;
}
