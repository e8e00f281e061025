import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HOLD_GUARDS } from '../../../src/domain/workflow/hold-steps';
import { validateMigrationPlan } from '../../../src/domain/workflow/migration-plan';
import { PUBLIC_ROLE, ROLES, SYSTEM_ROLE } from '../../../src/domain/roles';
import { loadWorkflowCatalogue } from '../../../src/workflows/workflow-files';
import {
  AWARD_NUMBER,
  COUNCIL_RULE_SET,
  DAY_AFTER_NOTICE,
  DAY_IN_NOTICE,
  documentFact,
  ELIGIBLE,
  ISSUING_UNIT,
  LAST_NOTICE_DAY,
  MEETING_DATE,
  MINUTES_DOCUMENT,
  NEEDS_REVIEW,
  NO_RECOMMENDATION,
  NOTICE_NOT_REQUIRED,
  NOTICE_REQUIRED,
  ON_HOLD,
  RECOMMENDATION,
  REVOCATION_NUMBER,
  RULE_SET,
  SESSION_ID,
  SIGNED,
  VALID_OBJECTION,
  VALID_REASON,
} from './fact-fixtures';
import type { EligibilityResult } from '../../../src/domain/rules/eligibility-types';
import { GUARDS, type GuardName } from './guard-catalogue';
import {
  accepted,
  as,
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
  type Row,
  type PayloadVariant,
  type Variant,
} from './machine-harness';

/*
 * workflows/nomination.v7.json, written out by hand (from the v6 table: v7 is v6 with the review
 * resolutions at MARK_VERIFIED and APPROVE and three optional data fields): every state × event × role (the system role
 * included: it alone sends the council's recommendation, and nothing else), each guard's refusals
 * once the payload schema has passed, the payload schema of every event (the recommendation's
 * count included), the legal dates, and the tags of every state. v6 is v5 with holds: a violation
 * case about the nominee puts the nomination on hold (HOLD, from `system` only, in every state
 * after submission up to the award) and takes the hold off (RELEASE); while any hold remains, the
 * steps towards the award (MARK_VERIFIED, OPEN_PUBLIC_NOTICE, SEND_TO_COUNCIL, APPROVE, ANNOUNCE)
 * refuse. v7: every eligibility line still needing review must be resolved, with evidence, by the
 * sender of MARK_VERIFIED and APPROVE (payload.reviewResolutions), and is then recorded with them;
 * a line resolved as failing refuses the step. Nothing expected here is read from the file at run
 * time.
 */

// ---------------------------------------------------------------------------------------------
// The case and its dates
// ---------------------------------------------------------------------------------------------

/** What the case was opened with (the dataSchema's fields). */
const DATA = { awardCode: 'chien_si_thi_dua_co_so', evaluationYear: 2025 };
/** The rule set's limit on backdating a legal date. */
const MAX_DAYS_BACK = 60;

const on = (today: string): EnteredNow => ({ today, maxDaysBack: MAX_DAYS_BACK, data: DATA });
const enteredOn =
  (today: string) =>
  (i: Input): Input => ({ ...i, entered: on(today) });
const withEntered =
  (patch: Partial<EnteredNow>) =>
  (i: Input): Input => ({ ...i, entered: { ...i.entered!, ...patch } });
/** The same input replayed from the record: no limits, nothing settled. */
const replayed = (i: Input): Input => {
  const copy = { ...i };
  delete copy.entered;
  return copy;
};
/** The row's own payload.decision, changed. */
const decisionPatched =
  (patch: Record<string, unknown>) =>
  (i: Input): Input =>
    withPayload({ decision: { ...(i.payload.decision as object), ...patch } })(i);
const decisionWithout =
  (key: string) =>
  (i: Input): Input => {
    const decision = { ...(i.payload.decision as Record<string, unknown>) };
    delete decision[key];
    return withPayload({ decision })(i);
  };

const TODAY = '2026-03-02';
/** OPEN_PUBLIC_NOTICE is entered on the day the notice opens, opensOn left to the engine. */
const NOTICE_OPENED = NOTICE_REQUIRED.opensOn!;
/**
 * The council meets after the notice (2026-04-01 to 04-14) and before the decision (04-20); its
 * recommendation arrives the day it met.
 */
const COUNCIL_DAY = MEETING_DATE;
const DECISION_DAY = '2026-04-18';
/** ANNOUNCE is entered the day after the decision (SIGNED) was signed. */
const ANNOUNCE_DAY = '2026-04-21';
/** REVOKE is entered two days after the revocation was signed. */
const REVOCATION_SIGNED = { date: '2026-09-01', signer: 'Lê Thị Bình' };
const REVOKE_DAY = '2026-09-03';
const REVOCATION_REASON = 'Thanh tra kết luận thành tích kê khai không đúng sự thật.';

const DOC_A = documentFact('bao_cao_thanh_tich', 'a');
const DOC_B = documentFact('bien_ban_binh_xet', 'b');
const NOTICE = { publicNotice: NOTICE_REQUIRED };
/** What the public door puts in the payload instead of an objector's name and contact. */
const COMMITMENT = { commitment: '0a'.repeat(32) };
const EARLIER_OBJECTION = {
  filedOn: DAY_IN_NOTICE,
  text: 'Ý kiến phản ánh thứ nhất về thành tích.',
};
const AWARD_DECISION = {
  number: AWARD_NUMBER.number,
  issuingUnit: ISSUING_UNIT,
  date: SIGNED.date,
  signer: SIGNED.signer,
  ruleSet: RULE_SET,
};

/** Before the council: verified, the notice over, one objection dismissed on the way. */
const BEFORE_COUNCIL = {
  ...NOTICE,
  eligibility: ELIGIBLE,
  documents: [DOC_A],
  objections: [EARLIER_OBJECTION],
  lastReason: { event: 'DISMISS_OBJECTION', text: VALID_REASON },
};
const RECOMMENDED = {
  ...BEFORE_COUNCIL,
  documents: [DOC_A, MINUTES_DOCUMENT],
  recommendation: { recommended: true, ...RECOMMENDATION },
};
const NOT_RECOMMENDED = {
  ...BEFORE_COUNCIL,
  documents: [DOC_A, MINUTES_DOCUMENT],
  recommendation: { recommended: false, ...NO_RECOMMENDATION },
};

// ---------------------------------------------------------------------------------------------
// Guards: what still reaches them once the payload schema has passed
// ---------------------------------------------------------------------------------------------

/** Long enough for the schema, too short once trimmed. */
const PADDED_REASON = '   abcd    ';
const PADDED_OBJECTION = '   123456789   ';

const without = (variants: readonly Variant[], ...whats: string[]) =>
  variants.filter((v) => !whats.includes(v.what));

// ---------------------------------------------------------------------------------------------
// Holds
// ---------------------------------------------------------------------------------------------

/** The violation case a row holds (or releases) with, and another one already holding. */
const CASE_1 = '0190c0de-0000-7000-8000-00000000c001';
const CASE_2 = '0190c0de-0000-7000-8000-00000000c002';
const HOLD_1 = { caseId: CASE_1, reason: 'discipline_pending', since: TODAY };
const HOLD_2 = { caseId: CASE_2, reason: 'complaint_pending', since: '2026-02-20' };
const HOLD_PAYLOAD = { violationCaseId: CASE_1, reason: 'discipline_pending' };
const RELEASE_PAYLOAD = { violationCaseId: CASE_1, outcome: 'dismissed' };

type V6GuardName = GuardName | 'notHeld' | 'notYetHeldByThatCase' | 'heldByThatCase';
type V7GuardName = V6GuardName | 'reviewLinesResolved' | 'noReviewLineResolvedAsFailing';

const V5_GUARDS: GuardCatalogue<GuardName> = {
  ...GUARDS,
  hasReason: {
    refusal: GUARDS.hasReason.refusal,
    breaking: [
      { what: 'a padded 4-character reason', change: withPayload({ reason: PADDED_REASON }) },
      { what: 'a reason of blanks only', change: withPayload({ reason: ' '.repeat(12) }) },
      {
        what: 'a 4-character reason among line breaks',
        change: withPayload({ reason: '\n\nabcd\t\n' }),
      },
    ],
    passing: GUARDS.hasReason.passing,
  },
  hasObjection: {
    refusal: GUARDS.hasObjection.refusal,
    breaking: [
      {
        what: 'a padded 9-character objection',
        change: withPayload({ objection: PADDED_OBJECTION }),
      },
      { what: 'an objection of blanks only', change: withPayload({ objection: ' '.repeat(20) }) },
    ],
    passing: GUARDS.hasObjection.passing,
  },
  hasStoredDocument: {
    refusal: GUARDS.hasStoredDocument.refusal,
    breaking: without(GUARDS.hasStoredDocument.breaking, 'a document in the payload only'),
  },
  eligibilityAllowsSubmission: {
    ...GUARDS.eligibilityAllowsSubmission,
    breaking: without(
      GUARDS.eligibilityAllowsSubmission.breaking,
      'eligibility in the payload only',
    ),
  },
  publicNoticeRequired: {
    ...GUARDS.publicNoticeRequired,
    breaking: [
      ...GUARDS.publicNoticeRequired.breaking,
      {
        what: 'a required notice without closing day',
        change: withFacts({ publicNotice: { ...NOTICE_REQUIRED, closesOn: null } }),
      },
    ],
  },
  publicNoticeNotRequired: {
    ...GUARDS.publicNoticeNotRequired,
    passing: [
      {
        what: 'an award needing no notice',
        change: withFacts({ publicNotice: NOTICE_NOT_REQUIRED }),
      },
    ],
  },
  publicNoticeOpen: {
    ...GUARDS.publicNoticeOpen,
    breaking: [
      ...GUARDS.publicNoticeOpen.breaking,
      { what: 'today the day before the notice opens', change: withFacts({ today: '2026-03-31' }) },
    ],
  },
  publicNoticeEnded: {
    ...GUARDS.publicNoticeEnded,
    breaking: without(GUARDS.publicNoticeEnded.breaking, 'today given in the payload only'),
  },
  hasSignedDecision: {
    refusal: GUARDS.hasSignedDecision.refusal,
    breaking: [
      { what: 'a blank signer', change: decisionPatched({ signer: '   ' }) },
      { what: 'no decisionNumber fact', change: withoutFact('decisionNumber') },
      {
        what: 'no signing date, replayed (nothing fills it in)',
        change: (i) => replayed(decisionWithout('date')(i)),
      },
    ],
    passing: [
      { what: 'no signing date (today is filled in)', change: decisionWithout('date') },
      { what: 'a signer inside padding', change: decisionPatched({ signer: '  Lê Văn Ba  ' }) },
      { what: 'a 200-character signer', change: decisionPatched({ signer: 'S'.repeat(200) }) },
    ],
  },
  hasRevocationGround: {
    refusal: GUARDS.hasRevocationGround.refusal,
    // The schema's enum is the guard's closed list: no payload it accepts fails the guard.
    breaking: [],
    refusedFirstBySchema: [
      { what: 'no ground', change: withoutPayload('ground'), fields: ['payload.ground'] },
      {
        what: 'a ground outside Art 93(2)',
        change: withPayload({ ground: 'no_longer_liked' }),
        fields: ['payload.ground'],
      },
      {
        what: 'a ground that is not text',
        change: withPayload({ ground: ['false_dossier'] }),
        fields: ['payload.ground', 'payload.ground'],
      },
    ],
    passing: GUARDS.hasRevocationGround.passing,
  },
};

const V6_GUARDS: GuardCatalogue<V6GuardName> = {
  ...V5_GUARDS,
  notHeld: {
    refusal: {
      vi: 'Hồ sơ đang bị tạm dừng (Nghị định 152/2025/NĐ-CP Điều 4)',
      en: 'The nomination is on hold (Decree 152/2025 Art 4)',
    },
    breaking: [
      { what: 'a hold by a pending violation case', change: withContext({ holds: [HOLD_1] }) },
      {
        what: 'one hold left of two (the other released)',
        change: withContext({ holds: [HOLD_2] }),
      },
    ],
    passing: [{ what: 'every hold released', change: withContext({ holds: [] }) }],
  },
  notYetHeldByThatCase: {
    refusal: {
      vi: 'Vụ việc này đã tạm dừng hồ sơ từ trước.',
      en: 'This case already holds the nomination.',
    },
    breaking: [
      { what: 'a second HOLD by the same case', change: withContext({ holds: [HOLD_1] }) },
    ],
    passing: [
      { what: 'no hold before', change: withContext({ holds: [] }) },
      {
        what: 'an appeal held by the same case',
        change: withPayload({ reason: 'complaint_pending' }),
      },
    ],
  },
  heldByThatCase: {
    refusal: {
      vi: 'Vụ việc này không tạm dừng hồ sơ: không có gì để gỡ.',
      en: 'This case does not hold the nomination: there is nothing to release.',
    },
    breaking: [
      { what: 'a case that holds nothing', change: withContext({ holds: [HOLD_2] }) },
      { what: 'no hold at all', change: withContext({ holds: [] }) },
    ],
    passing: [
      { what: 'its only hold', change: withContext({ holds: [HOLD_1] }) },
      { what: 'an outcome in free words', change: withPayload({ outcome: 'appeal_decided' }) },
    ],
  },
};

// ---------------------------------------------------------------------------------------------
// Review resolutions (v7)
// ---------------------------------------------------------------------------------------------

const RATING_LINE = 'prerequisite.rating.hoan_thanh_tot';
const EVIDENCE = 'Quyết định xếp loại số 12/QĐ-ĐUK ngày 15/12/2025: Hoàn thành tốt nhiệm vụ.';
const resolution = (line: string, outcome: 'pass' | 'fail' = 'pass', evidence = EVIDENCE) => ({
  line,
  outcome,
  evidence,
});
/** The eligibility as the rules left it: eligible but for a rating line a person must settle. */
const RATING_TO_REVIEW = {
  ...NEEDS_REVIEW,
  lines: [
    { ...ELIGIBLE.lines[0] },
    {
      rule: RATING_LINE,
      outcome: 'needs_review',
      reason: { vi: 'Chưa có xếp loại năm 2025', en: 'No rating recorded for 2025' },
      source: [],
    },
  ],
};

const V7_GUARDS: GuardCatalogue<V7GuardName> = {
  ...V6_GUARDS,
  // Where it also resolves the lines (v7: MARK_VERIFIED, APPROVE), a nominee needing review passes
  // once the line is resolved; every row this guard is on resolves lines.
  eligibilityAllowsProgress: {
    ...V6_GUARDS.eligibilityAllowsProgress,
    passing: [
      { what: 'an eligible nominee', change: withFacts({ eligibility: ELIGIBLE }) },
      {
        what: 'a nominee needing review, the line resolved',
        change: (i) =>
          withPayload({ reviewResolutions: [resolution('discipline.in_force')] })(
            withFacts({ eligibility: NEEDS_REVIEW })(i),
          ),
      },
    ],
  },
  reviewLinesResolved: {
    refusal: {
      vi: 'Còn dòng kiểm tra điều kiện cần xem xét chưa được kết luận',
      en: 'An eligibility line still needing review is not resolved',
    },
    breaking: [
      {
        what: 'a line needing review left unresolved',
        change: withFacts({ eligibility: RATING_TO_REVIEW }),
      },
      {
        what: 'a resolution of a line that needs no review',
        change: withPayload({ reviewResolutions: [resolution('discipline.in_force')] }),
      },
      {
        what: 'the line resolved twice',
        change: (i) =>
          withPayload({
            reviewResolutions: [resolution(RATING_LINE), resolution(RATING_LINE)],
          })(withFacts({ eligibility: RATING_TO_REVIEW })(i)),
      },
      {
        what: 'evidence of blanks around four characters',
        change: (i) =>
          withPayload({ reviewResolutions: [resolution(RATING_LINE, 'pass', '   abcd   ')] })(
            withFacts({ eligibility: RATING_TO_REVIEW })(i),
          ),
      },
    ],
    passing: [
      {
        what: 'the line needing review resolved with evidence',
        change: (i) =>
          withPayload({ reviewResolutions: [resolution(RATING_LINE)] })(
            withFacts({ eligibility: RATING_TO_REVIEW })(i),
          ),
      },
      {
        what: 'nothing to resolve and no resolutions',
        change: withPayload({ reviewResolutions: [] }),
      },
    ],
  },
  noReviewLineResolvedAsFailing: {
    refusal: {
      vi: 'Dòng kiểm tra được kết luận "không đạt"',
      en: 'A line resolved as failing makes the nominee ineligible',
    },
    breaking: [
      {
        what: 'the line needing review resolved as failing',
        change: (i) =>
          withPayload({ reviewResolutions: [resolution(RATING_LINE, 'fail')] })(
            withFacts({ eligibility: RATING_TO_REVIEW })(i),
          ),
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
  refusal('a reason it does not take', withPayload({ reason: VALID_REASON }), 'payload.reason'),
  refusal('two keys it does not take', withPayload({ a: 1, b: 2 }), 'payload.a', 'payload.b'),
];

const FACTS_IN_THE_PAYLOAD = [
  refusal(
    'eligibility in the payload',
    withPayload({ eligibility: ELIGIBLE }),
    'payload.eligibility',
  ),
  refusal('today in the payload', withPayload({ today: TODAY }), 'payload.today'),
];

/** payload.reviewResolutions the schema refuses (MARK_VERIFIED and APPROVE, v7). */
const RESOLUTION_REFUSALS = [
  refusal(
    'resolutions that are not a list',
    withPayload({ reviewResolutions: resolution(RATING_LINE) }),
    'payload.reviewResolutions',
  ),
  refusal(
    'a resolution without evidence',
    withPayload({ reviewResolutions: [{ line: RATING_LINE, outcome: 'pass' }] }),
    'payload.reviewResolutions.0.evidence',
  ),
  refusal(
    'a 4-character evidence',
    withPayload({ reviewResolutions: [resolution(RATING_LINE, 'pass', 'abcd')] }),
    'payload.reviewResolutions.0.evidence',
  ),
  refusal(
    'a 2001-character evidence',
    withPayload({ reviewResolutions: [resolution(RATING_LINE, 'pass', 'x'.repeat(2001))] }),
    'payload.reviewResolutions.0.evidence',
  ),
  refusal(
    'an outcome "needs_review"',
    withPayload({ reviewResolutions: [{ ...resolution(RATING_LINE), outcome: 'needs_review' }] }),
    'payload.reviewResolutions.0.outcome',
  ),
  refusal(
    'an empty line code',
    withPayload({ reviewResolutions: [resolution('')] }),
    'payload.reviewResolutions.0.line',
  ),
  refusal(
    'who resolved, typed in the payload',
    withPayload({ reviewResolutions: [{ ...resolution(RATING_LINE), resolvedBy: 'someone' }] }),
    'payload.reviewResolutions.0.resolvedBy',
  ),
];

const REASON_REFUSALS = [
  refusal('no reason', withoutPayload('reason'), 'payload.reason'),
  refusal('a 4-character reason', withPayload({ reason: 'abcd' }), 'payload.reason'),
  refusal('a 4001-character reason', withPayload({ reason: 'x'.repeat(4001) }), 'payload.reason'),
  refusal('a reason that is a number', withPayload({ reason: 12345678 }), 'payload.reason'),
  refusal('a null reason', withPayload({ reason: null }), 'payload.reason'),
];

/** Refusals of a payload.decision { date?, signer } (ANNOUNCE and REVOKE). */
const SIGNED_DECISION_REFUSALS = [
  refusal('no decision', withoutPayload('decision'), 'payload.decision'),
  refusal('a null decision', withPayload({ decision: null }), 'payload.decision'),
  refusal(
    'a number typed by the user',
    decisionPatched({ number: '999/QĐ-GIẢ' }),
    'payload.decision.number',
  ),
  refusal('a decision without signer', decisionWithout('signer'), 'payload.decision.signer'),
  refusal('an empty signer', decisionPatched({ signer: '' }), 'payload.decision.signer'),
  refusal(
    'a 201-character signer',
    decisionPatched({ signer: 'S'.repeat(201) }),
    'payload.decision.signer',
  ),
  refusal(
    'an impossible date (2026-02-30)',
    decisionPatched({ date: '2026-02-30' }),
    'payload.decision.date',
  ),
  refusal('a non-ISO date', decisionPatched({ date: '20/04/2026' }), 'payload.decision.date'),
];

/** The count a recommendation carries, changed. */
const countPatched = (patch: Record<string, unknown>) => withPayload(patch);
const countWithout = (key: string) => withoutPayload(key);

/** Refusals of the count COUNCIL_RECOMMENDS and COUNCIL_DOES_NOT_RECOMMEND carry. */
const COUNT_REFUSALS = [
  refusal(
    'nothing at all',
    (i) => ({ ...i, payload: {} }),
    'payload.sessionId',
    'payload.meetingDate',
    'payload.approve',
    'payload.reject',
    'payload.abstain',
    'payload.base',
    'payload.baseKind',
    'payload.needed',
    'payload.ratio',
    'payload.comparison',
    'payload.ballot',
    'payload.ruleSets',
    'payload.minutesSha256',
  ),
  refusal('no session', countWithout('sessionId'), 'payload.sessionId'),
  refusal(
    'a session that is not an id',
    countPatched({ sessionId: 'HĐ-2026-01' }),
    'payload.sessionId',
  ),
  refusal('no meeting date', countWithout('meetingDate'), 'payload.meetingDate'),
  refusal(
    'an impossible meeting date (2026-02-30)',
    countPatched({ meetingDate: '2026-02-30' }),
    'payload.meetingDate',
  ),
  refusal(
    'a meeting date written 17/04/2026',
    countPatched({ meetingDate: '17/04/2026' }),
    'payload.meetingDate',
  ),
  refusal(
    'a meeting date with its time',
    countPatched({ meetingDate: `${MEETING_DATE}T08:00:00Z` }),
    'payload.meetingDate',
  ),
  refusal(
    'a meeting date as a number',
    countPatched({ meetingDate: 20260417 }),
    'payload.meetingDate',
  ),
  refusal('a negative approval count', countPatched({ approve: -1 }), 'payload.approve'),
  refusal('a fractional rejection count', countPatched({ reject: 1.5 }), 'payload.reject'),
  refusal('an abstention count as text', countPatched({ abstain: '1' }), 'payload.abstain'),
  refusal('no base', countWithout('base'), 'payload.base'),
  refusal('a base of everyone', countPatched({ baseKind: 'everyone' }), 'payload.baseKind'),
  refusal('no fewest-needed', countWithout('needed'), 'payload.needed'),
  refusal('a ratio above 1 (70 for 70%)', countPatched({ ratio: 70 }), 'payload.ratio'),
  refusal('a negative ratio', countPatched({ ratio: -0.1 }), 'payload.ratio'),
  refusal('a comparison "eq"', countPatched({ comparison: 'eq' }), 'payload.comparison'),
  refusal('a show of hands', countPatched({ ballot: 'show_of_hands' }), 'payload.ballot'),
  refusal(
    'no council rule set',
    countPatched({ ruleSets: { award: { id: RULE_SET.id, version: RULE_SET.version } } }),
    'payload.ruleSets.council',
  ),
  refusal(
    'a rule set version as text',
    countPatched({
      ruleSets: { ...RECOMMENDATION.ruleSets, council: { ...COUNCIL_RULE_SET, version: '2' } },
    }),
    'payload.ruleSets.council.version',
  ),
  refusal(
    'a rule set with its hash',
    countPatched({
      ruleSets: {
        ...RECOMMENDATION.ruleSets,
        award: { ...RECOMMENDATION.ruleSets.award, hash: 'e' },
      },
    }),
    'payload.ruleSets.award.hash',
  ),
  refusal(
    'a minutes hash in capitals',
    countPatched({ minutesSha256: 'F'.repeat(64) }),
    'payload.minutesSha256',
  ),
  refusal(
    'a short minutes hash',
    countPatched({ minutesSha256: 'f'.repeat(63) }),
    'payload.minutesSha256',
  ),
  refusal(
    'the minutes themselves in the payload',
    countPatched({ document: MINUTES_DOCUMENT }),
    'payload.document',
  ),
  refusal(
    'who voted how, in the payload',
    countPatched({ votes: [{ personId: 'x', choice: 'approve' }] }),
    'payload.votes',
  ),
];

/**
 * Every state after submission up to the award takes HOLD and RELEASE from `system` and stays
 * where it is. Not draft (nothing is proposed yet), not announced (the award stands: a violation
 * in its period is REVOKE's ground), not the final states.
 */
const HELD_STATES = [
  'submitted',
  'verifying',
  'returned_for_supplement',
  'verified',
  'public_notice',
  'objection_review',
  'council_review',
  'recommended',
  'not_recommended',
  'approved',
];

/** HOLD adds the case's hold beside another case's; RELEASE takes off only its own. */
function holdRows(state: string) {
  const context = { eligibility: ELIGIBLE };
  return [
    row(
      state,
      'HOLD',
      state,
      ['system'],
      ['notYetHeldByThatCase'],
      enteredOn(TODAY)(input({ ...context, holds: [HOLD_2] }, HOLD_PAYLOAD, { today: TODAY })),
      { ...context, holds: [HOLD_2, HOLD_1] },
    ),
    row(
      state,
      'RELEASE',
      state,
      ['system'],
      ['heldByThatCase'],
      enteredOn(TODAY)(input({ ...context, holds: [HOLD_1, HOLD_2] }, RELEASE_PAYLOAD)),
      { ...context, holds: [HOLD_2] },
    ),
  ];
}

const NOMINATION_V7: MachineTable<V7GuardName> = {
  file: 'nomination.v7.json',
  id: 'nomination',
  version: 7,
  roles: [...ROLES, PUBLIC_ROLE, SYSTEM_ROLE],
  initial: 'draft',
  openRoles: ['unit_leader'],
  states: [
    'draft',
    'submitted',
    'verifying',
    'returned_for_supplement',
    'verified',
    'public_notice',
    'objection_review',
    'council_review',
    'recommended',
    'not_recommended',
    'approved',
    'announced',
    'rejected',
    'withdrawn',
    'revoked',
  ],
  finalStates: ['rejected', 'withdrawn', 'revoked'],
  events: {
    ATTACH_DOCUMENT: ['document'],
    SUBMIT: ['today', 'eligibility'],
    WITHDRAW: [],
    START_VERIFICATION: [],
    RETURN_FOR_SUPPLEMENT: [],
    RESUBMIT: ['today', 'eligibility'],
    MARK_VERIFIED: ['today', 'eligibility'],
    SEND_TO_COUNCIL: ['today', 'publicNotice'],
    COUNCIL_RECOMMENDS: ['document'],
    COUNCIL_DOES_NOT_RECOMMEND: ['document'],
    HOLD: ['today'],
    RELEASE: [],
    APPROVE: ['today', 'eligibility'],
    REJECT: [],
    OPEN_PUBLIC_NOTICE: ['today', 'publicNotice'],
    FILE_OBJECTION: ['today'],
    DISMISS_OBJECTION: [],
    UPHOLD_OBJECTION: [],
    ANNOUNCE: ['today', 'decisionNumber'],
    REVOKE: ['today', 'decisionNumber'],
  },
  foreignEvents: [
    'DECIDE',
    'CONFIRM',
    'CLOSE',
    'SET_AGENDA',
    'CLOSE_VOTING',
    'RECORD_MINUTES',
    'RECOMMEND',
    'NO_SUCH_EVENT',
    'submit',
    'toString',
  ],
  transitions: [
    row(
      'draft',
      'ATTACH_DOCUMENT',
      'draft',
      ['unit_leader'],
      ['hasStoredDocument'],
      enteredOn(TODAY)(input({ documents: [DOC_B] }, {}, { document: DOC_A })),
      { documents: [DOC_B, DOC_A] },
    ),
    row(
      'draft',
      'SUBMIT',
      'submitted',
      ['unit_leader'],
      ['eligibilityAllowsSubmission'],
      enteredOn(TODAY)(
        input({ documents: [DOC_A] }, {}, { today: TODAY, eligibility: NEEDS_REVIEW }),
      ),
      { documents: [DOC_A], eligibility: NEEDS_REVIEW },
    ),
    row('draft', 'WITHDRAW', 'withdrawn', ['unit_leader'], [], enteredOn(TODAY)(input({})), {}),
    row(
      'submitted',
      'START_VERIFICATION',
      'verifying',
      ['secretariat'],
      [],
      enteredOn(TODAY)(input({ eligibility: ELIGIBLE })),
      { eligibility: ELIGIBLE },
    ),
    row('submitted', 'WITHDRAW', 'withdrawn', ['unit_leader'], [], enteredOn(TODAY)(input({})), {}),
    row(
      'verifying',
      'RETURN_FOR_SUPPLEMENT',
      'returned_for_supplement',
      ['secretariat'],
      ['hasReason'],
      enteredOn(TODAY)(input({ eligibility: ELIGIBLE }, { reason: VALID_REASON })),
      { eligibility: ELIGIBLE, lastReason: { event: 'RETURN_FOR_SUPPLEMENT', text: VALID_REASON } },
    ),
    row(
      'verifying',
      'MARK_VERIFIED',
      'verified',
      ['secretariat'],
      [
        'notHeld',
        'eligibilityAllowsProgress',
        'reviewLinesResolved',
        'noReviewLineResolvedAsFailing',
      ],
      enteredOn(TODAY)(
        input({ eligibility: NEEDS_REVIEW }, {}, { today: TODAY, eligibility: ELIGIBLE }),
      ),
      { eligibility: ELIGIBLE },
    ),
    row(
      'returned_for_supplement',
      'ATTACH_DOCUMENT',
      'returned_for_supplement',
      ['unit_leader'],
      ['hasStoredDocument'],
      enteredOn(TODAY)(
        input({ documents: [DOC_A, DOC_B] }, {}, { document: documentFact(DOC_A.code, 'c') }),
      ),
      { documents: [DOC_B, documentFact(DOC_A.code, 'c')] },
    ),
    row(
      'returned_for_supplement',
      'RESUBMIT',
      'verifying',
      ['unit_leader'],
      ['eligibilityAllowsSubmission'],
      enteredOn(TODAY)(
        input({ eligibility: NEEDS_REVIEW }, {}, { today: TODAY, eligibility: ON_HOLD }),
      ),
      { eligibility: ON_HOLD },
    ),
    row(
      'returned_for_supplement',
      'WITHDRAW',
      'withdrawn',
      ['unit_leader'],
      [],
      enteredOn(TODAY)(input({})),
      {},
    ),
    {
      ...row(
        'verified',
        'OPEN_PUBLIC_NOTICE',
        'public_notice',
        ['secretariat'],
        ['notHeld', 'publicNoticeRequired'],
        enteredOn(NOTICE_OPENED)(
          input(
            { eligibility: ELIGIBLE },
            {},
            { today: NOTICE_OPENED, publicNotice: NOTICE_REQUIRED },
          ),
        ),
        { eligibility: ELIGIBLE, publicNotice: NOTICE_REQUIRED },
      ),
      recorded: { opensOn: NOTICE_OPENED },
    },
    row(
      'verified',
      'SEND_TO_COUNCIL',
      'council_review',
      ['secretariat'],
      ['notHeld', 'publicNoticeNotRequired'],
      enteredOn(TODAY)(
        input({ eligibility: ELIGIBLE }, {}, { today: TODAY, publicNotice: NOTICE_NOT_REQUIRED }),
      ),
      { eligibility: ELIGIBLE },
    ),
    row(
      'public_notice',
      'FILE_OBJECTION',
      'objection_review',
      ['public'],
      ['publicNoticeOpen', 'hasObjection'],
      enteredOn(LAST_NOTICE_DAY)(
        input(
          NOTICE,
          { objection: VALID_OBJECTION, objector: COMMITMENT },
          { today: LAST_NOTICE_DAY },
        ),
      ),
      { ...NOTICE, objections: [{ filedOn: LAST_NOTICE_DAY, text: VALID_OBJECTION }] },
    ),
    row(
      'public_notice',
      'SEND_TO_COUNCIL',
      'council_review',
      ['secretariat'],
      ['notHeld', 'publicNoticeEnded'],
      enteredOn(DAY_AFTER_NOTICE)(
        input(BEFORE_COUNCIL, {}, { today: DAY_AFTER_NOTICE, publicNotice: NOTICE_REQUIRED }),
      ),
      BEFORE_COUNCIL,
    ),
    row(
      'objection_review',
      'FILE_OBJECTION',
      'objection_review',
      ['public'],
      ['publicNoticeOpen', 'hasObjection'],
      enteredOn(DAY_IN_NOTICE)(
        input(
          { ...NOTICE, objections: [EARLIER_OBJECTION] },
          { objection: `  ${VALID_OBJECTION}\n` },
          { today: DAY_IN_NOTICE },
        ),
      ),
      {
        ...NOTICE,
        objections: [EARLIER_OBJECTION, { filedOn: DAY_IN_NOTICE, text: VALID_OBJECTION }],
      },
    ),
    row(
      'objection_review',
      'DISMISS_OBJECTION',
      'public_notice',
      ['secretariat'],
      ['hasReason'],
      enteredOn(DAY_IN_NOTICE)(
        input({ ...NOTICE, objections: [EARLIER_OBJECTION] }, { reason: VALID_REASON }),
      ),
      {
        ...NOTICE,
        objections: [EARLIER_OBJECTION],
        lastReason: { event: 'DISMISS_OBJECTION', text: VALID_REASON },
      },
    ),
    row(
      'objection_review',
      'UPHOLD_OBJECTION',
      'verifying',
      ['secretariat'],
      ['hasReason'],
      enteredOn(DAY_IN_NOTICE)(
        input({ ...NOTICE, objections: [EARLIER_OBJECTION] }, { reason: VALID_REASON }),
      ),
      {
        ...NOTICE,
        objections: [EARLIER_OBJECTION],
        lastReason: { event: 'UPHOLD_OBJECTION', text: VALID_REASON },
      },
    ),
    row(
      'council_review',
      'COUNCIL_RECOMMENDS',
      'recommended',
      ['system'],
      ['hasStoredDocument'],
      enteredOn(COUNCIL_DAY)(input(BEFORE_COUNCIL, RECOMMENDATION, { document: MINUTES_DOCUMENT })),
      RECOMMENDED,
    ),
    row(
      'council_review',
      'COUNCIL_DOES_NOT_RECOMMEND',
      'not_recommended',
      ['system'],
      ['hasStoredDocument'],
      enteredOn(COUNCIL_DAY)(
        input(BEFORE_COUNCIL, NO_RECOMMENDATION, { document: MINUTES_DOCUMENT }),
      ),
      NOT_RECOMMENDED,
    ),
    row(
      'recommended',
      'APPROVE',
      'approved',
      ['council_chair'],
      [
        'notHeld',
        'eligibilityAllowsProgress',
        'reviewLinesResolved',
        'noReviewLineResolvedAsFailing',
      ],
      enteredOn(DECISION_DAY)(
        input(
          { ...RECOMMENDED, eligibility: NEEDS_REVIEW },
          {},
          { today: DECISION_DAY, eligibility: ELIGIBLE },
        ),
      ),
      RECOMMENDED,
    ),
    row(
      'recommended',
      'REJECT',
      'rejected',
      ['council_chair'],
      ['hasReason'],
      enteredOn(DECISION_DAY)(input(RECOMMENDED, { reason: VALID_REASON })),
      { ...RECOMMENDED, lastReason: { event: 'REJECT', text: VALID_REASON } },
    ),
    row(
      'not_recommended',
      'SEND_TO_COUNCIL',
      'council_review',
      ['secretariat'],
      ['notHeld'],
      enteredOn(DECISION_DAY)(
        input(NOT_RECOMMENDED, {}, { today: DECISION_DAY, publicNotice: NOTICE_REQUIRED }),
      ),
      NOT_RECOMMENDED,
    ),
    row(
      'not_recommended',
      'REJECT',
      'rejected',
      ['council_chair'],
      ['hasReason'],
      enteredOn(DECISION_DAY)(input(NOT_RECOMMENDED, { reason: VALID_REASON })),
      { ...NOT_RECOMMENDED, lastReason: { event: 'REJECT', text: VALID_REASON } },
    ),
    row(
      'approved',
      'ANNOUNCE',
      'announced',
      ['secretariat'],
      ['notHeld', 'hasSignedDecision'],
      enteredOn(ANNOUNCE_DAY)(
        input(
          RECOMMENDED,
          { decision: SIGNED },
          { today: ANNOUNCE_DAY, decisionNumber: AWARD_NUMBER },
        ),
      ),
      { ...RECOMMENDED, decision: AWARD_DECISION },
    ),
    row(
      'announced',
      'REVOKE',
      'revoked',
      ['council_chair'],
      ['hasSignedDecision', 'hasRevocationGround', 'hasReason'],
      enteredOn(REVOKE_DAY)(
        input(
          { decision: AWARD_DECISION },
          { decision: REVOCATION_SIGNED, ground: 'false_dossier', reason: REVOCATION_REASON },
          { today: REVOKE_DAY, decisionNumber: REVOCATION_NUMBER },
        ),
      ),
      {
        decision: AWARD_DECISION,
        revocation: {
          number: REVOCATION_NUMBER.number,
          issuingUnit: ISSUING_UNIT,
          date: REVOCATION_SIGNED.date,
          signer: REVOCATION_SIGNED.signer,
          ground: 'false_dossier',
          reason: REVOCATION_REASON,
        },
      },
    ),
    ...HELD_STATES.flatMap((state) => holdRows(state)),
  ],
  fullInput: input(
    { ...NOTICE, eligibility: ELIGIBLE },
    {
      reason: VALID_REASON,
      decision: SIGNED,
      ground: 'false_dossier',
      objection: VALID_OBJECTION,
      ...RECOMMENDATION,
      ...RELEASE_PAYLOAD,
    },
    {
      today: LAST_NOTICE_DAY,
      eligibility: ELIGIBLE,
      publicNotice: NOTICE_REQUIRED,
      decisionNumber: AWARD_NUMBER,
      document: MINUTES_DOCUMENT,
    },
  ),
  guards: V7_GUARDS,
  // No facts (every fact guard refuses, and hasSignedDecision lacks its number), and text the
  // schema accepts but the text guards do not; hasRevocationGround cannot be made to refuse. The
  // hold guards refuse on the holds: held already (or at all), or held by nothing.
  everyGuardRefuses: (r) => ({
    ...r.input,
    context: {
      ...r.input.context,
      ...(r.guards.includes('notHeld') || r.guards.includes('notYetHeldByThatCase')
        ? { holds: [HOLD_1] }
        : {}),
      ...(r.guards.includes('heldByThatCase') ? { holds: [] } : {}),
    },
    facts: {},
    payload: {
      ...r.input.payload,
      ...(r.guards.includes('hasReason') ? { reason: PADDED_REASON } : {}),
      ...(r.guards.includes('hasObjection') ? { objection: PADDED_OBJECTION } : {}),
      // A line that needs no review (there is no eligibility at all), resolved as failing.
      ...(r.guards.includes('reviewLinesResolved')
        ? { reviewResolutions: [resolution('discipline.in_force', 'fail')] }
        : {}),
    },
  }),
  openPayload: { subject: { name: 'Trần Xuân Lâm', unit: 'Phòng Tổ chức' }, data: DATA },
  refusesUnknownPayloadKeys: true,
  payloadRefusals: {
    ATTACH_DOCUMENT: [
      refusal('a document in the payload', withPayload({ document: DOC_B }), 'payload.document'),
    ],
    SUBMIT: FACTS_IN_THE_PAYLOAD,
    RESUBMIT: FACTS_IN_THE_PAYLOAD,
    MARK_VERIFIED: [...FACTS_IN_THE_PAYLOAD, ...RESOLUTION_REFUSALS],
    APPROVE: [
      ...FACTS_IN_THE_PAYLOAD,
      ...RESOLUTION_REFUSALS,
      refusal(
        'the council’s count restated by the head',
        withPayload({ approve: 9 }),
        'payload.approve',
      ),
    ],
    SEND_TO_COUNCIL: [
      ...TAKES_NOTHING,
      refusal(
        'the notice itself in the payload',
        withPayload({ publicNotice: NOTICE_NOT_REQUIRED }),
        'payload.publicNotice',
      ),
      refusal(
        'a session chosen by the user',
        withPayload({ sessionId: SESSION_ID }),
        'payload.sessionId',
      ),
    ],
    WITHDRAW: TAKES_NOTHING,
    START_VERIFICATION: TAKES_NOTHING,
    COUNCIL_RECOMMENDS: COUNT_REFUSALS,
    COUNCIL_DOES_NOT_RECOMMEND: COUNT_REFUSALS,
    RETURN_FOR_SUPPLEMENT: REASON_REFUSALS,
    REJECT: REASON_REFUSALS,
    DISMISS_OBJECTION: REASON_REFUSALS,
    UPHOLD_OBJECTION: REASON_REFUSALS,
    OPEN_PUBLIC_NOTICE: [
      refusal('an impossible opensOn', withPayload({ opensOn: '2026-04-31' }), 'payload.opensOn'),
      refusal('an opensOn tomorrow', withPayload({ opensOn: '2026-04-02' }), 'payload.opensOn'),
      refusal(
        'an opensOn 61 days back (maxDaysBack 60)',
        withPayload({ opensOn: '2026-01-30' }),
        'payload.opensOn',
      ),
      refusal('today in the payload', withPayload({ today: NOTICE_OPENED }), 'payload.today'),
    ],
    FILE_OBJECTION: [
      refusal('no objection', withoutPayload('objection'), 'payload.objection'),
      refusal(
        'a 9-character objection',
        withPayload({ objection: '123456789' }),
        'payload.objection',
      ),
      refusal(
        'a 4001-character objection',
        withPayload({ objection: 'x'.repeat(4001) }),
        'payload.objection',
      ),
      refusal(
        'the objector’s name in the record',
        withPayload({ name: 'Nguyễn Thị Hoa' }),
        'payload.name',
      ),
      refusal(
        'the objector’s contact in the record',
        withPayload({ contact: '0912 345 678' }),
        'payload.contact',
      ),
      refusal(
        'the name inside the objector',
        withPayload({ objector: { ...COMMITMENT, name: 'Nguyễn Thị Hoa' } }),
        'payload.objector.name',
      ),
      refusal(
        'an objector without commitment',
        withPayload({ objector: {} }),
        'payload.objector.commitment',
      ),
      refusal(
        'a commitment that is not a SHA-256',
        withPayload({ objector: { commitment: 'Nguyễn Thị Hoa' } }),
        'payload.objector.commitment',
      ),
      refusal(
        'the filing day in the payload',
        withPayload({ today: DAY_IN_NOTICE }),
        'payload.today',
      ),
    ],
    ANNOUNCE: [
      ...SIGNED_DECISION_REFUSALS,
      refusal(
        'a signing date tomorrow',
        decisionPatched({ date: '2026-04-22' }),
        'payload.decision.date',
      ),
      refusal(
        'a signing date the day before the council met',
        decisionPatched({ date: '2026-04-16' }),
        'payload.decision.date',
      ),
      refusal(
        'a signing date on the last day of the notice (before the council met, too)',
        decisionPatched({ date: LAST_NOTICE_DAY }),
        'payload.decision.date',
        'payload.decision.date',
      ),
      refusal(
        'a signing date before the notice opened (and before the council met)',
        decisionPatched({ date: '2026-03-31' }),
        'payload.decision.date',
        'payload.decision.date',
        'payload.decision.date',
      ),
      refusal(
        'a signing date beyond maxDaysBack (3)',
        (i) => withEntered({ maxDaysBack: 3 })(decisionPatched({ date: '2026-04-17' })(i)),
        'payload.decision.date',
      ),
    ],
    HOLD: [
      refusal('no case', withoutPayload('violationCaseId'), 'payload.violationCaseId'),
      refusal(
        'a case that is not an id',
        withPayload({ violationCaseId: 'VP-2026-01' }),
        'payload.violationCaseId',
      ),
      refusal('no reason', withoutPayload('reason'), 'payload.reason'),
      refusal(
        'a reason outside the rule set’s codes',
        withPayload({ reason: 'rumour' }),
        'payload.reason',
      ),
      refusal('the day in the payload', withPayload({ since: TODAY }), 'payload.since'),
    ],
    RELEASE: [
      refusal('no case', withoutPayload('violationCaseId'), 'payload.violationCaseId'),
      refusal('no outcome', withoutPayload('outcome'), 'payload.outcome'),
      refusal('an empty outcome', withPayload({ outcome: '' }), 'payload.outcome'),
      refusal(
        'a 101-character outcome',
        withPayload({ outcome: 'x'.repeat(101) }),
        'payload.outcome',
      ),
    ],
    REVOKE: [
      ...SIGNED_DECISION_REFUSALS,
      ...REASON_REFUSALS,
      refusal(
        'a signing date before the award was signed',
        (i) => withEntered({ maxDaysBack: undefined })(decisionPatched({ date: '2026-04-19' })(i)),
        'payload.decision.date',
      ),
    ],
  },
  tags: {
    public_notice: ['under_public_notice'],
    objection_review: ['under_public_notice', 'objection_under_review'],
    council_review: ['awaiting_council'],
    announced: ['granted'],
    rejected: ['rejected', 'closed'],
    withdrawn: ['withdrawn', 'closed'],
    revoked: ['revoked', 'closed'],
  },
};

describeMachineTable(NOMINATION_V7);

/*
 * workflows/nomination.v8.json: v7 with timers (which change no transition) and proposals to the
 * competent level (issue 17). APPROVE also needs the unit to grant the award itself (grantedHere:
 * eligibility's grantor.authority line on the `own` route, or no such line where the registry
 * records no authorities); otherwise an award proposal sends PROPOSE_UPWARD, the nomination waits
 * `with_superior`, and the proposal's recorded decision grants it (SUPERIOR_GRANTED, to
 * `announced`) or declines it (SUPERIOR_DECLINED). Holds reach it there too.
 */
type V8GuardName =
  V7GuardName | 'grantedHere' | 'hasProposal' | 'fromItsProposal' | 'hasSuperiorDecision';

const PROPOSAL_ID = '0190b8a0-0000-7000-8000-0000000000a1';
const OTHER_PROPOSAL_ID = '0190b8a0-0000-7000-8000-0000000000a2';
const PROPOSAL_NUMBER = '3-TTr/ĐUK';
const PROPOSAL_PAYLOAD = { proposalId: PROPOSAL_ID, proposalNumber: PROPOSAL_NUMBER };
const PROPOSED = {
  ...RECOMMENDED,
  proposal: { id: PROPOSAL_ID, number: PROPOSAL_NUMBER, sentOn: DECISION_DAY },
};
const SUPERIOR_DECISION = {
  number: '345/QĐ-UBND',
  date: ANNOUNCE_DAY,
  grantor: 'Chủ tịch Ủy ban nhân dân tỉnh',
};
/** Eligibility whose grantor line sends the award elsewhere (`upward`, or a unit `below`). */
const grantedElsewhere = (route: 'upward' | 'below' | 'outside') => ({
  ...ELIGIBLE,
  lines: [
    ...ELIGIBLE.lines,
    {
      rule: 'grantor.authority',
      outcome: route === 'below' ? 'fail' : 'pass',
      reason: { vi: `Tuyến ${route}`, en: `Route ${route}` },
      source: [],
      details: { route },
    },
  ],
});
const GRANTED_HERE = {
  ...ELIGIBLE,
  lines: [
    ...ELIGIBLE.lines,
    {
      rule: 'grantor.authority',
      outcome: 'pass',
      reason: { vi: 'Tuyến own', en: 'Route own' },
      source: [],
      details: { route: 'own' },
    },
  ],
};

const V8_GUARDS: GuardCatalogue<V8GuardName> = {
  ...V7_GUARDS,
  grantedHere: {
    refusal: { vi: 'trình lên cấp có thẩm quyền', en: 'propose it to the competent level' },
    breaking: [
      {
        what: 'an award granted above',
        change: withFacts({ eligibility: grantedElsewhere('upward') }),
      },
      {
        what: 'an award granted outside',
        change: withFacts({ eligibility: grantedElsewhere('outside') }),
      },
    ],
    passing: [
      { what: 'an award this unit grants', change: withFacts({ eligibility: GRANTED_HERE }) },
      { what: 'no grantor.authority line', change: withFacts({ eligibility: ELIGIBLE }) },
    ],
  },
  hasProposal: {
    refusal: { vi: 'Cần tờ trình đề nghị', en: 'The proposal is required' },
    breaking: [{ what: 'a blank proposal number', change: withPayload({ proposalNumber: '   ' }) }],
    passing: [{ what: 'a proposal', change: withPayload(PROPOSAL_PAYLOAD) }],
  },
  fromItsProposal: {
    refusal: { vi: 'không nằm trong tờ trình này', en: 'not in this proposal' },
    breaking: [
      { what: 'another proposal', change: withPayload({ proposalId: OTHER_PROPOSAL_ID }) },
      { what: 'no proposal on the case', change: withContext({ proposal: undefined }) },
    ],
    passing: [{ what: 'its proposal', change: withPayload({ proposalId: PROPOSAL_ID }) }],
  },
  hasSuperiorDecision: {
    refusal: { vi: 'Cần số, ngày ký', en: 'decision number, signing date and grantor' },
    breaking: [
      {
        what: 'a blank grantor',
        change: withPayload({ decision: { ...SUPERIOR_DECISION, grantor: '  ' } }),
      },
    ],
    passing: [{ what: 'a decision', change: withPayload({ decision: SUPERIOR_DECISION }) }],
  },
};

const V8_STATES = NOMINATION_V7.states.flatMap((state) =>
  state === 'approved' ? [state, 'with_superior'] : [state],
);

const NOMINATION_V8: MachineTable<V8GuardName> = {
  ...NOMINATION_V7,
  file: 'nomination.v8.json',
  version: 8,
  states: V8_STATES,
  events: {
    ...NOMINATION_V7.events,
    PROPOSE_UPWARD: ['today'],
    SUPERIOR_GRANTED: [],
    SUPERIOR_DECLINED: [],
  },
  tags: { ...NOMINATION_V7.tags, with_superior: ['with_superior'] },
  transitions: [
    ...NOMINATION_V7.transitions.map((r) =>
      r.from === 'recommended' && r.event === 'APPROVE'
        ? {
            ...r,
            guards: [
              'notHeld',
              'eligibilityAllowsProgress',
              'grantedHere',
              'reviewLinesResolved',
              'noReviewLineResolvedAsFailing',
            ] as V8GuardName[],
          }
        : r,
    ),
    row(
      'recommended',
      'PROPOSE_UPWARD',
      'with_superior',
      ['system'],
      ['notHeld', 'hasProposal'],
      enteredOn(DECISION_DAY)(input(RECOMMENDED, PROPOSAL_PAYLOAD, { today: DECISION_DAY })),
      PROPOSED,
    ),
    row(
      'with_superior',
      'SUPERIOR_GRANTED',
      'announced',
      ['system'],
      ['fromItsProposal', 'notHeld', 'hasSuperiorDecision'],
      enteredOn(ANNOUNCE_DAY)(
        input(PROPOSED, { proposalId: PROPOSAL_ID, decision: SUPERIOR_DECISION }),
      ),
      {
        ...PROPOSED,
        decision: {
          ...SUPERIOR_DECISION,
          issuingUnit: null,
          signer: null,
          ruleSet: RULE_SET,
          proposalId: PROPOSAL_ID,
        },
      },
    ),
    row(
      'with_superior',
      'SUPERIOR_DECLINED',
      'rejected',
      ['system'],
      ['fromItsProposal', 'hasReason'],
      enteredOn(ANNOUNCE_DAY)(input(PROPOSED, { proposalId: PROPOSAL_ID, reason: VALID_REASON })),
      { ...PROPOSED, lastReason: { event: 'SUPERIOR_DECLINED', text: VALID_REASON } },
    ),
    ...holdRows('with_superior'),
  ],
  guards: V8_GUARDS,
  everyGuardRefuses: (r) => {
    const base = NOMINATION_V7.everyGuardRefuses!(r as Row<V7GuardName>);
    return {
      ...base,
      context: {
        ...base.context,
        ...(r.guards.includes('fromItsProposal') ? { proposal: undefined } : {}),
      },
      facts: r.guards.includes('grantedHere')
        ? { eligibility: { ...grantedElsewhere('upward'), outcome: 'ineligible' } }
        : base.facts,
      payload: {
        ...base.payload,
        ...(r.guards.includes('hasProposal') ? { proposalNumber: '   ' } : {}),
        ...(r.guards.includes('hasSuperiorDecision')
          ? { decision: { ...SUPERIOR_DECISION, grantor: '  ' } }
          : {}),
      },
    };
  },
  payloadRefusals: {
    ...NOMINATION_V7.payloadRefusals,
    PROPOSE_UPWARD: [
      refusal('no proposal number', withoutPayload('proposalNumber'), 'payload.proposalNumber'),
      refusal(
        'a proposal id that is no uuid',
        withPayload({ proposalId: 'p-1' }),
        'payload.proposalId',
      ),
    ],
    SUPERIOR_GRANTED: [
      refusal('no decision', withoutPayload('decision'), 'payload.decision'),
      refusal(
        'a decision without grantor',
        withPayload({ decision: { number: '1/QĐ-UBND', date: ANNOUNCE_DAY } }),
        'payload.decision.grantor',
      ),
    ],
    SUPERIOR_DECLINED: [
      refusal('no reason', withoutPayload('reason'), 'payload.reason'),
      refusal('a 4-character reason', withPayload({ reason: 'abcd' }), 'payload.reason'),
    ],
  },
};

describeMachineTable(NOMINATION_V8);

/*
 * workflows/nomination.v9.json: v8 whose eligibility checks (SUBMIT, MARK_VERIFIED, RESUBMIT,
 * APPROVE) keep on the case only the outcome, the rule set and the lines that did not pass
 * (recordEligibilityOutcome); the full report stays in the record's facts. Every transition,
 * guard and refusal is v8's; only those rows' contexts after the step differ.
 */
const CHECKS_ELIGIBILITY = ['SUBMIT', 'MARK_VERIFIED', 'RESUBMIT', 'APPROVE'];

/** What v9 keeps of a report, written out independently of the code under test. */
function keptOnTheCase(report: {
  outcome: string;
  lines: { outcome: string }[];
  ruleSet: unknown;
}) {
  return {
    outcome: report.outcome,
    ruleSet: report.ruleSet,
    linesNotPassed: report.lines.filter((line) => line.outcome !== 'pass'),
    passedLines: report.lines.filter((line) => line.outcome === 'pass').length,
  };
}

const NOMINATION_V9: MachineTable<V8GuardName> = {
  ...NOMINATION_V8,
  file: 'nomination.v9.json',
  version: 9,
  transitions: NOMINATION_V8.transitions.map((r) => {
    if (!CHECKS_ELIGIBILITY.includes(r.event)) return r;
    const judged = r.input.facts.eligibility;
    // v8 kept the whole report: the row says so, or this table's premise is wrong.
    if (judged === undefined || r.after.eligibility !== judged) {
      throw new Error(`${r.from} ${r.event}: v8 does not record the event's eligibility`);
    }
    return { ...r, after: { ...r.after, eligibility: keptOnTheCase(judged as EligibilityResult) } };
  }),
};

describeMachineTable(NOMINATION_V9);

describe('nomination v9 keeps the outcome and the lines that did not pass', () => {
  const v9 = workflowOf(NOMINATION_V9);
  const submit = findRow(NOMINATION_V9, 'draft', 'SUBMIT');

  test('an eligible nominee: the outcome, the rule set, no line, and how many passed', () => {
    const done = accepted(
      send(
        v9,
        'draft',
        'SUBMIT',
        withFacts({ eligibility: GRANTED_HERE })(submit.input),
        as('unit_leader'),
      ),
    );
    expect(done.snapshot.context.eligibility).toEqual({
      outcome: 'eligible',
      ruleSet: RULE_SET,
      linesNotPassed: [],
      passedLines: 2,
    });
    // The record keeps the whole report, every passing line with it.
    expect(done.record.facts?.eligibility).toEqual(GRANTED_HERE);
  });

  test('a line left for review is kept as judged, reason and source included', () => {
    const done = accepted(
      send(
        v9,
        'draft',
        'SUBMIT',
        withFacts({ eligibility: RATING_TO_REVIEW })(submit.input),
        as('unit_leader'),
      ),
    );
    expect(done.snapshot.context.eligibility).toEqual({
      outcome: 'needs_review',
      ruleSet: RULE_SET,
      linesNotPassed: [RATING_TO_REVIEW.lines[1]],
      passedLines: 1,
    });
  });

  test('the v8 to v9 plan keeps every open state, and the loader accepts it', () => {
    const catalogue = loadWorkflowCatalogue(path.join(__dirname, '..', '..', '..', 'workflows'));
    const source = path.join(__dirname, '..', '..', '..', 'workflows', 'migrations');
    const file = path.join(source, 'nomination.v8-to-v9.json');
    const plan = validateMigrationPlan(JSON.parse(readFileSync(file, 'utf8')), file, (id, v) =>
      catalogue.get(id, v),
    );
    const open = NOMINATION_V8.states.filter((s) => !NOMINATION_V8.finalStates.includes(s));
    expect(plan.states).toEqual(Object.fromEntries(open.map((s) => [s, s])));
    expect(catalogue.latestForCaseType('nomination').definition.version).toBe(9);
  });
});

describeMachinePaths(NOMINATION_V7, [
  {
    name: 'held and released twice, then to the council, approved, announced, revoked',
    opener: 'unit_leader',
    steps: [
      'SUBMIT',
      'HOLD',
      'RELEASE',
      'START_VERIFICATION',
      'MARK_VERIFIED',
      'HOLD',
      'RELEASE',
      'SEND_TO_COUNCIL',
      'COUNCIL_RECOMMENDS',
      'APPROVE',
      'ANNOUNCE',
      'REVOKE',
    ],
    states: [
      'draft',
      'submitted',
      'submitted',
      'submitted',
      'verifying',
      'verified',
      'verified',
      'verified',
      'council_review',
      'recommended',
      'approved',
      'announced',
      'revoked',
    ],
  },
  {
    name: 'notice, a dismissed objection, the council recommends, the head approves, announced, revoked',
    opener: 'unit_leader',
    steps: [
      'ATTACH_DOCUMENT',
      'SUBMIT',
      'START_VERIFICATION',
      'MARK_VERIFIED',
      'OPEN_PUBLIC_NOTICE',
      'FILE_OBJECTION',
      'DISMISS_OBJECTION',
      'SEND_TO_COUNCIL',
      'COUNCIL_RECOMMENDS',
      'APPROVE',
      'ANNOUNCE',
      'REVOKE',
    ],
    states: [
      'draft',
      'draft',
      'submitted',
      'verifying',
      'verified',
      'public_notice',
      'objection_review',
      'public_notice',
      'council_review',
      'recommended',
      'approved',
      'announced',
      'revoked',
    ],
  },
  {
    name: 'no notice needed: straight to the council, recommended, the head rejects',
    opener: 'unit_leader',
    steps: [
      'SUBMIT',
      'START_VERIFICATION',
      'MARK_VERIFIED',
      'SEND_TO_COUNCIL',
      'COUNCIL_RECOMMENDS',
      'REJECT',
    ],
    states: [
      'draft',
      'submitted',
      'verifying',
      'verified',
      'council_review',
      'recommended',
      'rejected',
    ],
  },
  {
    name: 'not recommended, put before the council again, not recommended, rejected',
    opener: 'unit_leader',
    steps: [
      'SUBMIT',
      'START_VERIFICATION',
      'MARK_VERIFIED',
      'SEND_TO_COUNCIL',
      'COUNCIL_DOES_NOT_RECOMMEND',
      'SEND_TO_COUNCIL',
      'COUNCIL_DOES_NOT_RECOMMEND',
      'REJECT',
    ],
    states: [
      'draft',
      'submitted',
      'verifying',
      'verified',
      'council_review',
      'not_recommended',
      'council_review',
      'not_recommended',
      'rejected',
    ],
  },
  {
    name: 'an objection upheld: verified again, returned, withdrawn',
    opener: 'unit_leader',
    steps: [
      'SUBMIT',
      'START_VERIFICATION',
      'MARK_VERIFIED',
      'OPEN_PUBLIC_NOTICE',
      'FILE_OBJECTION',
      'UPHOLD_OBJECTION',
      'RETURN_FOR_SUPPLEMENT',
      'WITHDRAW',
    ],
    states: [
      'draft',
      'submitted',
      'verifying',
      'verified',
      'public_notice',
      'objection_review',
      'verifying',
      'returned_for_supplement',
      'withdrawn',
    ],
  },
]);

// ---------------------------------------------------------------------------------------------
// What the table cannot say in a row
// ---------------------------------------------------------------------------------------------

const workflow = workflowOf(NOMINATION_V7);
const SYSTEM = as('system');
const holdEvent = (type: 'HOLD' | 'RELEASE', payload: Record<string, unknown>) =>
  ({ type, payload, actor: SYSTEM, facts: { today: TODAY } }) as const;

describe('nomination v7: a held nomination', () => {
  const sendOn = (
    state: string,
    context: Record<string, unknown>,
    event: string,
    change: (i: Input) => Input = (i) => i,
  ) => {
    const r = findRow(NOMINATION_V7, state, event);
    return send(workflow, state, event, change({ ...r.input, context }), as(r.roles[0]));
  };

  test('goes towards the award only once its last hold is released', () => {
    const verified = { eligibility: ELIGIBLE };
    const heldTwice = { ...verified, holds: [HOLD_1, HOLD_2] };
    expect(refused(sendOn('verified', heldTwice, 'SEND_TO_COUNCIL')).failedGuards).toEqual([
      { name: 'notHeld', message: expect.anything() },
    ]);
    const once = accepted(
      sendOn('verified', heldTwice, 'RELEASE', withPayload({ violationCaseId: CASE_2 })),
    );
    expect(once.snapshot.context.holds).toEqual([HOLD_1]);
    expect(refused(sendOn('verified', once.snapshot.context, 'SEND_TO_COUNCIL')).reason).toBe(
      'GUARD_FAILED',
    );
    const free = accepted(sendOn('verified', once.snapshot.context, 'RELEASE'));
    expect(free.snapshot.context.holds).toEqual([]);
    expect(
      accepted(sendOn('verified', free.snapshot.context, 'SEND_TO_COUNCIL')).snapshot.state,
    ).toBe('council_review');
  });

  // Only the steps towards the award wait; the dossier can still be returned, withdrawn or
  // rejected, and a session already voting closes (its recommendation waits for the head).
  test.each([
    ['verifying', 'RETURN_FOR_SUPPLEMENT', 'returned_for_supplement'],
    ['returned_for_supplement', 'RESUBMIT', 'verifying'],
    ['submitted', 'WITHDRAW', 'withdrawn'],
    ['council_review', 'COUNCIL_RECOMMENDS', 'recommended'],
    ['recommended', 'REJECT', 'rejected'],
    ['objection_review', 'UPHOLD_OBJECTION', 'verifying'],
  ])('in %s, %s goes on while held, and the hold goes with it', (state, event, to) => {
    const r = findRow(NOMINATION_V7, state, event);
    const outcome = accepted(sendOn(state, { ...r.input.context, holds: [HOLD_1] }, event));
    expect(outcome.snapshot.state).toBe(to);
    expect(outcome.snapshot.context.holds).toEqual([HOLD_1]);
  });

  test('HOLD is dated by the today fact it is sent with, not by anything in the payload', () => {
    const outcome = accepted(sendOn('approved', {}, 'HOLD', withFacts({ today: '2026-05-04' })));
    expect(outcome.snapshot.context.holds).toEqual([{ ...HOLD_1, since: '2026-05-04' }]);
    expect(outcome.record.facts).toEqual({ today: '2026-05-04' });
  });

  test('a draft and an announced award take no hold', () => {
    for (const state of ['draft', 'announced']) {
      const refusal = refused(
        send(workflow, state, 'HOLD', input({}, HOLD_PAYLOAD, { today: TODAY }), SYSTEM),
      );
      expect(refusal.reason).toBe('EVENT_NOT_ALLOWED_IN_STATE');
    }
  });

  test('the refusal can name the cases that hold (for the engine to show)', () => {
    const words = HOLD_GUARDS.notHeld.refusalFor!({
      context: { holds: [HOLD_1, HOLD_2] },
      event: holdEvent('HOLD', {}),
    });
    for (const text of [words.vi, words.en]) {
      expect(text).toContain(CASE_1);
      expect(text).toContain(CASE_2);
    }
    const release = HOLD_GUARDS.heldByThatCase.refusalFor!({
      context: {},
      event: holdEvent('RELEASE', RELEASE_PAYLOAD),
    });
    expect(release.en).toContain(CASE_1);
    expect(release.vi).toContain(CASE_1);
  });
});

describe('nomination v7 in the catalogue the server loads', () => {
  const catalogue = loadWorkflowCatalogue(path.join(__dirname, '..', '..', '..', 'workflows'));

  test('is the same file, with the same hash (v8 adds timers, v9 keeps less on the case)', () => {
    expect(catalogue.get('nomination', 7).hash).toBe(workflow.hash);
    expect(catalogue.latestForCaseType('nomination').definition.version).toBe(9);
  });

  test.each(NOMINATION_V7.states)('%s carries the same tags there', (state) => {
    expect([...catalogue.tagsOf({ id: 'nomination', version: 7 }, state)].sort()).toEqual(
      [...(NOMINATION_V7.tags![state] ?? [])].sort(),
    );
  });

  test('the v6 to v7 plan keeps every open state, and the loader accepts it', () => {
    const source = path.join(
      __dirname,
      '..',
      '..',
      '..',
      'workflows',
      'migrations',
      'nomination.v6-to-v7.json',
    );
    const plan = validateMigrationPlan(JSON.parse(readFileSync(source, 'utf8')), source, (id, v) =>
      catalogue.get(id, v),
    );
    expect(plan.states).toEqual({
      draft: 'draft',
      submitted: 'submitted',
      verifying: 'verifying',
      returned_for_supplement: 'returned_for_supplement',
      verified: 'verified',
      public_notice: 'public_notice',
      objection_review: 'objection_review',
      council_review: 'council_review',
      recommended: 'recommended',
      not_recommended: 'not_recommended',
      approved: 'approved',
      announced: 'announced',
    });
  });
});

describe('nomination v7: lines needing review', () => {
  const resolvedOn = (state: string, event: string, day: string, sender: string) => {
    const r = findRow(NOMINATION_V7, state, event);
    const i = withPayload({ reviewResolutions: [resolution(RATING_LINE)] })(
      withFacts({ today: day, eligibility: RATING_TO_REVIEW })(r.input),
    );
    return accepted(send(workflow, state, event, i, { ...as(r.roles[0]), userId: sender }));
  };

  test('the secretariat and then the head each resolve them, and both stay recorded', () => {
    const verified = resolvedOn('verifying', 'MARK_VERIFIED', TODAY, 'u-secretariat');
    expect(verified.snapshot.context.reviewResolutions).toEqual([
      {
        ...resolution(RATING_LINE),
        event: 'MARK_VERIFIED',
        resolvedOn: TODAY,
        resolvedBy: 'u-secretariat',
      },
    ]);
    expect(verified.record.payload).toEqual({ reviewResolutions: [resolution(RATING_LINE)] });
    const r = findRow(NOMINATION_V7, 'recommended', 'APPROVE');
    const approved = accepted(
      send(
        workflow,
        'recommended',
        'APPROVE',
        withPayload({ reviewResolutions: [resolution(RATING_LINE)] })(
          withFacts({ today: DECISION_DAY, eligibility: RATING_TO_REVIEW })({
            ...r.input,
            context: { ...r.input.context, ...verified.snapshot.context },
          }),
        ),
        { ...as('council_chair'), userId: 'u-head' },
      ),
    );
    expect(approved.snapshot.context.reviewResolutions).toEqual([
      ...(verified.snapshot.context.reviewResolutions as unknown[]),
      {
        ...resolution(RATING_LINE),
        event: 'APPROVE',
        resolvedOn: DECISION_DAY,
        resolvedBy: 'u-head',
      },
    ]);
  });

  test('the refusal names the lines left unresolved and those resolved as failing', () => {
    const r = findRow(NOMINATION_V7, 'verifying', 'MARK_VERIFIED');
    const unresolved = refused(
      send(
        workflow,
        'verifying',
        'MARK_VERIFIED',
        withFacts({ eligibility: RATING_TO_REVIEW })(r.input),
        as('secretariat'),
      ),
    );
    expect(unresolved.message.en).toContain(RATING_LINE);
    expect(unresolved.message.vi).toContain(RATING_LINE);
    const failing = refused(
      send(
        workflow,
        'verifying',
        'MARK_VERIFIED',
        withPayload({ reviewResolutions: [resolution(RATING_LINE, 'fail')] })(
          withFacts({ eligibility: RATING_TO_REVIEW })(r.input),
        ),
        as('secretariat'),
      ),
    );
    expect(failing.failedGuards).toEqual([
      { name: 'noReviewLineResolvedAsFailing', message: expect.anything() },
    ]);
    expect(failing.message.en).toContain(RATING_LINE);
  });
});
