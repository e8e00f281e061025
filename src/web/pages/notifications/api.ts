import type { Localized } from '../../i18n/language';

/** The kinds of notification (src/notifications/notification-request.ts), in display order. */
export const NOTIFICATION_KINDS = [
  'submitted',
  'returned_for_supplement',
  'approved',
  'rejected',
  'objection_filed',
  'violation_reported',
  'decision_announced',
  'reminder',
  'escalation',
  'timer_failed',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** GET /me/notifications items. */
export interface Notification {
  id: string;
  kind: NotificationKind;
  caseId: string | null;
  subject: Localized;
  body: Localized;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPreferences {
  address: string | null;
  emailDelivery: boolean;
  preferences: { kind: NotificationKind; email: boolean }[];
}

export type EmailStatus = 'off' | 'pending' | 'sent' | 'dead';

/** GET /admin/outbox items. */
export interface OutboxEntry {
  id: string;
  /** About a need-to-know case the admin may not read: only its delivery is shown. */
  restricted: boolean;
  kind: NotificationKind | null;
  caseId: string | null;
  userId: string | null;
  username: string | null;
  address: string | null;
  subject: string | null;
  createdAt: string;
  status: EmailStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  sentAt: string | null;
}

/** Raised on window when the inbox changed here, so the bell counts again at once. */
export const NOTIFICATIONS_CHANGED = 'thidua:notifications-changed';

export function announceNotificationsChanged(): void {
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}
