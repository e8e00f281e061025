import type { Localized } from '../domain/localized';
import type { Role } from '../domain/roles';

/** What a notification is about; a person's e-mail preferences are kept per kind. */
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
  /** A deadline could not be computed (e.g. a year missing from the holiday calendar): admins. */
  'timer_failed',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/**
 * Who gets it: named accounts; the accounts of a registry person (a case's subject); or every
 * active account holding one of `roles` with a grant whose scope covers `unitId`.
 */
export type NotificationRecipients =
  | { kind: 'users'; userIds: string[] }
  | { kind: 'person'; personId: string }
  | { kind: 'roles'; roles: Role[]; unitId: string };

export interface NotificationRequest {
  kind: NotificationKind;
  caseId: string | null;
  recipients: NotificationRecipients;
  subject: Localized;
  body: Localized;
}
