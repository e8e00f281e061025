import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { changeRecord } from '../common/change-log';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors';
import { readingOf } from '../cases/case-access';
import { authorOf } from '../domain/org/change-log';
import type { Principal } from '../domain/org/principal';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import { insertAdminChanges } from '../persistence/repositories/admin-changes.sql';
import {
  USERS_REPOSITORY,
  type StoredUser,
  type UsersRepository,
} from '../persistence/repositories/users.repository';
import { Database } from '../persistence/database';
import type {
  EmailAddressDto,
  InboxQuery,
  NotificationDto,
  NotificationPageDto,
  NotificationPreferencesDto,
  OutboxEntryDto,
  OutboxPageDto,
  OutboxQuery,
  PutNotificationPreferencesDto,
} from './dto/notification.dto';
import { NOTIFICATION_KINDS } from './notification-request';
import { NotificationSettings } from './notification-settings';
import {
  NotificationsRepository,
  type OutboxEntry,
  type StoredNotification,
} from './notifications.repository';

const DEFAULT_PAGE = 20;

function notificationNotFound(id: string): AppError {
  return new AppError(
    'NOTIFICATION.NOT_FOUND',
    'not_found',
    `No notification ${id} of yours.`,
    { notificationId: id },
    { vi: 'Không tìm thấy thông báo.', en: 'No such notification of yours.' },
  );
}

function outboxEntryNotFound(id: string): AppError {
  return new AppError(
    'NOTIFICATION.NOT_FOUND',
    'not_found',
    `No e-mail ${id} in the outbox.`,
    { notificationId: id },
    { vi: 'Không tìm thấy thư trong hàng đợi.', en: 'No such e-mail in the outbox.' },
  );
}

function notDead(id: string, status: string): AppError {
  return new AppError(
    'NOTIFICATION.NOT_DEAD',
    'conflict',
    `E-mail ${id} is ${status}: only a dead e-mail is retried.`,
    { notificationId: id, status },
    {
      vi: 'Chỉ gửi lại được thư đã thất bại hẳn (dead).',
      en: 'Only a dead e-mail can be retried.',
    },
  );
}

function toDto(notification: StoredNotification): NotificationDto {
  return {
    id: notification.id,
    kind: notification.kind,
    caseId: notification.caseId,
    subject: notification.subject,
    body: notification.body,
    createdAt: notification.createdAt,
    readAt: notification.readAt,
  };
}

/**
 * An outbox entry as the admin sees it. One about a case of a need-to-know workflow that the admin
 * may not read in full (a violation case) says only how its delivery goes: its recipient, kind,
 * case and subject would tell who has such a case (the subject is told of it by e-mail).
 */
function toOutboxDto(entry: OutboxEntry, restricted: boolean): OutboxEntryDto {
  const delivery = {
    id: entry.id,
    createdAt: entry.createdAt,
    status: entry.email.status,
    attempts: entry.email.attempts,
    nextAttemptAt: entry.email.nextAttemptAt,
    lastError: entry.email.lastError,
    sentAt: entry.email.sentAt,
  };
  if (restricted) {
    return {
      ...delivery,
      // A mail server's error often repeats the recipient's address.
      lastError: withoutAddresses(entry.email.lastError),
      restricted: true,
      kind: null,
      caseId: null,
      userId: null,
      username: null,
      address: null,
      subject: null,
    };
  }
  return {
    ...delivery,
    restricted: false,
    kind: entry.kind,
    caseId: entry.caseId,
    userId: entry.userId,
    username: entry.username,
    address: entry.address,
    subject: entry.subject.vi,
  };
}

/** The text with every e-mail address in it replaced by "…". */
function withoutAddresses(text: string | null): string | null {
  return text === null ? null : text.replace(/[^\s<>()[\]"',;:@]+@[^\s<>()[\]"',;:@]+/g, '…');
}

/** The signed-in person's inbox and preferences, and the admins' outbox. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    private readonly database: Database,
    private readonly settings: NotificationSettings,
    private readonly clock: Clock,
    private readonly workflows: WorkflowCatalogue,
  ) {}

  async inbox(actor: Principal, query: InboxQuery): Promise<NotificationPageDto> {
    const page = await this.notifications.inbox(actor.userId, {
      unreadOnly: query.unread === 'true',
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_PAGE,
    });
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  async unreadCount(actor: Principal): Promise<{ unread: number }> {
    return { unread: await this.notifications.unreadCount(actor.userId) };
  }

  async markRead(actor: Principal, id: string): Promise<NotificationDto> {
    const found = await this.notifications.markRead(actor.userId, id, this.clock.nowIso());
    if (found === null) throw notificationNotFound(id);
    return toDto(found);
  }

  async markAllRead(actor: Principal): Promise<{ marked: number }> {
    return { marked: await this.notifications.markAllRead(actor.userId, this.clock.nowIso()) };
  }

  async preferences(actor: Principal): Promise<NotificationPreferencesDto> {
    const [user, preferences] = await Promise.all([
      this.users.findById(actor.userId),
      this.notifications.preferences(actor.userId),
    ]);
    return {
      address: user?.email ?? null,
      emailDelivery: this.settings.emailEnabled,
      preferences: NOTIFICATION_KINDS.map((kind) => ({ kind, email: preferences[kind] })),
    };
  }

  async setPreferences(
    actor: Principal,
    input: PutNotificationPreferencesDto,
  ): Promise<NotificationPreferencesDto> {
    await this.notifications.setPreferences(
      actor.userId,
      Object.fromEntries(input.preferences.map((item) => [item.kind, item.email])),
      this.clock.nowIso(),
    );
    return this.preferences(actor);
  }

  /** One's own address, change-logged on the account like an admin's edit. */
  async setOwnEmail(actor: Principal, email: string | null): Promise<EmailAddressDto> {
    const at = this.clock.nowIso();
    const result = await this.users.modify(actor.userId, (before: StoredUser) => ({
      after: { ...before, email },
      change: changeRecord(
        authorOf(actor),
        at,
        'user',
        actor.userId,
        'email_changed',
        { email: before.email ?? null },
        { email },
      ),
    }));
    if (result === null) throw notificationNotFound(actor.userId);
    return { email: result.after.email ?? null };
  }

  async outbox(admin: Principal, query: OutboxQuery): Promise<OutboxPageDto> {
    const page = await this.notifications.outbox({
      status: query.status,
      cursor: query.cursor,
      limit: query.limit ?? DEFAULT_PAGE,
    });
    return {
      items: page.items.map((entry) => toOutboxDto(entry, this.restrictedFor(admin, entry))),
      nextCursor: page.nextCursor,
    };
  }

  /** Whether the entry's case follows a need-to-know rule the admin is not a full reader under. */
  private restrictedFor(admin: Principal, { about }: OutboxEntry): boolean {
    if (about === null) return false;
    const { access } = this.workflows.get(about.workflowId, about.workflowVersion).definition;
    return access !== undefined && readingOf(admin, about, access) !== 'full';
  }

  /** A dead e-mail back in the queue, due now, its attempts reset; change-logged. */
  async retry(admin: Principal, id: string): Promise<void> {
    const at = this.clock.nowIso();
    const outcome = await this.notifications.retry(
      id,
      at,
      (manager: EntityManager, before: StoredNotification) =>
        insertAdminChanges(manager, this.database.dialect, [
          changeRecord(
            authorOf(admin),
            at,
            'notification',
            id,
            'email_retry',
            { status: before.email.status, attempts: before.email.attempts },
            { status: 'pending', attempts: 0 },
          ),
        ]),
    );
    if (outcome === 'not_found') throw outboxEntryNotFound(id);
    if (outcome === 'not_dead') {
      const entry = await this.notifications.findOutboxEntry(id);
      throw notDead(id, entry?.email.status ?? 'unknown');
    }
  }
}
