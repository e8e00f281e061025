import path from 'node:path';
import { PUBLIC_ROLE, ROLES, SYSTEM_ROLE } from '../../../src/domain/roles';
import { REVOCATION_GROUNDS } from '../../../src/domain/workflow/commendation-steps';
import { step } from '../../../src/domain/workflow/step';
import { loadWorkflowCatalogue } from '../../../src/workflows/workflow-files';
import {
  AWARD_NUMBER,
  DAY_AFTER_NOTICE,
  DAY_IN_NOTICE,
  documentFact,
  ELIGIBLE,
  ISSUING_UNIT,
  LAST_NOTICE_DAY,
  NEEDS_REVIEW,
  NOTICE_NOT_REQUIRED,
  NOTICE_REQUIRED,
  ON_HOLD,
  REVOCATION_NUMBER,
  RULE_SET,
  SIGNED,
  VALID_OBJECTION,
  VALID_REASON,
} from './fact-fixtures';
import { GUARDS, type GuardName } from './guard-catalogue';
import {
  accepted,
  as,
  clone,
  describeMachinePaths,
  describeMachineTable,
  findRow,
  input,
  position,
  refused,
  row,
  send,
  snapshotOf,
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
  type Variant,
} from './machine-harness';

/*
 * workflows/nomination.v3.json, written out by hand: every state × event × role (the system role
 * included, which no event accepts), each guard's refusals once the payload schema has passed, the
 * payload schema of every event, the legal dates (opensOn, decision.date of ANNOUNCE and REVOKE)
 * with their defaults and limits, and the tags of every state. Nothing expected here is read from
 * the file at run time.
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
/** ANNOUNCE without a notice is entered the day after the decision (SIGNED) was signed. */
const ANNOUNCE_DAY = '2026-04-21';
/** REVOKE is entered two days after the revocation was signed. */
const REVOCATION_SIGNED = { date: '2026-09-01', signer: 'Lê Thị Bình' };
const REVOKE_DAY = '2026-09-03';
const REVOCATION_REASON = 'Thanh tra kết luận thành tích kê khai không đúng sự thật.';

const DOC_A = documentFact('bao_cao_thanh_tich', 'a');
const DOC_B = documentFact('bien_ban_hop', 'b');
const NOTICE = { publicNotice: NOTICE_REQUIRED };
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
/** The award announced after the notice, its signing date left to the engine (that day). */
const AWARD_AFTER_NOTICE = { ...AWARD_DECISION, date: DAY_AFTER_NOTICE };

// ---------------------------------------------------------------------------------------------
// Guards: what still reaches them once the payload schema has passed
// ---------------------------------------------------------------------------------------------

/** Long enough for the schema, too short once trimmed. */
const PADDED_REASON = '   abcd    ';
const PADDED_OBJECTION = '   123456789   ';

const without = (variants: readonly Variant[], ...whats: string[]) =>
  variants.filter((v) => !whats.includes(v.what));

const V3_GUARDS: GuardCatalogue<GuardName> = {
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
        what: 'an inherited property name',
        change: withPayload({ ground: 'toString' }),
        fields: ['payload.ground'],
      },
      {
        what: 'a ground in capitals',
        change: withPayload({ ground: 'FALSE_DOSSIER' }),
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
  refusal('a decision that is text', withPayload({ decision: '15/QĐ-UBND' }), 'payload.decision'),
  refusal(
    'a number typed by the user',
    decisionPatched({ number: '999/QĐ-GIẢ' }),
    'payload.decision.number',
  ),
  refusal('a decision without signer', decisionWithout('signer'), 'payload.decision.signer'),
  refusal(
    'an empty decision (its date filled in)',
    withPayload({ decision: {} }),
    'payload.decision.signer',
  ),
  refusal('an empty signer', decisionPatched({ signer: '' }), 'payload.decision.signer'),
  refusal(
    'a 201-character signer',
    decisionPatched({ signer: 'S'.repeat(201) }),
    'payload.decision.signer',
  ),
  refusal('a signer that is a number', decisionPatched({ signer: 42 }), 'payload.decision.signer'),
  refusal(
    'an impossible date (2026-02-30)',
    decisionPatched({ date: '2026-02-30' }),
    'payload.decision.date',
  ),
  refusal('a non-ISO date', decisionPatched({ date: '20/04/2026' }), 'payload.decision.date'),
  refusal(
    'a date with a time',
    decisionPatched({ date: '2026-04-14T00:00:00Z' }),
    'payload.decision.date',
  ),
  refusal('a null date', decisionPatched({ date: null }), 'payload.decision.date'),
];

const NOMINATION_V3: MachineTable<GuardName> = {
  file: 'nomination.v3.json',
  id: 'nomination',
  version: 3,
  roles: [...ROLES, PUBLIC_ROLE, SYSTEM_ROLE],
  initial: 'draft',
  openRoles: ['unit_leader'],
  states: [
    'draft',
    'submitted',
    'verifying',
    'returned_for_supplement',
    'verified',
    'council_review',
    'approved',
    'public_notice',
    'objection_review',
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
    SEND_TO_COUNCIL: [],
    APPROVE: ['today', 'eligibility'],
    REJECT: [],
    OPEN_PUBLIC_NOTICE: ['today', 'publicNotice'],
    FILE_OBJECTION: ['today'],
    DISMISS_OBJECTION: [],
    UPHOLD_OBJECTION: [],
    ANNOUNCE: ['today', 'publicNotice', 'decisionNumber'],
    REVOKE: ['today', 'decisionNumber'],
  },
  foreignEvents: ['DECIDE', 'CONFIRM', 'CLOSE', 'NO_SUCH_EVENT', 'submit', 'toString'],
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
      ['eligibilityAllowsProgress'],
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
    row(
      'verified',
      'SEND_TO_COUNCIL',
      'council_review',
      ['secretariat'],
      [],
      enteredOn(TODAY)(input({})),
      {},
    ),
    row(
      'council_review',
      'APPROVE',
      'approved',
      ['council_chair'],
      ['eligibilityAllowsProgress'],
      enteredOn(TODAY)(input({}, {}, { today: TODAY, eligibility: ELIGIBLE })),
      { eligibility: ELIGIBLE },
    ),
    row(
      'council_review',
      'REJECT',
      'rejected',
      ['council_chair'],
      ['hasReason'],
      enteredOn(TODAY)(input({}, { reason: VALID_REASON })),
      { lastReason: { event: 'REJECT', text: VALID_REASON } },
    ),
    {
      ...row(
        'approved',
        'OPEN_PUBLIC_NOTICE',
        'public_notice',
        ['secretariat'],
        ['publicNoticeRequired'],
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
      'approved',
      'ANNOUNCE',
      'announced',
      ['secretariat'],
      ['publicNoticeNotRequired', 'hasSignedDecision'],
      enteredOn(ANNOUNCE_DAY)(
        input(
          { eligibility: ELIGIBLE },
          { decision: SIGNED },
          { today: ANNOUNCE_DAY, publicNotice: NOTICE_NOT_REQUIRED, decisionNumber: AWARD_NUMBER },
        ),
      ),
      { eligibility: ELIGIBLE, decision: AWARD_DECISION },
    ),
    row(
      'public_notice',
      'FILE_OBJECTION',
      'objection_review',
      ['public'],
      ['publicNoticeOpen', 'hasObjection'],
      enteredOn(LAST_NOTICE_DAY)(
        input(NOTICE, { objection: VALID_OBJECTION }, { today: LAST_NOTICE_DAY }),
      ),
      { ...NOTICE, objections: [{ filedOn: LAST_NOTICE_DAY, text: VALID_OBJECTION }] },
    ),
    {
      ...row(
        'public_notice',
        'ANNOUNCE',
        'announced',
        ['secretariat'],
        ['publicNoticeEnded', 'hasSignedDecision'],
        enteredOn(DAY_AFTER_NOTICE)(
          input(
            { ...NOTICE, eligibility: ELIGIBLE },
            { decision: { signer: SIGNED.signer } },
            {
              today: DAY_AFTER_NOTICE,
              publicNotice: NOTICE_REQUIRED,
              decisionNumber: AWARD_NUMBER,
            },
          ),
        ),
        { ...NOTICE, eligibility: ELIGIBLE, decision: AWARD_AFTER_NOTICE },
      ),
      recorded: { decision: { signer: SIGNED.signer, date: DAY_AFTER_NOTICE } },
    },
    row(
      'objection_review',
      'FILE_OBJECTION',
      'objection_review',
      ['public'],
      ['publicNoticeOpen', 'hasObjection'],
      enteredOn(DAY_IN_NOTICE)(
        input(
          { ...NOTICE, objections: [EARLIER_OBJECTION] },
          { objection: `  ${VALID_OBJECTION}\n`, name: 'Nguyễn Thị Hoa', contact: '0912 345 678' },
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
  ],
  fullInput: input(
    { ...NOTICE, eligibility: ELIGIBLE },
    {
      reason: VALID_REASON,
      decision: SIGNED,
      ground: 'false_dossier',
      objection: VALID_OBJECTION,
    },
    {
      today: LAST_NOTICE_DAY,
      eligibility: ELIGIBLE,
      publicNotice: NOTICE_REQUIRED,
      decisionNumber: AWARD_NUMBER,
      document: DOC_A,
    },
  ),
  guards: V3_GUARDS,
  // No facts (every fact guard refuses, and hasSignedDecision lacks its number), and text the
  // schema accepts but the text guards do not; hasRevocationGround cannot be made to refuse.
  everyGuardRefuses: (r) => ({
    ...r.input,
    facts: {},
    payload: {
      ...r.input.payload,
      ...(r.guards.includes('hasReason') ? { reason: PADDED_REASON } : {}),
      ...(r.guards.includes('hasObjection') ? { objection: PADDED_OBJECTION } : {}),
    },
  }),
  openPayload: { subject: { name: 'Trần Xuân Lâm', unit: 'Phòng Tổ chức' }, data: DATA },
  refusesUnknownPayloadKeys: true,
  payloadRefusals: {
    ATTACH_DOCUMENT: [
      refusal('a document in the payload', withPayload({ document: DOC_B }), 'payload.document'),
      refusal('a document code in the payload', withPayload({ code: DOC_B.code }), 'payload.code'),
    ],
    SUBMIT: FACTS_IN_THE_PAYLOAD,
    RESUBMIT: FACTS_IN_THE_PAYLOAD,
    MARK_VERIFIED: FACTS_IN_THE_PAYLOAD,
    APPROVE: FACTS_IN_THE_PAYLOAD,
    WITHDRAW: TAKES_NOTHING,
    START_VERIFICATION: TAKES_NOTHING,
    SEND_TO_COUNCIL: TAKES_NOTHING,
    RETURN_FOR_SUPPLEMENT: REASON_REFUSALS,
    REJECT: REASON_REFUSALS,
    DISMISS_OBJECTION: REASON_REFUSALS,
    UPHOLD_OBJECTION: REASON_REFUSALS,
    OPEN_PUBLIC_NOTICE: [
      refusal('an impossible opensOn', withPayload({ opensOn: '2026-04-31' }), 'payload.opensOn'),
      refusal('a non-ISO opensOn', withPayload({ opensOn: '01/04/2026' }), 'payload.opensOn'),
      refusal('an opensOn that is a number', withPayload({ opensOn: 20260401 }), 'payload.opensOn'),
      refusal('a null opensOn', withPayload({ opensOn: null }), 'payload.opensOn'),
      refusal('an opensOn tomorrow', withPayload({ opensOn: '2026-04-02' }), 'payload.opensOn'),
      refusal(
        'an opensOn 61 days back (maxDaysBack 60)',
        withPayload({ opensOn: '2026-01-30' }),
        'payload.opensOn',
      ),
      refusal(
        'an opensOn beyond maxDaysBack (7)',
        (i) => withEntered({ maxDaysBack: 7 })(withPayload({ opensOn: '2026-03-24' })(i)),
        'payload.opensOn',
      ),
      refusal(
        'the notice itself in the payload',
        withPayload({ publicNotice: NOTICE_REQUIRED }),
        'payload.publicNotice',
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
        'an objection that is a number',
        withPayload({ objection: 1234567890123 }),
        'payload.objection',
      ),
      refusal('a 201-character name', withPayload({ name: 'N'.repeat(201) }), 'payload.name'),
      refusal('a name that is a number', withPayload({ name: 7 }), 'payload.name'),
      refusal(
        'a 201-character contact',
        withPayload({ contact: 'c'.repeat(201) }),
        'payload.contact',
      ),
      refusal(
        'an e-mail field it does not take',
        withPayload({ email: 'a@b.vn' }),
        'payload.email',
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
        (i) => withEntered({ today: '2026-04-20' })(decisionPatched({ date: '2026-04-21' })(i)),
        'payload.decision.date',
      ),
      refusal(
        'a signing date before the notice opened (so also not after it closed)',
        (i) =>
          withEntered({ today: '2026-04-20' })(
            withContext(NOTICE)(decisionPatched({ date: '2026-03-31' })(i)),
          ),
        'payload.decision.date',
        'payload.decision.date',
      ),
      refusal(
        'a signing date on the last day of the notice',
        (i) =>
          withEntered({ today: '2026-04-20' })(
            withContext(NOTICE)(decisionPatched({ date: '2026-04-14' })(i)),
          ),
        'payload.decision.date',
      ),
      refusal(
        'a signing date beyond maxDaysBack (3)',
        (i) =>
          withEntered({ today: '2026-04-20', maxDaysBack: 3 })(
            decisionPatched({ date: '2026-04-16' })(i),
          ),
        'payload.decision.date',
      ),
      refusal(
        'a signing date before the notice opened and beyond maxDaysBack (7)',
        (i) =>
          withEntered({ today: '2026-04-20', maxDaysBack: 7 })(
            withContext(NOTICE)(decisionPatched({ date: '2026-03-31' })(i)),
          ),
        'payload.decision.date',
        'payload.decision.date',
        'payload.decision.date',
      ),
    ],
    REVOKE: [
      ...SIGNED_DECISION_REFUSALS,
      refusal(
        'nothing at all',
        (i) => ({ ...i, payload: {} }),
        'payload.decision',
        'payload.ground',
        'payload.reason',
      ),
      ...REASON_REFUSALS,
      refusal(
        'a signing date tomorrow',
        decisionPatched({ date: '2026-09-04' }),
        'payload.decision.date',
      ),
      refusal(
        'a signing date before the award was signed (no maxDaysBack)',
        (i) => withEntered({ maxDaysBack: undefined })(decisionPatched({ date: '2026-04-19' })(i)),
        'payload.decision.date',
      ),
      refusal(
        'a signing date before the award was signed and beyond maxDaysBack (60)',
        decisionPatched({ date: '2026-04-19' }),
        'payload.decision.date',
        'payload.decision.date',
      ),
      refusal(
        'a signing date beyond maxDaysBack (7)',
        (i) => withEntered({ maxDaysBack: 7 })(decisionPatched({ date: '2026-08-26' })(i)),
        'payload.decision.date',
      ),
    ],
  },
  tags: {
    public_notice: ['under_public_notice'],
    objection_review: ['under_public_notice', 'objection_under_review'],
    announced: ['granted'],
    rejected: ['rejected', 'closed'],
    withdrawn: ['withdrawn', 'closed'],
    revoked: ['revoked', 'closed'],
  },
};

describeMachineTable(NOMINATION_V3);

describeMachinePaths(NOMINATION_V3, [
  {
    name: 'draft → … → public notice with a dismissed objection → announced → revoked',
    opener: 'unit_leader',
    steps: [
      'ATTACH_DOCUMENT',
      'SUBMIT',
      'START_VERIFICATION',
      'MARK_VERIFIED',
      'SEND_TO_COUNCIL',
      'APPROVE',
      'OPEN_PUBLIC_NOTICE',
      'FILE_OBJECTION',
      'DISMISS_OBJECTION',
      'ANNOUNCE',
      'REVOKE',
    ],
    states: [
      'draft',
      'draft',
      'submitted',
      'verifying',
      'verified',
      'council_review',
      'approved',
      'public_notice',
      'objection_review',
      'public_notice',
      'announced',
      'revoked',
    ],
  },
  {
    name: 'announced without a public notice, then revoked',
    opener: 'unit_leader',
    steps: [
      'SUBMIT',
      'START_VERIFICATION',
      'MARK_VERIFIED',
      'SEND_TO_COUNCIL',
      'APPROVE',
      'ANNOUNCE',
      'REVOKE',
    ],
    states: [
      'draft',
      'submitted',
      'verifying',
      'verified',
      'council_review',
      'approved',
      'announced',
      'revoked',
    ],
  },
  {
    name: 'supplemented, objection upheld, then rejected by the council',
    opener: 'unit_leader',
    steps: [
      'SUBMIT',
      'START_VERIFICATION',
      'RETURN_FOR_SUPPLEMENT',
      'ATTACH_DOCUMENT',
      'RESUBMIT',
      'MARK_VERIFIED',
      'SEND_TO_COUNCIL',
      'APPROVE',
      'OPEN_PUBLIC_NOTICE',
      'FILE_OBJECTION',
      'UPHOLD_OBJECTION',
      'MARK_VERIFIED',
      'SEND_TO_COUNCIL',
      'REJECT',
    ],
    states: [
      'draft',
      'submitted',
      'verifying',
      'returned_for_supplement',
      'returned_for_supplement',
      'verifying',
      'verified',
      'council_review',
      'approved',
      'public_notice',
      'objection_review',
      'verifying',
      'verified',
      'council_review',
      'rejected',
    ],
  },
  {
    name: 'withdrawn after submission',
    opener: 'unit_leader',
    steps: ['SUBMIT', 'WITHDRAW'],
    states: ['draft', 'submitted', 'withdrawn'],
  },
]);

// ---------------------------------------------------------------------------------------------
// What the table cannot say in a row
// ---------------------------------------------------------------------------------------------

const workflow = workflowOf(NOMINATION_V3);
const find = (from: string, event: string) => findRow(NOMINATION_V3, from, event);
const sendRow = (from: string, event: string, change: (i: Input) => Input = (i) => i) => {
  const r = find(from, event);
  return send(workflow, from, event, change(r.input), as(r.roles[0]));
};

describe('nomination v3: legal dates filled in when absent', () => {
  test('OPEN_PUBLIC_NOTICE without opensOn records today in the payload', () => {
    const outcome = accepted(sendRow('approved', 'OPEN_PUBLIC_NOTICE'));
    expect(clone(outcome.record.payload)).toStrictEqual({ opensOn: NOTICE_OPENED });
    expect(outcome.record.facts).toEqual({ today: NOTICE_OPENED, publicNotice: NOTICE_REQUIRED });
  });

  test('ANNOUNCE without decision.date records today as the signing date', () => {
    const outcome = accepted(sendRow('public_notice', 'ANNOUNCE'));
    expect(clone(outcome.record.payload)).toStrictEqual({
      decision: { signer: SIGNED.signer, date: DAY_AFTER_NOTICE },
    });
    expect(outcome.snapshot.context.decision).toEqual(AWARD_AFTER_NOTICE);
  });

  test('REVOKE without decision.date records today as the revocation’s signing date', () => {
    const outcome = accepted(sendRow('announced', 'REVOKE', decisionWithout('date')));
    expect((outcome.record.payload.decision as { date: string }).date).toBe(REVOKE_DAY);
    expect((outcome.snapshot.context.revocation as { date: string }).date).toBe(REVOKE_DAY);
  });

  test('no decision is invented to carry a default date: the schema names payload.decision', () => {
    const outcome = refused(sendRow('approved', 'ANNOUNCE', withoutPayload('decision')));
    expect(outcome.payloadProblems?.map((p) => p.field)).toEqual(['payload.decision']);
  });

  test('events without legal dates keep their payload as sent', () => {
    for (const r of NOMINATION_V3.transitions.filter(
      (t) => !['OPEN_PUBLIC_NOTICE', 'ANNOUNCE', 'REVOKE'].includes(t.event),
    )) {
      const outcome = accepted(send(workflow, r.from, r.event, r.input, as(r.roles[0])));
      expect(clone(outcome.record.payload)).toStrictEqual(r.input.payload);
    }
  });
});

describe('nomination v3: legal dates as the official entered them', () => {
  test('OPEN_PUBLIC_NOTICE keeps an earlier opensOn in the record', () => {
    const outcome = accepted(
      sendRow('approved', 'OPEN_PUBLIC_NOTICE', withPayload({ opensOn: '2026-03-27' })),
    );
    expect(clone(outcome.record.payload)).toStrictEqual({ opensOn: '2026-03-27' });
  });

  test('ANNOUNCE keeps the signing date entered, and the system’s number', () => {
    const outcome = accepted(sendRow('approved', 'ANNOUNCE'));
    expect(clone(outcome.record.payload)).toStrictEqual({ decision: SIGNED });
    expect(outcome.snapshot.context.decision).toEqual(AWARD_DECISION);
  });

  // Each limit is inclusive: the day itself is accepted, the day beyond it is not.
  test.each([
    [
      'OPEN_PUBLIC_NOTICE on today',
      'approved',
      'OPEN_PUBLIC_NOTICE',
      { opensOn: NOTICE_OPENED },
      true,
    ],
    // 2026-04-01 less 60 days is 2026-01-31.
    [
      'OPEN_PUBLIC_NOTICE 60 days back',
      'approved',
      'OPEN_PUBLIC_NOTICE',
      { opensOn: '2026-01-31' },
      true,
    ],
    [
      'OPEN_PUBLIC_NOTICE 61 days back',
      'approved',
      'OPEN_PUBLIC_NOTICE',
      { opensOn: '2026-01-30' },
      false,
    ],
    [
      'ANNOUNCE on today',
      'public_notice',
      'ANNOUNCE',
      { decision: { ...SIGNED, date: DAY_AFTER_NOTICE } },
      true,
    ],
    [
      'ANNOUNCE tomorrow',
      'public_notice',
      'ANNOUNCE',
      { decision: { ...SIGNED, date: '2026-04-16' } },
      false,
    ],
    [
      'ANNOUNCE signed on the day the notice opened, while it ran',
      'public_notice',
      'ANNOUNCE',
      { decision: { ...SIGNED, date: NOTICE_OPENED } },
      false,
    ],
    [
      'ANNOUNCE the day before the notice opened',
      'public_notice',
      'ANNOUNCE',
      { decision: { ...SIGNED, date: '2026-03-31' } },
      false,
    ],
    [
      'ANNOUNCE without a notice, long before any notice day',
      'approved',
      'ANNOUNCE',
      { decision: { ...SIGNED, date: '2026-03-01' } },
      true,
    ],
    [
      'REVOKE on the day the award was signed, 136 days back',
      'announced',
      'REVOKE',
      { decision: { ...REVOCATION_SIGNED, date: SIGNED.date } },
      false,
    ],
    [
      'REVOKE on today',
      'announced',
      'REVOKE',
      { decision: { ...REVOCATION_SIGNED, date: REVOKE_DAY } },
      true,
    ],
    [
      'REVOKE the day before the award was signed',
      'announced',
      'REVOKE',
      { decision: { ...REVOCATION_SIGNED, date: '2026-04-19' } },
      false,
    ],
  ])('%s: accepted %p', (_what, from, event, patch, ok) => {
    expect(sendRow(from, event, withPayload(patch)).accepted).toBe(ok);
  });

  test('REVOKE on the day the award was signed is accepted when that is within maxDaysBack', () => {
    const outcome = sendRow('announced', 'REVOKE', (i) =>
      withEntered({ today: '2026-05-01' })(
        withFacts({ today: '2026-05-01' })(
          withPayload({ decision: { ...REVOCATION_SIGNED, date: SIGNED.date } })(i),
        ),
      ),
    );
    expect((accepted(outcome).snapshot.context.revocation as { date: string }).date).toBe(
      SIGNED.date,
    );
  });

  test('a refused date is named with its label and value, in both languages', () => {
    const problem = refused(
      sendRow('announced', 'REVOKE', (i) =>
        withEntered({ maxDaysBack: undefined })(decisionPatched({ date: '2026-04-19' })(i)),
      ),
    ).payloadProblems![0];
    expect(problem.field).toBe('payload.decision.date');
    expect(problem.message.vi).toContain('Ngày ký quyết định thu hồi');
    expect(problem.message.en).toContain('The revocation decision');
    expect(problem.message.vi).toContain('19/04/2026');
    expect(problem.message.en).toContain(SIGNED.date);
  });
});

describe('nomination v3: replay (no limits given) settles nothing', () => {
  test.each([
    ['approved', 'OPEN_PUBLIC_NOTICE'],
    ['approved', 'ANNOUNCE'],
    ['public_notice', 'ANNOUNCE'],
    ['announced', 'REVOKE'],
  ])(
    '%s × %s: replaying the recorded payload gives the same snapshot and record',
    (from, event) => {
      const r = find(from, event);
      const entered = accepted(send(workflow, from, event, r.input, as(r.roles[0])));
      const replay = accepted(
        step(
          workflow,
          snapshotOf(from, r.input.context),
          event,
          clone(entered.record.payload),
          as(r.roles[0]),
          position(3),
          clone(r.input.facts),
        ),
      );
      expect(clone(replay.snapshot)).toStrictEqual(clone(entered.snapshot));
      expect(replay.record.hash).toBe(entered.record.hash);
    },
  );

  test('OPEN_PUBLIC_NOTICE without opensOn, replayed: nothing is filled in', () => {
    const outcome = accepted(sendRow('approved', 'OPEN_PUBLIC_NOTICE', replayed));
    expect(clone(outcome.record.payload)).toStrictEqual({});
  });

  test('a recorded date is not checked again: a future signing date replays', () => {
    const outcome = sendRow('approved', 'ANNOUNCE', (i) =>
      replayed(decisionPatched({ date: '2030-01-01' })(i)),
    );
    expect((accepted(outcome).snapshot.context.decision as { date: string }).date).toBe(
      '2030-01-01',
    );
  });
});

describe('nomination v3: the order of the checks', () => {
  test('role before payload: a bad objection from a signed-in role is ROLE_NOT_ALLOWED', () => {
    const r = find('public_notice', 'FILE_OBJECTION');
    const wrongRole = send(
      workflow,
      'public_notice',
      'FILE_OBJECTION',
      { ...r.input, payload: { x: 1 } },
      as('secretariat'),
    );
    expect(refused(wrongRole).reason).toBe('ROLE_NOT_ALLOWED');
  });

  test('state before payload', () => {
    const outcome = send(workflow, 'draft', 'ANNOUNCE', input({}, { x: 1 }), as('secretariat'));
    expect(refused(outcome).reason).toBe('EVENT_NOT_ALLOWED_IN_STATE');
  });

  test('payload before guards: an objection with an unknown key after the notice closed is PAYLOAD_INVALID', () => {
    const outcome = refused(
      sendRow('public_notice', 'FILE_OBJECTION', (i) => ({
        ...withPayload({ objection: 'short', email: 'a@b.vn' })(i),
        facts: { today: DAY_AFTER_NOTICE },
      })),
    );
    expect(outcome.reason).toBe('PAYLOAD_INVALID');
    expect(outcome.payloadProblems?.map((p) => p.field).sort()).toEqual([
      'payload.email',
      'payload.objection',
    ]);
    expect(outcome).not.toHaveProperty('failedGuards');
  });

  test('a refused legal date is refused before the guards', () => {
    const outcome = refused(
      sendRow('approved', 'ANNOUNCE', (i) => ({
        ...decisionPatched({ date: '2026-12-31', signer: '   ' })(i),
        facts: {},
      })),
    );
    expect(outcome.reason).toBe('PAYLOAD_INVALID');
    expect(outcome.payloadProblems?.map((p) => p.field)).toEqual(['payload.decision.date']);
  });
});

describe('nomination v3: roles', () => {
  test('no event names the system role, and a system actor may send nothing anywhere', () => {
    for (const r of NOMINATION_V3.transitions) {
      expect(refused(send(workflow, r.from, r.event, r.input, as(SYSTEM_ROLE)))).toMatchObject({
        reason: 'ROLE_NOT_ALLOWED',
        allowedRoles: r.roles,
      });
    }
  });

  test('only the public files objections, and the public may send nothing else', () => {
    for (const r of NOMINATION_V3.transitions) {
      const outcome = send(workflow, r.from, r.event, r.input, as(PUBLIC_ROLE));
      expect(outcome.accepted).toBe(r.event === 'FILE_OBJECTION');
    }
  });
});

describe('nomination v3: objections and revocation', () => {
  test('the objector’s name and contact stay in the record, not in the case', () => {
    const r = find('objection_review', 'FILE_OBJECTION');
    const outcome = accepted(sendRow('objection_review', 'FILE_OBJECTION'));
    expect(clone(outcome.record.payload)).toStrictEqual(r.input.payload);
    expect(outcome.snapshot.context.objections).toEqual(r.after.objections);
  });

  test.each(Object.keys(REVOCATION_GROUNDS))('REVOKE on ground %s records it', (ground) => {
    const outcome = accepted(sendRow('announced', 'REVOKE', withPayload({ ground })));
    expect((outcome.snapshot.context.revocation as { ground: string }).ground).toBe(ground);
  });
});

describe('nomination v3 in the catalogue the server loads', () => {
  const catalogue = loadWorkflowCatalogue(path.join(__dirname, '..', '..', '..', 'workflows'));

  test('is the same file, with the same hash', () => {
    expect(catalogue.get('nomination', 3).hash).toBe(workflow.hash);
  });

  test.each(NOMINATION_V3.states)('%s carries the same tags there', (state) => {
    expect([...catalogue.tagsOf({ id: 'nomination', version: 3 }, state)].sort()).toEqual(
      [...(NOMINATION_V3.tags![state] ?? [])].sort(),
    );
  });
});
