import { CASE_OPENED } from '../domain/audit/audit-record';
import type { StoredCase } from '../domain/cases/stored-case';
import type { Localized } from '../domain/localized';
import type { Role } from '../domain/roles';
import type { NotificationKind } from './notification-request';

/**
 * Who is told what when an event is accepted: a small table, by case type and event type (the
 * case's opening is `CASE_OPENED`). Kept here rather than in the workflow files because the
 * workflow schema has no place for it yet; every row names only events and the case's own
 * parties, never states, so a new workflow version that keeps its events keeps its notifications.
 *
 * The parties:
 * - `nominator`: the account that opened the case (`cases.created_by`, the actor of its
 *   CASE_OPENED record);
 * - `subject`: the accounts linked (`users.person_id`) to the person the case is about;
 * - a role: every active account holding it over the case's unit (its grant's subtree covers it).
 *
 * Texts never carry need-to-know details (what a violation is about, an objection's content):
 * only that a case needs attention, its subject's name for nominations, and a link.
 */
export type NotificationParty = 'nominator' | 'subject' | { role: Role };

export interface NotificationRule {
  caseType: string;
  eventType: string;
  kind: NotificationKind;
  to: NotificationParty;
  /** What happened, in a sentence; the case's name and link are added around it. */
  says: Localized;
}

export const NOTIFICATION_RULES: readonly NotificationRule[] = [
  {
    caseType: 'nomination',
    eventType: 'SUBMIT',
    kind: 'submitted',
    to: { role: 'secretariat' },
    says: {
      vi: 'Một hồ sơ đề nghị khen thưởng vừa được nộp và chờ thẩm định.',
      en: 'A nomination was submitted and awaits verification.',
    },
  },
  {
    caseType: 'nomination',
    eventType: 'RESUBMIT',
    kind: 'submitted',
    to: { role: 'secretariat' },
    says: {
      vi: 'Một hồ sơ đề nghị khen thưởng đã được bổ sung và nộp lại.',
      en: 'A nomination was supplemented and submitted again.',
    },
  },
  {
    caseType: 'nomination',
    eventType: 'RETURN_FOR_SUPPLEMENT',
    kind: 'returned_for_supplement',
    to: 'nominator',
    says: {
      vi: 'Hồ sơ đề nghị khen thưởng của đồng chí được trả lại để bổ sung.',
      en: 'Your nomination was returned for supplementing.',
    },
  },
  {
    caseType: 'nomination',
    eventType: 'APPROVE',
    kind: 'approved',
    to: 'nominator',
    says: {
      vi: 'Đề nghị khen thưởng của đồng chí đã được phê duyệt.',
      en: 'Your nomination was approved.',
    },
  },
  {
    caseType: 'nomination',
    eventType: 'REJECT',
    kind: 'rejected',
    to: 'nominator',
    says: {
      vi: 'Đề nghị khen thưởng của đồng chí không được chấp thuận.',
      en: 'Your nomination was not approved.',
    },
  },
  {
    caseType: 'nomination',
    eventType: 'FILE_OBJECTION',
    kind: 'objection_filed',
    to: { role: 'secretariat' },
    says: {
      vi: 'Có ý kiến phản ánh về một hồ sơ đang công khai; cần xem xét.',
      en: 'An objection was filed against a nomination under public notice; it needs review.',
    },
  },
  {
    caseType: 'nomination',
    eventType: 'ANNOUNCE',
    kind: 'decision_announced',
    to: 'nominator',
    says: {
      vi: 'Quyết định khen thưởng đã được công bố.',
      en: 'The commendation decision was announced.',
    },
  },
  {
    caseType: 'nomination',
    eventType: 'PROPOSE_UPWARD',
    kind: 'submitted',
    to: 'nominator',
    says: {
      vi: 'Đề nghị khen thưởng của đồng chí đã được trình lên cấp có thẩm quyền.',
      en: 'Your nomination was proposed to the competent level.',
    },
  },
  {
    caseType: 'nomination',
    eventType: 'SUPERIOR_GRANTED',
    kind: 'decision_announced',
    to: 'nominator',
    says: {
      vi: 'Cấp có thẩm quyền đã quyết định khen thưởng theo đề nghị của đồng chí.',
      en: 'The competent level granted the award you nominated.',
    },
  },
  {
    caseType: 'nomination',
    eventType: 'SUPERIOR_DECLINED',
    kind: 'rejected',
    to: 'nominator',
    says: {
      vi: 'Cấp có thẩm quyền không khen thưởng theo đề nghị của đồng chí.',
      en: 'The competent level did not grant the award you nominated.',
    },
  },
  {
    // The receiving unit's secretariat (whose scope covers the proposing unit) learns of it here.
    caseType: 'award_proposal',
    eventType: CASE_OPENED,
    kind: 'submitted',
    to: { role: 'secretariat' },
    says: {
      vi: 'Có tờ trình đề nghị khen thưởng gửi cấp có thẩm quyền, chờ quyết định.',
      en: 'A proposal was sent to the competent level and awaits its decision.',
    },
  },
  {
    caseType: 'violation',
    eventType: CASE_OPENED,
    kind: 'violation_reported',
    to: 'subject',
    says: {
      vi: 'Có một hồ sơ liên quan đến đồng chí cần đồng chí quan tâm.',
      en: 'A case concerning you needs your attention.',
    },
  },
  {
    caseType: 'violation',
    eventType: 'ANNOUNCE',
    kind: 'decision_announced',
    to: 'subject',
    says: {
      vi: 'Đã có quyết định được công bố trong một hồ sơ liên quan đến đồng chí.',
      en: 'A decision was announced in a case concerning you.',
    },
  },
];

export function rulesFor(caseType: string, eventType: string): NotificationRule[] {
  return NOTIFICATION_RULES.filter(
    (rule) => rule.caseType === caseType && rule.eventType === eventType,
  );
}

const SUBJECTS: Record<NotificationKind, Localized> = {
  submitted: { vi: 'Hồ sơ mới được nộp', en: 'Nomination submitted' },
  returned_for_supplement: { vi: 'Hồ sơ được trả lại để bổ sung', en: 'Returned for supplement' },
  approved: { vi: 'Đề nghị khen thưởng được phê duyệt', en: 'Nomination approved' },
  rejected: { vi: 'Đề nghị khen thưởng không được chấp thuận', en: 'Nomination not approved' },
  objection_filed: { vi: 'Có ý kiến phản ánh', en: 'Objection filed' },
  violation_reported: { vi: 'Hồ sơ cần đồng chí quan tâm', en: 'A case needs your attention' },
  decision_announced: { vi: 'Quyết định đã được công bố', en: 'Decision announced' },
  reminder: { vi: 'Nhắc việc', en: 'Reminder' },
  escalation: { vi: 'Việc quá hạn cần xử lý', en: 'Overdue work escalated' },
  timer_failed: { vi: 'Không tính được thời hạn', en: 'A deadline could not be computed' },
};

/** The subject and body of a rule's message about a case (vi, then en). */
export function messageFor(
  rule: NotificationRule,
  found: StoredCase,
  publicBaseUrl: string,
): { subject: Localized; body: Localized } {
  const link = `${publicBaseUrl}/cases/${found.id}`;
  // A violation's subject is told nothing about it but that it exists: its details are need-to-know.
  const about = found.caseType === 'violation' ? null : found.subject.name;
  const subject = SUBJECTS[rule.kind];
  return {
    subject: {
      vi: about === null ? subject.vi : `${subject.vi}: ${about}`,
      en: about === null ? subject.en : `${subject.en}: ${about}`,
    },
    body: {
      vi: `${rule.says.vi}\n${about === null ? '' : `Hồ sơ: ${about}\n`}Xem hồ sơ: ${link}`,
      en: `${rule.says.en}\n${about === null ? '' : `Case: ${about}\n`}Open the case: ${link}`,
    },
  };
}
