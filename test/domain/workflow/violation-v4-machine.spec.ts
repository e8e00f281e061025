import path from 'node:path';
import { PUBLIC_ROLE, ROLES, SUBJECT_ROLE, SYSTEM_ROLE } from '../../../src/domain/roles';
import type { DisciplineDecisionFact } from '../../../src/domain/workflow/event-facts';
import { loadWorkflowCatalogue } from '../../../src/workflows/workflow-files';
import { documentFact } from './fact-fixtures';
import { GUARDS } from './guard-catalogue';
import {
  accepted,
  as,
  clone,
  describeMachinePaths,
  describeMachineTable,
  findRow,
  input,
  refused,
  row,
  send,
  withContext,
  withFacts,
  withoutFact,
  withoutPayload,
  withPayload,
  workflowOf,
  type EnteredNow,
  type GuardCatalogue,
  type Input,
  type MachineTable,
  type PayloadVariant,
} from './machine-harness';

/*
 * workflows/violation.v4.json, written out by hand: every state × event × role (the subject, who
 * may give their own explanation and nothing else, the system and the public included), each
 * guard's refusals with their reasons once the payload schema has passed, the payload schemas and
 * legal dates, and the tags of every state. The facts are written the way the violation plug-in
 * builds them (src/violations/violation.plugin.ts) from rule set v3: the subject is a Party member
 * and a civil servant; her Party cell of five full members votes a warning, and the head of her
 * agency, on the discipline council's vote, a reprimand on the State track.
 * Nothing expected here is read from the file at run time.
 */

// ---------------------------------------------------------------------------------------------
// The case, its dates and its people
// ---------------------------------------------------------------------------------------------

const OCCURRED_ON = '2026-01-20';
const DATA = {
  category: 'traffic_alcohol',
  source: 'police_notice',
  referenceNumber: '125/TB-CAP',
  occurredOn: OCCURRED_ON,
  summary: 'Điều khiển xe mô tô khi trong hơi thở có nồng độ cồn.',
};
/** Entered now, on `today`, as the application enters every event (no backdating limit). */
const on = (today: string): EnteredNow => ({ today, data: DATA });
const enteredOn =
  (today: string) =>
  (i: Input): Input => ({ ...i, entered: on(today) });

const REQUESTED_ON = '2026-01-26';
const DUE_ON = '2026-02-02';
const GIVEN_ON = '2026-01-29';
const CONFIRMED_ON = '2026-02-10';
const MEETING = '2026-02-18';
const STATE_SIGNED = '2026-02-19';
const STATE_LAPSES_ON = '2027-02-19';
const ENTERED = '2026-02-20';
const ANNOUNCED_ON = '2026-02-25';
const LAPSES_ON = '2027-02-25';
const APPEAL_WINDOW_ENDS = '2026-03-25';
const FILED_ON = '2026-03-10';
const APPEAL_DECIDED_ON = '2026-03-30';

const REASON = 'Biên bản và kết quả đo nồng độ cồn của Công an phường.';
const DISMISS_REASON = 'Xác minh không có vi phạm, biên bản ghi nhầm người.';
const CLOSE_REASON = 'Đã thi hành xong quyết định kỷ luật.';
const EXPLANATION = 'Tôi đã uống một cốc bia trong bữa tối và tự nhận thiếu sót.';
const GROUNDS = 'Kết quả đo nồng độ cồn lấy sai quy trình; đề nghị xem xét lại.';
const ANNULMENT = 'Ủy ban Kiểm tra kết luận việc đo không đúng quy trình.';

const RULE_SET = { id: 'vn-law-06-2022-decree-152-2025', version: 3 };
const CELL = { id: 'unit-cell', code: 'CB-KT', name: 'Chi bộ Phòng Kỹ thuật' };
const COMPANY = { id: 'unit-company', code: 'CTD', name: 'Công ty Điện lực' };
const COMMITTEE = { id: 'unit-committee', code: 'DUK', name: 'Đảng ủy Khối' };
const MEMBERS = [1, 2, 3, 4, 5].map((n) => `0195c0de-0000-4000-8000-00000000000${n}`);

const PARTY_CELL_BODY = {
  code: 'party_cell',
  name: { vi: 'Chi bộ', en: 'Party cell' },
  track: 'party' as const,
  format: 'party' as const,
};
const HEAD_BODY = {
  code: 'head_of_agency',
  name: { vi: 'Người đứng đầu cơ quan, đơn vị', en: 'Head of the agency or unit' },
  track: 'state' as const,
  format: 'state' as const,
};
const DIRECTOR_BODY = {
  code: 'enterprise_director',
  name: {
    vi: 'Người sử dụng lao động (giám đốc doanh nghiệp)',
    en: 'The employer (enterprise director)',
  },
  track: 'labour' as const,
  format: 'state' as const,
};
const COUNCIL = [1, 2, 3].map((n) => `0195c0de-0000-4000-8000-00000000010${n}`);
const SUPERIOR_BODY = {
  code: 'superior_party_committee',
  name: { vi: 'Ban Thường vụ cấp ủy cấp trên', en: 'Standing committee one level up' },
  track: 'party' as const,
  format: 'party' as const,
};

// ---------------------------------------------------------------------------------------------
// The decisions: payloads, the plug-in's facts, what the context keeps
// ---------------------------------------------------------------------------------------------

const VOTE = {
  meetingDate: MEETING,
  present: MEMBERS.slice(0, 4),
  inFavour: 3,
  against: 0,
  abstain: 1,
};
const WARNING = {
  body: 'party_cell',
  subjectType: 'party_member',
  outcome: 'discipline',
  form: 'canh_cao',
  legalBasis: ['Điều lệ Đảng, Điều 36', 'Quy định 69-QĐ/TW, Điều 15'],
  decision: { date: MEETING, signer: 'Ngô Văn Bí, Bí thư Chi bộ' },
  vote: VOTE,
};
const VOTE_RULE = {
  body: 'party_cell',
  base: 'all_members' as const,
  threshold: { numerator: 1, denominator: 2, comparison: 'gt' as const },
  quorum: { numerator: 2, denominator: 3, comparison: 'gte' as const },
};
/** The cell's count: five full members, four present (quorum four), three of five carry it. */
const CARRIED = {
  members: 5,
  present: 4,
  quorumRequired: 4,
  quorumMet: true,
  base: 5,
  needed: 3,
  ballotsExceedPresent: false,
  carried: true,
};
const WARNING_NUMBER = {
  number: `1-QĐ/${CELL.code}`,
  sequence: 1,
  year: 2026,
  issuingUnit: CELL,
  format: 'party' as const,
};
/** As the plug-in reads the warning: competent, voted and carried, numbered in the Party's format. */
const WARNING_FACT: DisciplineDecisionFact = {
  ruleSet: RULE_SET,
  subjectTypes: ['party_member', 'civil_servant'],
  body: PARTY_CELL_BODY,
  competent: true,
  formAbolished: false,
  vote: {
    ...VOTE_RULE,
    council: { id: 'council-cell', unitId: CELL.id, unitName: CELL.name, members: 5 },
    count: CARRIED,
  },
  ratification: null,
  number: WARNING_NUMBER,
};
/** The warning as context.decisions keeps it (its lapse runs from the announcement: none yet). */
const WARNING_DECISION = {
  number: WARNING_NUMBER.number,
  sequence: 1,
  year: 2026,
  issuingUnit: CELL,
  body: 'party_cell',
  track: 'party',
  format: 'party',
  ruleSet: RULE_SET,
  subjectType: 'party_member',
  outcome: 'discipline',
  form: 'canh_cao',
  legalBasis: WARNING.legalBasis,
  date: MEETING,
  signer: WARNING.decision.signer,
  vote: {
    ...VOTE,
    body: 'party_cell',
    councilId: 'council-cell',
    members: 5,
    base: 5,
    needed: 3,
    threshold: VOTE_RULE.threshold,
    quorum: VOTE_RULE.quorum,
  },
  status: 'in_force',
};

/** The State track: the head of the agency reprimands her on the discipline council's vote. */
const STATE_VOTE = {
  meetingDate: STATE_SIGNED,
  present: COUNCIL,
  inFavour: 3,
  against: 0,
  abstain: 0,
};
const STATE_REPRIMAND = {
  body: 'head_of_agency',
  subjectType: 'civil_servant',
  outcome: 'discipline',
  form: 'khien_trach',
  legalBasis: ['Nghị định 172/2025/NĐ-CP, Điều 16'],
  decision: { date: STATE_SIGNED, signer: 'Giám đốc Công ty' },
  vote: STATE_VOTE,
};
const STATE_NUMBER = {
  number: `1/QĐ-${COMPANY.code}`,
  sequence: 1,
  year: 2026,
  issuingUnit: COMPANY,
  format: 'state' as const,
};
const STATE_VOTE_RULE = { ...VOTE_RULE, body: 'discipline_council' };
const STATE_COUNT = {
  members: 3,
  present: 3,
  quorumRequired: 2,
  quorumMet: true,
  base: 3,
  needed: 2,
  ballotsExceedPresent: false,
  carried: true,
};
/** A civil servant's reprimand lapses twelve months from the decision: known when decided. */
const STATE_FACT: DisciplineDecisionFact = {
  ruleSet: RULE_SET,
  subjectTypes: ['party_member', 'civil_servant'],
  body: HEAD_BODY,
  competent: true,
  formAbolished: false,
  vote: {
    ...STATE_VOTE_RULE,
    council: { id: 'council-discipline', unitId: COMPANY.id, unitName: COMPANY.name, members: 3 },
    count: STATE_COUNT,
  },
  ratification: null,
  number: STATE_NUMBER,
  lapsesOn: STATE_LAPSES_ON,
};
const STATE_DECISION = {
  number: STATE_NUMBER.number,
  sequence: 1,
  year: 2026,
  issuingUnit: COMPANY,
  body: 'head_of_agency',
  track: 'state',
  format: 'state',
  ruleSet: RULE_SET,
  subjectType: 'civil_servant',
  outcome: 'discipline',
  form: 'khien_trach',
  legalBasis: STATE_REPRIMAND.legalBasis,
  date: STATE_SIGNED,
  signer: STATE_REPRIMAND.decision.signer,
  vote: {
    ...STATE_VOTE,
    body: 'discipline_council',
    councilId: 'council-discipline',
    members: 3,
    base: 3,
    needed: 2,
    threshold: STATE_VOTE_RULE.threshold,
    quorum: STATE_VOTE_RULE.quorum,
  },
  lapsesOn: STATE_LAPSES_ON,
  status: 'in_force',
};

/** A labour reminder by the director: no vote, no form, it bars nothing. */
const REMINDER = {
  body: 'enterprise_director',
  subjectType: 'enterprise_worker',
  outcome: 'reminder',
  legalBasis: ['Nội quy lao động của Công ty'],
  decision: { date: STATE_SIGNED, signer: 'Giám đốc Công ty' },
};
const REMINDER_FACT: DisciplineDecisionFact = {
  ruleSet: RULE_SET,
  subjectTypes: ['enterprise_worker'],
  body: DIRECTOR_BODY,
  competent: true,
  formAbolished: false,
  vote: null,
  ratification: null,
  number: { ...STATE_NUMBER, number: `2/QĐ-${COMPANY.code}`, sequence: 2 },
};

const ANNOUNCED_WARNING = { ...WARNING_DECISION, announcedOn: ANNOUNCED_ON, lapsesOn: LAPSES_ON };
const APPEALED_WARNING = { ...ANNOUNCED_WARNING, appeal: { filedOn: FILED_ON, grounds: GROUNDS } };
const APPEAL_NUMBER = {
  number: `7-QĐ/${COMMITTEE.code}`,
  sequence: 7,
  year: 2026,
  issuingUnit: COMMITTEE,
  format: 'party' as const,
};
const APPEAL_FACT = {
  ruleSet: RULE_SET,
  body: SUPERIOR_BODY,
  sameTrack: true,
  aboveTheDecider: true,
  formKnown: true,
  number: APPEAL_NUMBER,
};
const ANNULLED = {
  outcome: 'annulled',
  body: 'superior_party_committee',
  reason: ANNULMENT,
  decision: { date: APPEAL_DECIDED_ON, signer: 'Phó Bí thư Đảng ủy Khối' },
};

// ---------------------------------------------------------------------------------------------
// The contexts each state meets
// ---------------------------------------------------------------------------------------------

const EVIDENCE = documentFact('evidence', 'e');
const REQUESTED = {
  explanation: { requestedOn: REQUESTED_ON, dueOn: DUE_ON, status: 'requested' },
};
const CONFIRMED = { lastReason: { event: 'CONFIRM', text: REASON }, confirmedOn: CONFIRMED_ON };
const DECIDED = { ...CONFIRMED, decisions: [WARNING_DECISION] };
const ANNOUNCED = { ...CONFIRMED, decisions: [ANNOUNCED_WARNING] };
/** Announced, with the State reprimand decided after and not yet announced. */
const TWO_DECISIONS = { ...CONFIRMED, decisions: [ANNOUNCED_WARNING, STATE_DECISION] };
const APPEALED = {
  ...CONFIRMED,
  appealPending: WARNING_NUMBER.number,
  decisions: [APPEALED_WARNING],
};

/** The row's own decision fact. */
const factOf = (i: Input) => i.facts.disciplineDecision as DisciplineDecisionFact;
/** The row's own decision fact, changed. */
const decisionFact =
  (patch: Partial<DisciplineDecisionFact>) =>
  (i: Input): Input =>
    withFacts({ disciplineDecision: { ...factOf(i), ...patch } })(i);
/** The row's vote count, changed. */
const countOf =
  (patch: Partial<typeof CARRIED>) =>
  (i: Input): Input => {
    const vote = factOf(i).vote!;
    return decisionFact({ vote: { ...vote, count: { ...vote.count!, ...patch } } })(i);
  };
/** The row's vote, met on another day. */
const meetingOn =
  (days: number) =>
  (i: Input): Input => {
    const signed = (i.payload.decision as { date: string }).date;
    const day = new Date(`${signed}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + days);
    const vote = i.payload.vote as Record<string, unknown>;
    return withPayload({ vote: { ...vote, meetingDate: day.toISOString().slice(0, 10) } })(i);
  };
/** A standing decision on the track the row decides on, added to its context. */
const onTheSameTrack =
  (status: string) =>
  (i: Input): Input => {
    const track = factOf(i).body!.track;
    const same = track === 'party' ? WARNING_DECISION : STATE_DECISION;
    const others = ((i.context.decisions ?? []) as { track: string }[]).filter(
      (d) => d.track !== track,
    );
    return withContext({ decisions: [...others, { ...same, status }] })(i);
  };

// ---------------------------------------------------------------------------------------------
// Guards: what still reaches them once the payload schema has passed
// ---------------------------------------------------------------------------------------------

type G =
  | 'hasReason'
  | 'hasStoredEvidence'
  | 'explanationWindowKnown'
  | 'hasExplanation'
  | 'explanationWindowPassed'
  | 'decisionOutcomeConsistent'
  | 'decisionSubjectTypeFits'
  | 'decisionBodyCompetent'
  | 'decisionVoteCarries'
  | 'decisionNotBeforeVote'
  | 'decisionRatifiedWhereRequired'
  | 'oneDecisionPerTrack'
  | 'announcesUnannouncedDecision'
  | 'allDecisionsAnnounced'
  | 'appealsStandingDecision'
  | 'appealInTime'
  | 'appealOutcomeConsistent'
  | 'appealDecidedByItsTrack'
  | 'appealDecidedAfterFiling';

const V4_GUARDS: GuardCatalogue<G> = {
  hasReason: {
    refusal: GUARDS.hasReason.refusal,
    breaking: [
      { what: 'a padded 4-character reason', change: withPayload({ reason: '   abcd    ' }) },
      { what: 'a reason of blanks only', change: withPayload({ reason: ' '.repeat(12) }) },
    ],
    passing: [
      { what: 'a 5-character reason', change: withPayload({ reason: 'abcde' }) },
      { what: 'a 4000-character reason', change: withPayload({ reason: 'x'.repeat(4000) }) },
    ],
  },
  hasStoredEvidence: {
    refusal: {
      vi: 'Chứng cứ chỉ được thêm bằng chức năng tải',
      en: 'Evidence is added only by uploading it',
    },
    breaking: [
      { what: 'no stored document (sent as a bare event)', change: withoutFact('document') },
      {
        what: 'a dossier document instead of evidence',
        change: withFacts({ document: documentFact('to_trinh', 'a') }),
      },
    ],
  },
  explanationWindowKnown: {
    refusal: {
      vi: 'chưa quy định thời hạn giải trình',
      en: 'sets no explanation window',
    },
    breaking: [
      { what: 'a rule set with no window', change: withFacts({ explanationWindow: {} }) },
      { what: 'no explanationWindow fact', change: withoutFact('explanationWindow') },
    ],
  },
  hasExplanation: {
    refusal: { vi: 'Cần nội dung giải trình', en: 'The explanation is required' },
    breaking: [
      {
        what: 'ten characters of which five are blanks',
        change: withPayload({ text: 'abcde     ' }),
      },
    ],
    passing: [{ what: 'a 10-character explanation', change: withPayload({ text: 'abcdefghij' }) }],
  },
  explanationWindowPassed: {
    refusal: { vi: 'Chưa hết thời hạn giải trình', en: 'The explanation window has not ended' },
    breaking: [
      { what: 'on the due day itself', change: withFacts({ today: DUE_ON }) },
      { what: 'before the due day', change: withFacts({ today: GIVEN_ON }) },
      { what: 'no today fact', change: withoutFact('today') },
      {
        what: 'no explanation was requested',
        change: withContext({ explanation: null }),
      },
    ],
    passing: [{ what: 'the day after the due day', change: withFacts({ today: '2026-02-03' }) }],
  },
  decisionOutcomeConsistent: {
    refusal: {
      vi: 'Khi kết quả là kỷ luật phải nêu hình thức kỷ luật',
      en: 'A discipline needs its form',
    },
    breaking: [
      { what: 'a discipline without its form', change: withoutPayload('form') },
      { what: 'a criticism with a form', change: withPayload({ outcome: 'criticism' }) },
      { what: 'no discipline, with a form', change: withPayload({ outcome: 'no_discipline' }) },
    ],
    passing: [
      {
        what: 'a form of 63 characters',
        change: withPayload({ form: `k${'x'.repeat(62)}` }),
      },
    ],
  },
  decisionSubjectTypeFits: {
    refusal: {
      vi: 'Đối tượng kỷ luật không khớp với danh bạ',
      en: 'The subject type does not match the registry',
    },
    breaking: [
      {
        what: 'a probationary member, where the registry says full member',
        change: withPayload({ subjectType: 'probationary_party_member' }),
      },
      {
        what: 'a subject the registry knows nothing of',
        change: decisionFact({ subjectTypes: [] }),
      },
    ],
  },
  decisionBodyCompetent: {
    refusal: {
      vi: 'Cơ quan này không có thẩm quyền quyết định hình thức đó',
      en: 'This body is not competent for that form',
    },
    breaking: [
      { what: 'a body not competent for the form', change: decisionFact({ competent: false }) },
      { what: 'a form abolished on the day', change: decisionFact({ formAbolished: true }) },
    ],
  },
  decisionVoteCarries: {
    refusal: {
      vi: 'Biểu quyết của tập thể không đủ để quyết định',
      en: 'The body’s vote does not carry the decision',
    },
    breaking: [
      {
        what: 'two of five in favour (not more than half of the cell)',
        change: countOf({ carried: false }),
      },
      {
        what: 'three present of five (no quorum)',
        change: countOf({ present: 3, quorumMet: false, carried: false }),
      },
      {
        what: 'more ballots than members present',
        change: countOf({ ballotsExceedPresent: true, carried: false }),
      },
      {
        what: 'no such council in the subject’s unit chain',
        change: (i) =>
          decisionFact({
            vote: { ...factOf(i).vote!, council: null, count: null },
          })(i),
      },
      {
        what: 'a vote sent where the rule set requires none',
        change: decisionFact({ vote: null }),
      },
      {
        what: 'no vote sent where the rule set requires one',
        change: (i) =>
          decisionFact({ vote: { ...factOf(i).vote!, count: null } })(withoutPayload('vote')(i)),
      },
    ],
    passing: [
      {
        what: 'no vote where the rule set requires none',
        change: (i) => decisionFact({ vote: null })(withoutPayload('vote')(i)),
      },
    ],
  },
  decisionNotBeforeVote: {
    refusal: {
      vi: 'Ngày ký quyết định không được trước ngày họp biểu quyết',
      en: 'may not be signed before the meeting that voted on it',
    },
    breaking: [{ what: 'signed the day before the meeting', change: meetingOn(1) }],
    passing: [{ what: 'signed the day after the meeting', change: meetingOn(-1) }],
  },
  decisionRatifiedWhereRequired: {
    refusal: {
      vi: 'Hình thức này cần được cấp trên phê chuẩn',
      en: 'This form needs ratification above',
    },
    breaking: [
      {
        what: 'an expulsion without its ratification',
        change: decisionFact({
          ratification: { body: 'superior_party_committee', name: SUPERIOR_BODY.name },
        }),
      },
      {
        what: 'a ratification where none is required',
        change: withPayload({
          ratification: { number: '3-QĐ/UBKT', date: MEETING, by: 'Ủy ban Kiểm tra Đảng ủy Khối' },
        }),
      },
    ],
  },
  oneDecisionPerTrack: {
    refusal: {
      vi: 'Hồ sơ đã có quyết định theo loại trách nhiệm này',
      en: 'The case already has a decision on this track',
    },
    breaking: [
      { what: 'a decision in force on the same track', change: onTheSameTrack('in_force') },
      { what: 'a decision upheld on the same track', change: onTheSameTrack('upheld') },
      { what: 'a decision changed on the same track', change: onTheSameTrack('changed') },
      { what: 'no body (no track) in the fact', change: decisionFact({ body: null }) },
    ],
    passing: [
      { what: 'an annulled decision on the same track', change: onTheSameTrack('annulled') },
    ],
  },
  announcesUnannouncedDecision: {
    refusal: {
      vi: 'Số quyết định không thuộc hồ sơ này',
      en: 'That decision number is not one of this case’s',
    },
    breaking: [
      {
        what: 'a number of no decision of the case',
        change: withPayload({ decisionNumber: '9-QĐ/X' }),
      },
      {
        what: 'an announcement before the signing',
        change: withPayload({ announcedOn: '2026-02-17' }),
      },
      {
        what: 'a decision announced before',
        change: (i) =>
          withContext({
            decisions: (i.context.decisions as object[]).map((d) => ({
              ...d,
              announcedOn: '2026-02-24',
            })),
          })(i),
      },
    ],
  },
  allDecisionsAnnounced: {
    refusal: {
      vi: 'Còn quyết định chưa được công bố',
      en: 'A decision has not been announced yet',
    },
    breaking: [
      {
        what: 'the State reprimand not yet announced',
        change: withContext({ decisions: [ANNOUNCED_WARNING, STATE_DECISION] }),
      },
    ],
  },
  appealsStandingDecision: {
    refusal: {
      vi: 'Chỉ khiếu nại được quyết định kỷ luật đã công bố',
      en: 'Only an announced discipline decision in force',
    },
    breaking: [
      {
        what: 'a number of no decision of the case',
        change: withPayload({ decisionNumber: '9-QĐ/X' }),
      },
      {
        what: 'a reminder (no discipline to appeal)',
        change: withContext({
          decisions: [{ ...ANNOUNCED_WARNING, outcome: 'reminder', form: null }],
        }),
      },
      {
        what: 'an annulled decision',
        change: withContext({ decisions: [{ ...ANNOUNCED_WARNING, status: 'annulled' }] }),
      },
      {
        what: 'a decision appealed before',
        change: withContext({ decisions: [APPEALED_WARNING] }),
      },
      {
        what: 'a decision not announced',
        change: withContext({ decisions: [WARNING_DECISION] }),
      },
      { what: 'filed before the announcement', change: withPayload({ filedOn: '2026-02-24' }) },
      { what: 'grounds of blanks only', change: withPayload({ grounds: '       ' }) },
    ],
  },
  appealInTime: {
    refusal: {
      vi: 'Đơn khiếu nại nộp quá thời hạn',
      en: 'The appeal was filed after the rule set’s window',
    },
    breaking: [
      {
        what: 'filed the day after the window',
        change: withFacts({ appealWindow: { lastDay: '2026-03-09' } }),
      },
      { what: 'a track with no window', change: withFacts({ appealWindow: {} }) },
    ],
    passing: [
      {
        what: 'filed on the window’s last day',
        change: withFacts({ appealWindow: { lastDay: FILED_ON } }),
      },
    ],
  },
  appealOutcomeConsistent: {
    refusal: {
      vi: 'Cần kết quả giải quyết khiếu nại',
      en: 'The appeal’s outcome is required',
    },
    breaking: [
      { what: 'changed without a new form', change: withPayload({ outcome: 'changed' }) },
      {
        what: 'changed to the same form',
        change: withPayload({ outcome: 'changed', form: 'canh_cao' }),
      },
      { what: 'annulled with a form', change: withPayload({ form: 'khien_trach' }) },
      {
        what: 'a reason of four characters and blanks',
        change: withPayload({ reason: 'abcd     ' }),
      },
      {
        what: 'no appeal pending in the case',
        change: withContext({ appealPending: null }),
        alsoRefusedBy: ['appealDecidedAfterFiling'],
      },
    ],
    passing: [
      {
        what: 'changed to a reprimand',
        change: withPayload({ outcome: 'changed', form: 'khien_trach' }),
      },
      { what: 'upheld', change: withPayload({ outcome: 'upheld' }) },
    ],
  },
  appealDecidedByItsTrack: {
    refusal: {
      vi: 'Cơ quan giải quyết khiếu nại phải cùng hệ thống',
      en: 'The appeal is decided on the appealed decision’s own track',
    },
    breaking: [
      {
        what: 'a body of another track',
        change: withFacts({ appealDecision: { ...APPEAL_FACT, sameTrack: false } }),
      },
      {
        what: 'the body that took the decision',
        change: withFacts({ appealDecision: { ...APPEAL_FACT, aboveTheDecider: false } }),
      },
      {
        what: 'a new form the rule set lacks',
        change: withFacts({ appealDecision: { ...APPEAL_FACT, formKnown: false } }),
      },
      { what: 'no appealDecision fact', change: withoutFact('appealDecision') },
    ],
  },
  appealDecidedAfterFiling: {
    refusal: {
      vi: 'không được trước ngày nộp đơn khiếu nại',
      en: 'may not be signed before the appeal was filed',
    },
    breaking: [
      {
        what: 'signed the day before the filing',
        change: withPayload({ decision: { ...ANNULLED.decision, date: '2026-03-09' } }),
      },
    ],
    passing: [
      {
        what: 'signed on the day of the filing',
        change: withPayload({ decision: { ...ANNULLED.decision, date: FILED_ON } }),
      },
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// Payloads the schema (or a legal date) refuses before any guard runs
// ---------------------------------------------------------------------------------------------

const refusal = (
  what: string,
  change: (i: Input) => Input,
  ...fields: string[]
): PayloadVariant => ({ what, change, fields });

const TAKES_NOTHING = [
  refusal('a reason it does not take', withPayload({ reason: REASON }), 'payload.reason'),
];
const REASON_REFUSALS = [
  refusal('no reason', withoutPayload('reason'), 'payload.reason'),
  refusal('a 4-character reason', withPayload({ reason: 'abcd' }), 'payload.reason'),
  refusal('a 4001-character reason', withPayload({ reason: 'x'.repeat(4001) }), 'payload.reason'),
];
const decisionWith = (patch: Record<string, unknown>) =>
  withPayload({ decision: { ...WARNING.decision, ...patch } });

const VIOLATION_V4: MachineTable<G> = {
  file: 'violation.v4.json',
  id: 'violation',
  version: 4,
  roles: [...ROLES, PUBLIC_ROLE, SYSTEM_ROLE, SUBJECT_ROLE],
  initial: 'reported',
  openRoles: ['secretariat', 'unit_leader'],
  states: [
    'reported',
    'verifying',
    'awaiting_explanation',
    'confirmed',
    'deciding',
    'decided',
    'announced',
    'appeal_review',
    'dismissed',
    'closed',
  ],
  finalStates: ['dismissed', 'closed'],
  events: {
    ATTACH_EVIDENCE: ['document'],
    START_VERIFICATION: [],
    REQUEST_EXPLANATION: ['explanationWindow'],
    RECORD_EXPLANATION: [],
    RECORD_NO_EXPLANATION: ['today'],
    DISMISS: [],
    CONFIRM: [],
    REFER_FOR_DECISION: [],
    DECIDE: ['disciplineDecision'],
    ANNOUNCE: ['disciplineLapse'],
    APPEAL: ['appealWindow'],
    DECIDE_APPEAL: ['appealDecision'],
    CLOSE: [],
  },
  foreignEvents: ['SUBMIT', 'REVOKE', 'HOLD', 'NO_SUCH_EVENT', 'decide', 'toString'],
  transitions: [
    ...(['reported', 'verifying', 'awaiting_explanation'] as const).map((state) =>
      row<G>(
        state,
        'ATTACH_EVIDENCE',
        state,
        ['secretariat'],
        ['hasStoredEvidence'],
        enteredOn('2026-01-23')(
          input(state === 'awaiting_explanation' ? REQUESTED : {}, {}, { document: EVIDENCE }),
        ),
        { ...(state === 'awaiting_explanation' ? REQUESTED : {}), evidence: [EVIDENCE] },
      ),
    ),
    row(
      'reported',
      'START_VERIFICATION',
      'verifying',
      ['secretariat'],
      [],
      enteredOn('2026-01-22')(input({})),
      {},
    ),
    ...(['reported', 'verifying'] as const).map((state) =>
      row<G>(
        state,
        'DISMISS',
        'dismissed',
        ['secretariat'],
        ['hasReason'],
        enteredOn('2026-02-05')(input({}, { reason: DISMISS_REASON })),
        { lastReason: { event: 'DISMISS', text: DISMISS_REASON } },
      ),
    ),
    row(
      'verifying',
      'REQUEST_EXPLANATION',
      'awaiting_explanation',
      ['secretariat'],
      ['explanationWindowKnown'],
      enteredOn(REQUESTED_ON)(
        input({}, { requestedOn: REQUESTED_ON }, { explanationWindow: { dueOn: DUE_ON } }),
      ),
      REQUESTED,
    ),
    row(
      'awaiting_explanation',
      'RECORD_EXPLANATION',
      'verifying',
      ['secretariat', 'subject'],
      ['hasExplanation'],
      enteredOn(GIVEN_ON)(input(REQUESTED, { text: EXPLANATION, givenOn: GIVEN_ON })),
      {
        explanation: {
          ...REQUESTED.explanation,
          status: 'given',
          text: EXPLANATION,
          givenOn: GIVEN_ON,
          // Who sent it; the tests below tell the two apart.
          recordedBy: expect.stringMatching(/^(secretariat|subject)$/),
        },
      },
    ),
    row(
      'awaiting_explanation',
      'RECORD_NO_EXPLANATION',
      'verifying',
      ['secretariat'],
      ['explanationWindowPassed'],
      enteredOn('2026-02-03')(input(REQUESTED, {}, { today: '2026-02-03' })),
      { explanation: { ...REQUESTED.explanation, status: 'not_given', recordedOn: '2026-02-03' } },
    ),
    row(
      'verifying',
      'CONFIRM',
      'confirmed',
      ['secretariat'],
      ['hasReason'],
      enteredOn(CONFIRMED_ON)(input({}, { reason: REASON, confirmedOn: CONFIRMED_ON })),
      CONFIRMED,
    ),
    row(
      'confirmed',
      'REFER_FOR_DECISION',
      'deciding',
      ['secretariat'],
      [],
      enteredOn('2026-02-11')(input(CONFIRMED)),
      CONFIRMED,
    ),
    row(
      'deciding',
      'DECIDE',
      'decided',
      ['council_chair'],
      [
        'decisionOutcomeConsistent',
        'decisionSubjectTypeFits',
        'decisionBodyCompetent',
        'decisionVoteCarries',
        'decisionNotBeforeVote',
        'decisionRatifiedWhereRequired',
        'oneDecisionPerTrack',
      ],
      enteredOn(ENTERED)(input(CONFIRMED, WARNING, { disciplineDecision: WARNING_FACT })),
      DECIDED,
    ),
    // The State reprimand, a second decision on another track, with its own body's vote.
    ...(
      [
        ['decided', 'decided', DECIDED, [WARNING_DECISION, STATE_DECISION]],
        ['announced', 'decided', ANNOUNCED, [ANNOUNCED_WARNING, STATE_DECISION]],
      ] as const
    ).map(([from, to, context, decisions]) =>
      row<G>(
        from,
        'DECIDE',
        to,
        ['council_chair'],
        [
          'decisionOutcomeConsistent',
          'decisionSubjectTypeFits',
          'decisionBodyCompetent',
          'decisionVoteCarries',
          'decisionNotBeforeVote',
          'decisionRatifiedWhereRequired',
          'oneDecisionPerTrack',
        ],
        enteredOn(ENTERED)(input(context, STATE_REPRIMAND, { disciplineDecision: STATE_FACT })),
        { ...context, decisions: [...decisions] },
      ),
    ),
    row(
      'decided',
      'ANNOUNCE',
      'announced',
      ['secretariat'],
      ['announcesUnannouncedDecision'],
      enteredOn(ANNOUNCED_ON)(
        input(
          DECIDED,
          { decisionNumber: WARNING_NUMBER.number, announcedOn: ANNOUNCED_ON },
          { disciplineLapse: { lapsesOn: LAPSES_ON } },
        ),
      ),
      ANNOUNCED,
    ),
    row(
      'announced',
      'ANNOUNCE',
      'announced',
      ['secretariat'],
      ['announcesUnannouncedDecision'],
      enteredOn(ANNOUNCED_ON)(
        input(
          TWO_DECISIONS,
          { decisionNumber: STATE_NUMBER.number, announcedOn: ANNOUNCED_ON },
          { disciplineLapse: { lapsesOn: STATE_LAPSES_ON } },
        ),
      ),
      {
        ...CONFIRMED,
        decisions: [ANNOUNCED_WARNING, { ...STATE_DECISION, announcedOn: ANNOUNCED_ON }],
      },
    ),
    row(
      'announced',
      'APPEAL',
      'appeal_review',
      ['secretariat'],
      ['appealsStandingDecision', 'appealInTime'],
      enteredOn(FILED_ON)(
        input(
          ANNOUNCED,
          { decisionNumber: WARNING_NUMBER.number, filedOn: FILED_ON, grounds: GROUNDS },
          { appealWindow: { lastDay: APPEAL_WINDOW_ENDS } },
        ),
      ),
      APPEALED,
    ),
    row(
      'appeal_review',
      'DECIDE_APPEAL',
      'announced',
      ['council_chair'],
      ['appealOutcomeConsistent', 'appealDecidedByItsTrack', 'appealDecidedAfterFiling'],
      enteredOn(APPEAL_DECIDED_ON)(input(APPEALED, ANNULLED, { appealDecision: APPEAL_FACT })),
      {
        ...CONFIRMED,
        appealPending: null,
        decisions: [
          {
            ...APPEALED_WARNING,
            status: 'annulled',
            appeal: {
              filedOn: FILED_ON,
              grounds: GROUNDS,
              decision: {
                number: APPEAL_NUMBER.number,
                date: APPEAL_DECIDED_ON,
                signer: ANNULLED.decision.signer,
                body: 'superior_party_committee',
                outcome: 'annulled',
                reason: ANNULMENT,
              },
            },
          },
        ],
      },
    ),
    row(
      'announced',
      'CLOSE',
      'closed',
      ['secretariat'],
      ['hasReason', 'allDecisionsAnnounced'],
      enteredOn('2026-06-30')(input(ANNOUNCED, { reason: CLOSE_REASON })),
      { ...ANNOUNCED, lastReason: { event: 'CLOSE', text: CLOSE_REASON } },
    ),
  ],
  fullInput: input(
    {},
    { reason: REASON },
    { document: EVIDENCE, today: ENTERED, disciplineDecision: WARNING_FACT },
  ),
  guards: V4_GUARDS,
  everyGuardRefuses: (r) => {
    const padded = withPayload({ reason: '   abcd   ' });
    switch (r.event) {
      case 'DISMISS':
      case 'CONFIRM':
        return padded(r.input);
      case 'RECORD_EXPLANATION':
        return withPayload({ text: ' '.repeat(10) })(r.input);
      case 'DECIDE': {
        const fact = factOf(r.input);
        return {
          ...r.input,
          context: { ...r.input.context, decisions: [WARNING_DECISION, STATE_DECISION] },
          payload: {
            ...r.input.payload,
            outcome: 'criticism',
            form: 'canh_cao',
            subjectType: 'cadre',
            vote: { ...VOTE, meetingDate: '2026-02-20' },
            ratification: { number: '3-QĐ/UBKT', date: MEETING, by: 'Ủy ban Kiểm tra' },
          },
          facts: {
            disciplineDecision: {
              ...fact,
              competent: false,
              vote: { ...fact.vote!, count: { ...fact.vote!.count!, carried: false } },
            },
          },
        };
      }
      case 'ANNOUNCE':
        return withPayload({ decisionNumber: '9-QĐ/X' })(r.input);
      case 'APPEAL':
        return {
          ...withPayload({ decisionNumber: '9-QĐ/X' })(r.input),
          facts: { appealWindow: {} },
        };
      case 'DECIDE_APPEAL':
        return {
          ...withPayload({
            outcome: 'changed',
            decision: { ...ANNULLED.decision, date: '2026-03-09' },
          })(r.input),
          facts: {},
        };
      case 'CLOSE':
        return {
          ...padded(r.input),
          context: { ...r.input.context, decisions: [WARNING_DECISION] },
        };
      default:
        // ATTACH_EVIDENCE, REQUEST_EXPLANATION, RECORD_NO_EXPLANATION: without their facts.
        return { ...r.input, facts: {} };
    }
  },
  openPayload: { subject: { name: 'Trần Thị Mỹ Dung', unit: 'Chi bộ Phòng Kỹ thuật' }, data: DATA },
  refusesUnknownPayloadKeys: true,
  payloadRefusals: {
    START_VERIFICATION: TAKES_NOTHING,
    REFER_FOR_DECISION: TAKES_NOTHING,
    ATTACH_EVIDENCE: [
      refusal('a file sent as payload', withPayload({ sha256: 'ab'.repeat(32) }), 'payload.sha256'),
    ],
    DISMISS: REASON_REFUSALS,
    CLOSE: REASON_REFUSALS,
    CONFIRM: [
      ...REASON_REFUSALS,
      refusal(
        'a confirmedOn tomorrow',
        withPayload({ confirmedOn: '2026-02-11' }),
        'payload.confirmedOn',
      ),
      refusal(
        'a confirmedOn before the violation',
        withPayload({ confirmedOn: '2026-01-19' }),
        'payload.confirmedOn',
      ),
    ],
    REQUEST_EXPLANATION: [
      refusal(
        'a request before the violation',
        withPayload({ requestedOn: '2026-01-19' }),
        'payload.requestedOn',
      ),
      refusal(
        'a request tomorrow',
        withPayload({ requestedOn: '2026-01-27' }),
        'payload.requestedOn',
      ),
    ],
    RECORD_EXPLANATION: [
      refusal('no text', withoutPayload('text'), 'payload.text'),
      refusal('a 9-character text', withPayload({ text: 'abcdefghi' }), 'payload.text'),
      refusal(
        'given before it was requested',
        withPayload({ givenOn: '2026-01-25' }),
        'payload.givenOn',
      ),
    ],
    RECORD_NO_EXPLANATION: [
      refusal('a text it does not take', withPayload({ text: EXPLANATION }), 'payload.text'),
    ],
    DECIDE: [
      refusal('no body', withoutPayload('body'), 'payload.body'),
      refusal('no subject type', withoutPayload('subjectType'), 'payload.subjectType'),
      refusal('no outcome', withoutPayload('outcome'), 'payload.outcome'),
      refusal('an outcome of no kind', withPayload({ outcome: 'warning' }), 'payload.outcome'),
      refusal('no legal basis', withoutPayload('legalBasis'), 'payload.legalBasis'),
      refusal('an empty legal basis', withPayload({ legalBasis: [] }), 'payload.legalBasis'),
      refusal('no decision', withoutPayload('decision'), 'payload.decision'),
      refusal(
        'a decision without signer',
        withPayload({ decision: { date: MEETING } }),
        'payload.decision.signer',
      ),
      refusal(
        'a decision with its own number (the system allocates it)',
        decisionWith({ number: '12-QĐ/CB' }),
        'payload.decision.number',
      ),
      refusal('a body that is not a code', withPayload({ body: 'Chi bộ' }), 'payload.body'),
      refusal(
        'a vote without those present',
        withPayload({ vote: { meetingDate: MEETING, inFavour: 3, against: 0, abstain: 1 } }),
        'payload.vote.present',
      ),
      refusal(
        'a vote naming someone twice',
        withPayload({ vote: { ...VOTE, present: [MEMBERS[0], MEMBERS[0]] } }),
        'payload.vote.present',
      ),
      refusal('a date tomorrow', decisionWith({ date: '2026-02-21' }), 'payload.decision.date'),
      refusal(
        'a date before the conclusion',
        (i) =>
          decisionWith({ date: '2026-02-09' })(
            withPayload({ vote: { ...VOTE, meetingDate: '2026-02-09' } })(i),
          ),
        'payload.decision.date',
        'payload.vote.meetingDate',
      ),
    ],
    ANNOUNCE: [
      refusal('no decision number', withoutPayload('decisionNumber'), 'payload.decisionNumber'),
      refusal(
        'an announcedOn tomorrow',
        withPayload({ announcedOn: '2026-02-26' }),
        'payload.announcedOn',
      ),
      refusal(
        'an announcedOn before the conclusion',
        withPayload({ announcedOn: '2026-02-09' }),
        'payload.announcedOn',
      ),
    ],
    APPEAL: [
      refusal('no grounds', withoutPayload('grounds'), 'payload.grounds'),
      refusal('four characters of grounds', withPayload({ grounds: 'abcd' }), 'payload.grounds'),
      refusal('a filing tomorrow', withPayload({ filedOn: '2026-03-11' }), 'payload.filedOn'),
    ],
    DECIDE_APPEAL: [
      refusal('no body', withoutPayload('body'), 'payload.body'),
      refusal('an outcome of no kind', withPayload({ outcome: 'reduced' }), 'payload.outcome'),
      refusal('no reason', withoutPayload('reason'), 'payload.reason'),
      refusal(
        'signed before the conclusion',
        withPayload({ decision: { ...ANNULLED.decision, date: '2026-02-09' } }),
        'payload.decision.date',
      ),
    ],
  },
  tags: {
    reported: ['pending_matter'],
    verifying: ['pending_matter'],
    awaiting_explanation: ['pending_matter'],
    confirmed: ['pending_matter'],
    deciding: ['pending_matter'],
    decided: ['discipline_in_force'],
    announced: ['discipline_in_force'],
    appeal_review: ['discipline_in_force', 'appeal_pending'],
    dismissed: ['dismissed', 'closed'],
    closed: ['discipline_in_force', 'closed'],
  },
};

describeMachineTable(VIOLATION_V4);

/*
 * workflows/violation.v5.json: v4 with timers (they change no transition) and one event, the
 * explanation timer's EXPLANATION_WINDOW_ENDED, which only the system sends and which does what
 * RECORD_NO_EXPLANATION does. The rest of v4's table holds unchanged.
 */
const noExplanation = findRow(VIOLATION_V4, 'awaiting_explanation', 'RECORD_NO_EXPLANATION');
const VIOLATION_V5: MachineTable<G> = {
  ...VIOLATION_V4,
  file: 'violation.v5.json',
  version: 5,
  events: { ...VIOLATION_V4.events, EXPLANATION_WINDOW_ENDED: ['today'] },
  transitions: [
    ...VIOLATION_V4.transitions,
    { ...noExplanation, event: 'EXPLANATION_WINDOW_ENDED', roles: [SYSTEM_ROLE] },
  ],
  payloadRefusals: {
    ...VIOLATION_V4.payloadRefusals,
    EXPLANATION_WINDOW_ENDED: VIOLATION_V4.payloadRefusals!.RECORD_NO_EXPLANATION,
  },
};

describeMachineTable(VIOLATION_V5);

describeMachinePaths(VIOLATION_V4, [
  {
    name: 'report, evidence, explanation, conclusion, two decisions, announcements, appeal, closure',
    opener: 'secretariat',
    steps: [
      'ATTACH_EVIDENCE',
      'START_VERIFICATION',
      'REQUEST_EXPLANATION',
      { event: 'RECORD_EXPLANATION', role: 'subject' },
      'CONFIRM',
      'REFER_FOR_DECISION',
      'DECIDE',
      'DECIDE',
      'ANNOUNCE',
      'ANNOUNCE',
      'APPEAL',
      'DECIDE_APPEAL',
      'CLOSE',
    ],
    states: [
      'reported',
      'reported',
      'verifying',
      'awaiting_explanation',
      'verifying',
      'confirmed',
      'deciding',
      'decided',
      'decided',
      'announced',
      'announced',
      'appeal_review',
      'announced',
      'closed',
    ],
  },
  {
    name: 'no explanation within the window, then dismissed, opened by a unit leader',
    opener: 'unit_leader',
    steps: ['START_VERIFICATION', 'REQUEST_EXPLANATION', 'RECORD_NO_EXPLANATION', 'DISMISS'],
    states: ['reported', 'verifying', 'awaiting_explanation', 'verifying', 'dismissed'],
  },
  {
    name: 'dismissed straight from the report',
    opener: 'secretariat',
    steps: ['DISMISS'],
    states: ['reported', 'dismissed'],
  },
]);

// ---------------------------------------------------------------------------------------------
// What the table cannot say in a row
// ---------------------------------------------------------------------------------------------

const workflow = workflowOf(VIOLATION_V4);
const find = (from: string, event: string) => findRow(VIOLATION_V4, from, event);

describe('violation v4: the subject’s own explanation', () => {
  test.each([
    ['subject', 'subject'],
    ['secretariat', 'secretariat'],
  ] as const)('sent as %s, it is recorded as given by the %s', (role, recordedBy) => {
    const r = find('awaiting_explanation', 'RECORD_EXPLANATION');
    const outcome = accepted(send(workflow, r.from, r.event, r.input, as(role)));
    expect(outcome.snapshot.context.explanation).toMatchObject({ status: 'given', recordedBy });
  });

  test('the subject may send nothing else, in any state', () => {
    for (const r of VIOLATION_V4.transitions.filter((t) => t.event !== 'RECORD_EXPLANATION')) {
      expect(refused(send(workflow, r.from, r.event, r.input, as(SUBJECT_ROLE))).reason).toBe(
        'ROLE_NOT_ALLOWED',
      );
    }
  });
});

describe('violation v4: the decisions the context keeps', () => {
  test('a discipline that lapses from the decision keeps the lapse the plug-in computed', () => {
    const r = find('deciding', 'DECIDE');
    const outcome = accepted(
      send(
        workflow,
        r.from,
        r.event,
        decisionFact({ lapsesOn: '2027-02-18' })(r.input),
        as('council_chair'),
      ),
    );
    expect(outcome.snapshot.context.decisions).toEqual([
      { ...WARNING_DECISION, lapsesOn: '2027-02-18' },
    ]);
  });

  test('a changed appeal keeps the old form and lapse and takes the new ones', () => {
    const r = find('appeal_review', 'DECIDE_APPEAL');
    const outcome = accepted(
      send(
        workflow,
        r.from,
        r.event,
        withFacts({ appealDecision: { ...APPEAL_FACT, lapsesOn: '2026-08-25' } })(
          withPayload({ outcome: 'changed', form: 'khien_trach' })(r.input),
        ),
        as('council_chair'),
      ),
    );
    const [decision] = clone(outcome.snapshot.context.decisions) as Record<string, unknown>[];
    expect(decision).toMatchObject({
      status: 'changed',
      form: 'khien_trach',
      lapsesOn: '2026-08-25',
      appeal: {
        decision: { outcome: 'changed', previous: { form: 'canh_cao', lapsesOn: LAPSES_ON } },
      },
    });
  });

  test('an upheld appeal keeps the form and the lapse', () => {
    const r = find('appeal_review', 'DECIDE_APPEAL');
    const outcome = accepted(
      send(
        workflow,
        r.from,
        r.event,
        withPayload({ outcome: 'upheld' })(r.input),
        as('council_chair'),
      ),
    );
    expect((outcome.snapshot.context.decisions as Record<string, unknown>[])[0]).toMatchObject({
      status: 'upheld',
      form: 'canh_cao',
      lapsesOn: LAPSES_ON,
    });
  });

  test('ANNOUNCE without announcedOn records today, and the lapse counted from it', () => {
    const r = find('decided', 'ANNOUNCE');
    const outcome = accepted(
      send(workflow, r.from, r.event, withoutPayload('announcedOn')(r.input), as('secretariat')),
    );
    expect(clone(outcome.record.payload)).toStrictEqual({
      decisionNumber: WARNING_NUMBER.number,
      announcedOn: ANNOUNCED_ON,
    });
    expect((outcome.snapshot.context.decisions as Record<string, unknown>[])[0]).toMatchObject({
      announcedOn: ANNOUNCED_ON,
      lapsesOn: LAPSES_ON,
    });
  });
});

describe('violation v4: a decision without a vote or a form', () => {
  test('the director’s labour reminder: no vote, no form, no lapse, numbered in the State format', () => {
    const r = find('decided', 'DECIDE');
    const outcome = accepted(
      send(
        workflow,
        r.from,
        r.event,
        { ...r.input, payload: REMINDER, facts: { disciplineDecision: REMINDER_FACT } },
        as('council_chair'),
      ),
    );
    const decisions = clone(outcome.snapshot.context.decisions) as Record<string, unknown>[];
    expect(decisions[1]).toStrictEqual({
      number: `2/QĐ-${COMPANY.code}`,
      sequence: 2,
      year: 2026,
      issuingUnit: COMPANY,
      body: 'enterprise_director',
      track: 'labour',
      format: 'state',
      ruleSet: RULE_SET,
      subjectType: 'enterprise_worker',
      outcome: 'reminder',
      form: null,
      legalBasis: REMINDER.legalBasis,
      date: STATE_SIGNED,
      signer: REMINDER.decision.signer,
      status: 'in_force',
    });
  });

  test('a blank signer leaves no signed decision: the outcome and the meeting day both refuse', () => {
    const r = find('deciding', 'DECIDE');
    const outcome = refused(
      send(
        workflow,
        r.from,
        r.event,
        withPayload({ decision: { ...WARNING.decision, signer: '   ' } })(r.input),
        as('council_chair'),
      ),
    );
    expect(outcome.failedGuards?.map((g) => g.name)).toEqual([
      'decisionOutcomeConsistent',
      'decisionNotBeforeVote',
    ]);
  });
});

describe('violation v4: roles', () => {
  test('no event names the system role, and a system actor may send nothing anywhere', () => {
    for (const r of VIOLATION_V4.transitions) {
      expect(refused(send(workflow, r.from, r.event, r.input, as(SYSTEM_ROLE))).reason).toBe(
        'ROLE_NOT_ALLOWED',
      );
    }
  });
});

describe('violation v4 in the catalogue the server loads', () => {
  const catalogue = loadWorkflowCatalogue(path.join(__dirname, '..', '..', '..', 'workflows'));

  test('is the same file, with the same hash', () => {
    expect(catalogue.get('violation', 4).hash).toBe(workflow.hash);
  });

  test('v5 is the latest violation version, with the same tags as v4', () => {
    expect(catalogue.latestForCaseType('violation').definition.version).toBe(5);
    for (const [state, tags] of Object.entries(VIOLATION_V4.tags!)) {
      expect([...catalogue.tagsOf({ id: 'violation', version: 5 }, state)].sort()).toEqual(
        [...tags].sort(),
      );
    }
  });

  test.each(Object.entries(VIOLATION_V4.tags!))('%s carries %p there too', (state, tags) => {
    expect([...catalogue.tagsOf({ id: 'violation', version: 4 }, state)].sort()).toEqual(
      [...tags].sort(),
    );
  });
});
