import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsUUID,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CursorPageQuery } from '../../common/page-query.dto';
import { NotificationEmail } from '../../users/dto/user.dto';
import { NOTIFICATION_KINDS, type NotificationKind } from '../notification-request';
import { IsOmittable } from '../../common/omittable.decorator';

const EMAIL_STATUSES = ['off', 'pending', 'sent', 'dead'] as const;
const OUTBOX_STATUSES = ['pending', 'dead', 'sent'] as const;

export class LocalizedTextDto {
  @ApiProperty() vi: string;
  @ApiProperty() en: string;
}

export class NotificationDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ type: String, nullable: true, description: 'The case it is about' })
  caseId: string | null;
  @ApiProperty({ type: LocalizedTextDto }) subject: LocalizedTextDto;
  @ApiProperty({ type: LocalizedTextDto }) body: LocalizedTextDto;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: unread' })
  readAt: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class InboxQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: unread only' })
  @IsOmittable()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

export class NotificationParams {
  @ApiProperty()
  @IsUUID()
  id: string;
}

export class UnreadCountDto {
  @ApiProperty() unread: number;
}

export class ReadAllDto {
  @ApiProperty({ description: 'How many were unread' }) marked: number;
}

export class KindPreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  @IsIn(NOTIFICATION_KINDS)
  kind: NotificationKind;

  @ApiProperty({ description: 'false: in the inbox only, no e-mail' })
  @IsBoolean()
  email: boolean;
}

export class NotificationPreferencesDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The address e-mails go to (set in PUT /me/email or by an admin)',
  })
  address: string | null;

  @ApiProperty({ description: 'False when the server sends no e-mail at all (no SMTP)' })
  emailDelivery: boolean;

  @ApiProperty({ type: [KindPreferenceDto], description: 'Every kind, in a fixed order' })
  preferences: KindPreferenceDto[];
}

export class PutNotificationPreferencesDto {
  @ApiProperty({
    type: [KindPreferenceDto],
    description: 'Every kind exactly once (the in-app inbox gets every kind regardless)',
  })
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @ValidateNested({ each: true })
  @Type(() => KindPreferenceDto)
  @ValidateBy({
    name: 'everyKindOnce',
    validator: {
      validate: (value: unknown) =>
        Array.isArray(value) &&
        value.length === NOTIFICATION_KINDS.length &&
        new Set(value.map((item: { kind?: unknown }) => item?.kind)).size ===
          NOTIFICATION_KINDS.length,
      defaultMessage: () =>
        `preferences must name every kind exactly once: ${NOTIFICATION_KINDS.join(', ')}`,
    },
  })
  preferences: KindPreferenceDto[];
}

export class PutEmailDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'an.nv@example.gov.vn',
    description: 'null: no e-mails',
  })
  @ValidateIf((_, value) => value !== null)
  @NotificationEmail()
  email: string | null;
}

export class EmailAddressDto {
  @ApiProperty({ type: String, nullable: true }) email: string | null;
}

export class OutboxQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES, description: 'Omitted: every e-mail' })
  @IsOmittable()
  @IsIn(OUTBOX_STATUSES)
  status?: (typeof OUTBOX_STATUSES)[number];
}

export class OutboxEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({
    description:
      'The message is about a case of a need-to-know workflow (a violation case) the admin may ' +
      'not read: only its delivery is shown; kind, case, recipient and subject are null',
  })
  restricted: boolean;
  @ApiProperty({ enum: NOTIFICATION_KINDS, nullable: true, description: 'Null when restricted' })
  kind: NotificationKind | null;
  @ApiProperty({ type: String, nullable: true }) caseId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The recipient; null when restricted' })
  userId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null when restricted' })
  username: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Their current address; null when they have none, or restricted',
  })
  address: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The e-mail’s subject (Vietnamese); null when restricted',
  })
  subject: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ enum: EMAIL_STATUSES }) status: (typeof EMAIL_STATUSES)[number];
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true }) nextAttemptAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, nullable: true }) sentAt: string | null;
}

export class OutboxPageDto {
  @ApiProperty({ type: [OutboxEntryDto] }) items: OutboxEntryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
