import { isIsoDate } from '../calendar/iso-date';
import type { CaseContext, CaseEvent } from './case-event';
import type { DocumentFact, KnownEventFacts } from './event-facts';
import type { ActionImplementation, GuardImplementation } from './implementation-types';
import { decisionDetailsOf, nonEmptyText } from './payload-readers';

/**
 * Guards and actions of violation handling (workflows/violation.v4.json and later): the subject's
 * explanation, evidence, discipline decisions (several per case, one per track: a Party decision
 * and a State or labour one), their announcement and lapse, and the appeal. They read what the
 * violation plug-in established from the rule set, the registry and the deciding body's roster
 * (the event's facts) and what earlier events recorded; no date, number or threshold is computed
 * here.
 */

export type DecisionOutcome = 'discipline' | 'reminder' | 'criticism' | 'no_discipline';
export type DecisionStatus = 'in_force' | 'upheld' | 'changed' | 'annulled';
export type AppealOutcome = 'upheld' | 'changed' | 'annulled';

/** One decision of a violation case, as context.decisions keeps it. */
export interface ViolationDecision {
  number: string;
  sequence: number;
  year: number;
  issuingUnit: { id: string; code: string; name: string };
  body: string;
  track: 'party' | 'state' | 'labour';
  format: 'party' | 'state';
  ruleSet: { id: string; version: number };
  subjectType: string;
  outcome: DecisionOutcome;
  form: string | null;
  legalBasis: string[];
  date: string;
  signer: string;
  vote?: Record<string, unknown>;
  ratification?: { number: string; date: string; by: string };
  announcedOn?: string;
  /** First day free of the bar; null: never; absent: bars nothing, or not known yet. */
  lapsesOn?: string | null;
  status: DecisionStatus;
  appeal?: {
    filedOn: string;
    grounds: string;
    decision?: {
      number: string;
      date: string;
      signer: string;
      body: string;
      outcome: AppealOutcome;
      reason: string;
      previous?: { form: string | null; lapsesOn?: string | null };
    };
  };
}

export interface Explanation {
  requestedOn: string;
  dueOn: string;
  status: 'requested' | 'given' | 'not_given';
  text?: string;
  givenOn?: string;
  recordedBy?: 'subject' | 'secretariat';
  recordedOn?: string;
}

function factsOf(event: CaseEvent): KnownEventFacts {
  return event.facts as KnownEventFacts;
}

export function decisionsOf(context: CaseContext): ViolationDecision[] {
  return Array.isArray(context.decisions) ? (context.decisions as ViolationDecision[]) : [];
}

function explanationOf(context: CaseContext): Explanation | undefined {
  const explanation = context.explanation;
  return typeof explanation === 'object' && explanation !== null
    ? (explanation as Explanation)
    : undefined;
}

function textOf(event: CaseEvent, field: string): string | undefined {
  const value = event.payload[field];
  return typeof value === 'string' ? value.trim() : undefined;
}

function dateOf(event: CaseEvent, field: string): string | undefined {
  const value = event.payload[field];
  return isIsoDate(value) ? value : undefined;
}

/** The decision the payload names by its number (ANNOUNCE, APPEAL). */
function namedDecision(context: CaseContext, event: CaseEvent): ViolationDecision | undefined {
  const number = event.payload.decisionNumber;
  return decisionsOf(context).find((d) => d.number === number);
}

/** The decision whose appeal is being decided. */
function appealedDecision(context: CaseContext): ViolationDecision | undefined {
  return decisionsOf(context).find((d) => d.number === context.appealPending);
}

function outcomeOf(event: CaseEvent): DecisionOutcome | undefined {
  const outcome = event.payload.outcome;
  return outcome === 'discipline' ||
    outcome === 'reminder' ||
    outcome === 'criticism' ||
    outcome === 'no_discipline'
    ? outcome
    : undefined;
}

function appealOutcomeOf(event: CaseEvent): AppealOutcome | undefined {
  const outcome = event.payload.outcome;
  return outcome === 'upheld' || outcome === 'changed' || outcome === 'annulled'
    ? outcome
    : undefined;
}

function actorIsSubject(event: CaseEvent): boolean {
  return event.actor.roles.includes('subject' as never);
}

/** Replaces one decision (by number) in the list. */
function withDecision(
  context: CaseContext,
  number: string,
  change: (decision: ViolationDecision) => ViolationDecision,
): ViolationDecision[] {
  return decisionsOf(context).map((d) => (d.number === number ? change(d) : d));
}

export const VIOLATION_GUARDS: Readonly<Record<string, GuardImplementation>> = {
  explanationWindowKnown: {
    description: {
      vi: 'Bộ quy tắc áp dụng có quy định thời hạn giải trình',
      en: 'The rule set in force sets the window for an explanation',
    },
    refusal: {
      vi: 'Bộ quy tắc áp dụng chưa quy định thời hạn giải trình (discipline.explanation); không thể yêu cầu giải trình.',
      en: 'The rule set in force sets no explanation window (discipline.explanation); an explanation cannot be requested.',
    },
    check: ({ event }) => factsOf(event).explanationWindow?.dueOn !== undefined,
  },
  hasExplanation: {
    description: {
      vi: 'Nội dung giải trình (10–20000 ký tự) trong payload.text',
      en: 'The explanation (10–20000 characters) in payload.text',
    },
    refusal: {
      vi: 'Cần nội dung giải trình (payload.text, từ 10 đến 20000 ký tự).',
      en: 'The explanation is required (payload.text, 10 to 20000 characters).',
    },
    check: ({ event }) => {
      const text = textOf(event, 'text');
      return text !== undefined && text.length >= 10 && text.length <= 20000;
    },
  },
  explanationWindowPassed: {
    description: {
      vi: 'Đã hết thời hạn giải trình (chỉ sau ngày hết hạn mới ghi nhận không giải trình)',
      en: 'The explanation window has ended (no explanation is recorded only after its last day)',
    },
    refusal: {
      vi: 'Chưa hết thời hạn giải trình: chỉ ghi nhận người vi phạm không giải trình sau ngày hết hạn.',
      en: 'The explanation window has not ended: a missing explanation is recorded only after its last day.',
    },
    check: ({ context, event }) => {
      const dueOn = explanationOf(context)?.dueOn;
      const today = factsOf(event).today;
      return dueOn !== undefined && today !== undefined && today > dueOn;
    },
  },
  hasStoredEvidence: {
    description: {
      vi: 'Tài liệu chứng cứ đã được tải lên và lưu (chỉ qua chức năng tải chứng cứ)',
      en: 'The evidence has been uploaded and stored (only through the evidence upload)',
    },
    refusal: {
      vi: 'Chứng cứ chỉ được thêm bằng chức năng tải tài liệu lên.',
      en: 'Evidence is added only by uploading it.',
    },
    check: ({ event }) => factsOf(event).document?.code === 'evidence',
  },
  decisionOutcomeConsistent: {
    description: {
      vi: 'Hình thức kỷ luật (payload.form) có khi và chỉ khi kết quả là kỷ luật (payload.outcome = discipline)',
      en: 'A form (payload.form) is given exactly when the outcome is a discipline (payload.outcome = discipline)',
    },
    refusal: {
      vi: 'Khi kết quả là kỷ luật phải nêu hình thức kỷ luật (payload.form); nhắc nhở, phê bình hoặc không kỷ luật thì không nêu hình thức.',
      en: 'A discipline needs its form (payload.form); a reminder, a criticism or no discipline has none.',
    },
    check: ({ event }) => {
      const outcome = outcomeOf(event);
      const form = event.payload.form;
      if (outcome === undefined || decisionDetailsOf(event) === undefined) return false;
      return outcome === 'discipline' ? typeof form === 'string' : form === undefined;
    },
  },
  decisionSubjectTypeFits: {
    description: {
      vi: 'Đối tượng kỷ luật (payload.subjectType) đúng với thông tin của người vi phạm trong danh bạ',
      en: 'The subject type (payload.subjectType) is one the registry gives the subject',
    },
    refusal: {
      vi: 'Đối tượng kỷ luật không khớp với danh bạ (đảng viên chính thức hay dự bị, loại cán bộ, công chức, viên chức, người lao động, hoặc tổ chức đảng): xem thông tin người vi phạm.',
      en: 'The subject type does not match the registry (full or probationary Party member, cadre, civil servant, public employee, worker, or Party organisation): see the subject’s record.',
    },
    check: ({ event }) =>
      factsOf(event).disciplineDecision?.subjectTypes.includes(
        String(event.payload.subjectType),
      ) === true,
  },
  decisionBodyCompetent: {
    description: {
      vi: 'Cơ quan quyết định (payload.body) có thẩm quyền với hình thức này đối với đối tượng này theo bộ quy tắc, và hình thức chưa bị bãi bỏ',
      en: 'The deciding body (payload.body) is competent for this form for this subject type under the rule set, and the form is not abolished',
    },
    refusal: {
      vi: 'Cơ quan này không có thẩm quyền quyết định hình thức đó đối với đối tượng này theo bộ quy tắc, hoặc hình thức đã bị bãi bỏ (xem discipline.competence trong GET /api/v1/rulesets).',
      en: 'This body is not competent for that form for this subject type under the rule set, or the form is abolished (see discipline.competence in GET /api/v1/rulesets).',
    },
    check: ({ event }) => {
      const fact = factsOf(event).disciplineDecision;
      return fact !== undefined && fact.competent && !fact.formAbolished;
    },
  },
  decisionVoteCarries: {
    description: {
      vi: 'Khi bộ quy tắc yêu cầu biểu quyết: đủ số thành viên có mặt và đủ số phiếu tán thành trên danh sách thành viên của tập thể vào ngày họp (payload.vote)',
      en: 'Where the rule set requires a vote: quorum met and enough votes in favour, counted on the body’s roster on the meeting day (payload.vote)',
    },
    refusal: {
      vi: 'Biểu quyết của tập thể không đủ để quyết định: không đủ số thành viên có mặt, không đủ số phiếu tán thành theo bộ quy tắc, số phiếu vượt số có mặt, hoặc đơn vị của người vi phạm không có tập thể đó (xem payload.vote và danh sách thành viên).',
      en: 'The body’s vote does not carry the decision: no quorum, too few votes in favour under the rule set, more ballots than members present, or the subject’s unit chain has no such body (see payload.vote and the roster).',
    },
    check: ({ event }) => {
      const fact = factsOf(event).disciplineDecision;
      if (fact === undefined) return false;
      if (fact.vote === null) return event.payload.vote === undefined;
      return fact.vote.count?.carried === true;
    },
  },
  decisionNotBeforeVote: {
    description: {
      vi: 'Quyết định không ký trước ngày họp biểu quyết',
      en: 'The decision is not signed before the meeting that voted on it',
    },
    refusal: {
      vi: 'Ngày ký quyết định không được trước ngày họp biểu quyết (payload.vote.meetingDate).',
      en: 'The decision may not be signed before the meeting that voted on it (payload.vote.meetingDate).',
    },
    check: ({ event }) => {
      const vote = event.payload.vote as { meetingDate?: unknown } | undefined;
      const date = decisionDetailsOf(event)?.date;
      if (vote === undefined) return true;
      return isIsoDate(vote.meetingDate) && date !== undefined && vote.meetingDate <= date;
    },
  },
  decisionRatifiedWhereRequired: {
    description: {
      vi: 'Khi bộ quy tắc yêu cầu phê chuẩn (khai trừ): có số, ngày và cơ quan phê chuẩn (payload.ratification)',
      en: 'Where the rule set requires ratification (expulsion): its number, date and body (payload.ratification)',
    },
    refusal: {
      vi: 'Hình thức này cần được cấp trên phê chuẩn: ghi số, ngày và cơ quan phê chuẩn (payload.ratification).',
      en: 'This form needs ratification above: give its number, date and body (payload.ratification).',
    },
    check: ({ event }) => {
      const fact = factsOf(event).disciplineDecision;
      if (fact === undefined) return false;
      const given = event.payload.ratification !== undefined;
      return fact.ratification === null ? !given : given;
    },
  },
  oneDecisionPerTrack: {
    description: {
      vi: 'Mỗi loại trách nhiệm (kỷ luật đảng, kỷ luật hành chính, kỷ luật lao động) chỉ có một quyết định còn hiệu lực',
      en: 'One standing decision per track (Party, administrative, labour discipline)',
    },
    refusal: {
      vi: 'Hồ sơ đã có quyết định theo loại trách nhiệm này; muốn thay đổi thì giải quyết qua khiếu nại.',
      en: 'The case already has a decision on this track; changing it goes through an appeal.',
    },
    check: ({ context, event }) => {
      const track = factsOf(event).disciplineDecision?.body?.track;
      return (
        track !== undefined &&
        !decisionsOf(context).some((d) => d.track === track && d.status !== 'annulled')
      );
    },
  },
  announcesUnannouncedDecision: {
    description: {
      vi: 'Công bố một quyết định của hồ sơ chưa được công bố (payload.decisionNumber), không trước ngày ký',
      en: 'Announces a decision of the case not yet announced (payload.decisionNumber), not before it was signed',
    },
    refusal: {
      vi: 'Số quyết định không thuộc hồ sơ này, quyết định đã được công bố, hoặc ngày công bố trước ngày ký quyết định.',
      en: 'That decision number is not one of this case’s, it was already announced, or the announcement precedes its signing.',
    },
    check: ({ context, event }) => {
      const decision = namedDecision(context, event);
      const announcedOn = dateOf(event, 'announcedOn');
      return (
        decision !== undefined &&
        decision.announcedOn === undefined &&
        announcedOn !== undefined &&
        announcedOn >= decision.date
      );
    },
  },
  allDecisionsAnnounced: {
    description: {
      vi: 'Mọi quyết định của hồ sơ đã được công bố',
      en: 'Every decision of the case has been announced',
    },
    refusal: {
      vi: 'Còn quyết định chưa được công bố: công bố trước khi kết thúc hồ sơ.',
      en: 'A decision has not been announced yet: announce it before closing the case.',
    },
    check: ({ context }) => decisionsOf(context).every((d) => d.announcedOn !== undefined),
  },
  appealsStandingDecision: {
    description: {
      vi: 'Khiếu nại một quyết định kỷ luật đã công bố, còn hiệu lực, chưa bị khiếu nại (payload.decisionNumber), nộp không trước ngày công bố',
      en: 'Appeals an announced discipline decision in force, not appealed before (payload.decisionNumber), filed no earlier than its announcement',
    },
    refusal: {
      vi: 'Chỉ khiếu nại được quyết định kỷ luật đã công bố, còn hiệu lực và chưa từng bị khiếu nại; ngày nộp đơn không được trước ngày công bố.',
      en: 'Only an announced discipline decision in force that has not been appealed may be appealed; the filing may not precede the announcement.',
    },
    check: ({ context, event }) => {
      const decision = namedDecision(context, event);
      const filedOn = dateOf(event, 'filedOn');
      return (
        decision !== undefined &&
        decision.outcome === 'discipline' &&
        decision.status === 'in_force' &&
        decision.appeal === undefined &&
        decision.announcedOn !== undefined &&
        filedOn !== undefined &&
        filedOn >= decision.announcedOn &&
        nonEmptyText(event.payload.grounds, 20000)
      );
    },
  },
  appealInTime: {
    description: {
      vi: 'Đơn khiếu nại nộp trong thời hạn bộ quy tắc quy định cho loại trách nhiệm của quyết định',
      en: 'The appeal is filed within the rule set’s window for the decision’s track',
    },
    refusal: {
      vi: 'Đơn khiếu nại nộp quá thời hạn khiếu nại theo bộ quy tắc (xem discipline.appeal).',
      en: 'The appeal was filed after the rule set’s window (see discipline.appeal).',
    },
    check: ({ event }) => {
      const lastDay = factsOf(event).appealWindow?.lastDay;
      const filedOn = dateOf(event, 'filedOn');
      return lastDay !== undefined && filedOn !== undefined && filedOn <= lastDay;
    },
  },
  appealOutcomeConsistent: {
    description: {
      vi: 'Giữ nguyên, thay đổi (nêu hình thức mới, khác hình thức cũ) hoặc hủy bỏ; có lý do và quyết định (ngày, người ký)',
      en: 'Upheld, changed (with a new form, other than the old) or annulled; with a reason and the decision (date, signer)',
    },
    refusal: {
      vi: 'Cần kết quả giải quyết khiếu nại (upheld, changed kèm hình thức mới khác hình thức cũ, hoặc annulled), lý do và ngày ký, người ký.',
      en: 'The appeal’s outcome is required (upheld, changed with a new form other than the old one, or annulled), with a reason, the signing date and the signer.',
    },
    check: ({ context, event }) => {
      const outcome = appealOutcomeOf(event);
      const decision = appealedDecision(context);
      const form = event.payload.form;
      const reason = textOf(event, 'reason');
      if (outcome === undefined || decision === undefined || decisionDetailsOf(event) === undefined)
        return false;
      if (reason === undefined || reason.length < 5) return false;
      return outcome === 'changed'
        ? typeof form === 'string' && form !== decision.form
        : form === undefined;
    },
  },
  appealDecidedByItsTrack: {
    description: {
      vi: 'Cơ quan giải quyết khiếu nại (payload.body) thuộc cùng loại trách nhiệm với quyết định bị khiếu nại, không phải cơ quan đã ra quyết định đó; hình thức mới có trong bộ quy tắc',
      en: 'The body deciding the appeal (payload.body) is on the appealed decision’s track and is not the body that took it; a new form exists in the rule set',
    },
    refusal: {
      vi: 'Cơ quan giải quyết khiếu nại phải cùng hệ thống với quyết định bị khiếu nại (đảng, chính quyền, doanh nghiệp) nhưng không phải cơ quan đã ra quyết định đó (khiếu nại được gửi lên cấp trên), và hình thức mới phải có trong bộ quy tắc cho đối tượng này.',
      en: 'The appeal is decided on the appealed decision’s own track (Party, State, enterprise) by a body other than the one that took the decision (an appeal goes above it), and a new form must exist in the rule set for this subject type.',
    },
    check: ({ event }) => {
      const fact = factsOf(event).appealDecision;
      return fact !== undefined && fact.sameTrack && fact.aboveTheDecider && fact.formKnown;
    },
  },
  appealDecidedAfterFiling: {
    description: {
      vi: 'Quyết định giải quyết khiếu nại không ký trước ngày nộp đơn',
      en: 'The appeal decision is not signed before the appeal was filed',
    },
    refusal: {
      vi: 'Ngày ký quyết định giải quyết khiếu nại không được trước ngày nộp đơn khiếu nại.',
      en: 'The appeal decision may not be signed before the appeal was filed.',
    },
    check: ({ context, event }) => {
      const filedOn = appealedDecision(context)?.appeal?.filedOn;
      const date = decisionDetailsOf(event)?.date;
      return filedOn !== undefined && date !== undefined && date >= filedOn;
    },
  },
};

export const VIOLATION_ACTIONS: Readonly<Record<string, ActionImplementation>> = {
  recordEvidence: {
    description: {
      vi: 'Thêm tài liệu chứng cứ (tên, loại, kích thước, SHA-256) vào hồ sơ',
      en: 'Adds the evidence (name, type, size, SHA-256) to the case',
    },
    assign: ({ context, event }) => {
      const existing = Array.isArray(context.evidence) ? (context.evidence as DocumentFact[]) : [];
      const document = factsOf(event).document;
      return { evidence: document === undefined ? existing : [...existing, document] };
    },
  },
  recordExplanationRequest: {
    description: {
      vi: 'Lưu ngày yêu cầu giải trình và hạn giải trình tính theo bộ quy tắc',
      en: 'Records the day an explanation was requested and its due day under the rule set',
    },
    assign: ({ event }) => ({
      explanation: {
        requestedOn: dateOf(event, 'requestedOn') ?? null,
        dueOn: factsOf(event).explanationWindow?.dueOn ?? null,
        status: 'requested',
      },
    }),
  },
  recordExplanation: {
    description: {
      vi: 'Lưu nội dung giải trình, ngày giải trình và ai ghi nhận (người vi phạm hoặc văn phòng)',
      en: 'Records the explanation, the day it was given and who recorded it (the subject or the secretariat)',
    },
    assign: ({ context, event }) => ({
      explanation: {
        ...explanationOf(context),
        status: 'given',
        text: textOf(event, 'text') ?? '',
        givenOn: dateOf(event, 'givenOn') ?? null,
        recordedBy: actorIsSubject(event) ? 'subject' : 'secretariat',
      },
    }),
  },
  recordNoExplanation: {
    description: {
      vi: 'Ghi nhận người vi phạm không giải trình trong thời hạn (không cản trở việc xử lý)',
      en: 'Records that no explanation was given in time (it does not stop the handling)',
    },
    assign: ({ context, event }) => ({
      explanation: {
        ...explanationOf(context),
        status: 'not_given',
        recordedOn: factsOf(event).today ?? null,
      },
    }),
  },
  recordDisciplineDecision: {
    description: {
      vi: 'Thêm quyết định (số do hệ thống cấp theo thể thức của cơ quan, căn cứ, hình thức, biểu quyết, ngày hết hiệu lực) vào danh sách quyết định của hồ sơ',
      en: 'Adds the decision (its number allocated in the body’s format, legal basis, form, vote, lapse) to the case’s decisions',
    },
    assign: ({ context, event }) => {
      const fact = factsOf(event).disciplineDecision!;
      const details = decisionDetailsOf(event)!;
      const outcome = outcomeOf(event)!;
      const { format, ...number } = fact.number!;
      const vote = fact.vote;
      const decision: ViolationDecision = {
        ...number,
        body: fact.body!.code,
        track: fact.body!.track,
        format,
        ruleSet: fact.ruleSet,
        subjectType: String(event.payload.subjectType),
        outcome,
        form: outcome === 'discipline' ? String(event.payload.form) : null,
        legalBasis: (event.payload.legalBasis as string[]).map((text) => text.trim()),
        date: details.date,
        signer: details.signer,
        ...(vote?.count
          ? {
              vote: {
                ...(event.payload.vote as Record<string, unknown>),
                body: vote.body,
                councilId: vote.council?.id,
                members: vote.count.members,
                base: vote.count.base,
                needed: vote.count.needed,
                threshold: vote.threshold,
                quorum: vote.quorum,
              },
            }
          : {}),
        ...(event.payload.ratification === undefined
          ? {}
          : { ratification: event.payload.ratification as ViolationDecision['ratification'] }),
        ...(fact.lapsesOn === undefined ? {} : { lapsesOn: fact.lapsesOn }),
        status: 'in_force',
      };
      return { decisions: [...decisionsOf(context), decision] };
    },
  },
  recordDecisionAnnouncement: {
    description: {
      vi: 'Lưu ngày công bố quyết định (payload.announcedOn) và ngày hết hiệu lực tính từ ngày đó',
      en: 'Records the day the decision was announced (payload.announcedOn) and the lapse counted from it',
    },
    assign: ({ context, event }) => {
      const announcedOn = dateOf(event, 'announcedOn')!;
      const lapsesOn = factsOf(event).disciplineLapse?.lapsesOn;
      return {
        decisions: withDecision(context, String(event.payload.decisionNumber), (d) => ({
          ...d,
          announcedOn,
          ...(lapsesOn === undefined ? {} : { lapsesOn }),
        })),
      };
    },
  },
  recordAppeal: {
    description: {
      vi: 'Lưu đơn khiếu nại (ngày nộp, nội dung) vào quyết định bị khiếu nại; kỷ luật vẫn được thi hành',
      en: 'Records the appeal (filing day, grounds) on the decision appealed; the discipline stays in force',
    },
    assign: ({ context, event }) => {
      const number = String(event.payload.decisionNumber);
      return {
        appealPending: number,
        decisions: withDecision(context, number, (d) => ({
          ...d,
          appeal: { filedOn: dateOf(event, 'filedOn')!, grounds: textOf(event, 'grounds')! },
        })),
      };
    },
  },
  recordAppealDecision: {
    description: {
      vi: 'Lưu quyết định giải quyết khiếu nại (số riêng): giữ nguyên, thay đổi hình thức (tính lại ngày hết hiệu lực) hoặc hủy bỏ (không còn cản trở khen thưởng); giữ lại quyết định cũ',
      en: 'Records the appeal decision (its own number): upheld, changed (the lapse recomputed) or annulled (no longer a bar); the old decision is kept',
    },
    assign: ({ context, event }) => {
      const fact = factsOf(event).appealDecision!;
      const details = decisionDetailsOf(event)!;
      const outcome = appealOutcomeOf(event)!;
      const appealed = appealedDecision(context)!;
      return {
        appealPending: null,
        decisions: withDecision(context, appealed.number, (d) => {
          const { lapsesOn, ...rest } = d;
          const appealDecision = {
            number: fact.number!.number,
            date: details.date,
            signer: details.signer,
            body: fact.body!.code,
            outcome,
            reason: textOf(event, 'reason')!,
            ...(outcome === 'changed'
              ? { previous: { form: d.form, ...(lapsesOn === undefined ? {} : { lapsesOn }) } }
              : {}),
          };
          const changed = outcome === 'changed';
          return {
            ...rest,
            ...(changed
              ? {
                  form: String(event.payload.form),
                  ...(fact.lapsesOn === undefined ? {} : { lapsesOn: fact.lapsesOn }),
                }
              : lapsesOn === undefined
                ? {}
                : { lapsesOn }),
            status: outcome,
            appeal: { ...d.appeal!, decision: appealDecision },
          };
        }),
      };
    },
  },
};
