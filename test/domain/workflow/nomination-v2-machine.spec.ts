import { PUBLIC_ROLE, ROLES } from '../../../src/domain/roles';
import type { CaseContext } from '../../../src/domain/workflow/case-event';
import { REVOCATION_GROUNDS } from '../../../src/domain/workflow/commendation-steps';
import {
  AWARD_NUMBER,
  DAY_AFTER_NOTICE,
  DAY_IN_NOTICE,
  documentFact,
  ELIGIBLE,
  INELIGIBLE,
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
  describeMachinePaths,
  describeMachineTable,
  findRow,
  input,
  refused,
  row,
  send,
  workflowOf,
  type Input,
  type MachineTable,
} from './machine-harness';

/*
 * workflows/nomination.v2.json, written out by hand: every state × event × role, and for each
 * guarded transition a valid payload and facts plus each way of being refused (the harness).
 */

const TODAY = '2026-03-02';
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
const REVOCATION_SIGNED = { date: '2026-09-01', signer: 'Lê Thị Bình' };
const REVOCATION_REASON = 'Thanh tra kết luận thành tích kê khai không đúng sự thật.';

const NOMINATION_V2: MachineTable<GuardName> = {
  file: 'nomination.v2.json',
  id: 'nomination',
  version: 2,
  roles: [...ROLES, PUBLIC_ROLE],
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
      input({ documents: [DOC_B] }, {}, { document: DOC_A }),
      { documents: [DOC_B, DOC_A] },
    ),
    row(
      'draft',
      'SUBMIT',
      'submitted',
      ['unit_leader'],
      ['eligibilityAllowsSubmission'],
      input({ documents: [DOC_A] }, {}, { today: TODAY, eligibility: NEEDS_REVIEW }),
      { documents: [DOC_A], eligibility: NEEDS_REVIEW },
    ),
    row('draft', 'WITHDRAW', 'withdrawn', ['unit_leader'], [], input({}), {}),
    row(
      'submitted',
      'START_VERIFICATION',
      'verifying',
      ['secretariat'],
      [],
      input({ eligibility: ELIGIBLE }),
      { eligibility: ELIGIBLE },
    ),
    row('submitted', 'WITHDRAW', 'withdrawn', ['unit_leader'], [], input({}), {}),
    row(
      'verifying',
      'RETURN_FOR_SUPPLEMENT',
      'returned_for_supplement',
      ['secretariat'],
      ['hasReason'],
      input({ eligibility: ELIGIBLE }, { reason: VALID_REASON }),
      { eligibility: ELIGIBLE, lastReason: { event: 'RETURN_FOR_SUPPLEMENT', text: VALID_REASON } },
    ),
    row(
      'verifying',
      'MARK_VERIFIED',
      'verified',
      ['secretariat'],
      ['eligibilityAllowsProgress'],
      input({ eligibility: NEEDS_REVIEW }, {}, { today: TODAY, eligibility: ELIGIBLE }),
      { eligibility: ELIGIBLE },
    ),
    row(
      'returned_for_supplement',
      'ATTACH_DOCUMENT',
      'returned_for_supplement',
      ['unit_leader'],
      ['hasStoredDocument'],
      input({ documents: [DOC_A, DOC_B] }, {}, { document: documentFact(DOC_A.code, 'c') }),
      { documents: [DOC_B, documentFact(DOC_A.code, 'c')] },
    ),
    row(
      'returned_for_supplement',
      'RESUBMIT',
      'verifying',
      ['unit_leader'],
      ['eligibilityAllowsSubmission'],
      input({ eligibility: NEEDS_REVIEW }, {}, { today: TODAY, eligibility: ON_HOLD }),
      { eligibility: ON_HOLD },
    ),
    row('returned_for_supplement', 'WITHDRAW', 'withdrawn', ['unit_leader'], [], input({}), {}),
    row('verified', 'SEND_TO_COUNCIL', 'council_review', ['secretariat'], [], input({}), {}),
    row(
      'council_review',
      'APPROVE',
      'approved',
      ['council_chair'],
      ['eligibilityAllowsProgress'],
      input({}, {}, { today: TODAY, eligibility: ELIGIBLE }),
      { eligibility: ELIGIBLE },
    ),
    row(
      'council_review',
      'REJECT',
      'rejected',
      ['council_chair'],
      ['hasReason'],
      input({}, { reason: VALID_REASON }),
      { lastReason: { event: 'REJECT', text: VALID_REASON } },
    ),
    row(
      'approved',
      'OPEN_PUBLIC_NOTICE',
      'public_notice',
      ['secretariat'],
      ['publicNoticeRequired'],
      input({ eligibility: ELIGIBLE }, {}, { today: '2026-03-31', publicNotice: NOTICE_REQUIRED }),
      { eligibility: ELIGIBLE, publicNotice: NOTICE_REQUIRED },
    ),
    row(
      'approved',
      'ANNOUNCE',
      'announced',
      ['secretariat'],
      ['publicNoticeNotRequired', 'hasSignedDecision'],
      input(
        { eligibility: ELIGIBLE },
        { decision: SIGNED },
        { today: SIGNED.date, publicNotice: NOTICE_NOT_REQUIRED, decisionNumber: AWARD_NUMBER },
      ),
      { eligibility: ELIGIBLE, decision: AWARD_DECISION },
    ),
    row(
      'public_notice',
      'FILE_OBJECTION',
      'objection_review',
      ['public'],
      ['publicNoticeOpen', 'hasObjection'],
      input(NOTICE, { objection: VALID_OBJECTION }, { today: LAST_NOTICE_DAY }),
      { ...NOTICE, objections: [{ filedOn: LAST_NOTICE_DAY, text: VALID_OBJECTION }] },
    ),
    row(
      'public_notice',
      'ANNOUNCE',
      'announced',
      ['secretariat'],
      ['publicNoticeEnded', 'hasSignedDecision'],
      input(
        { ...NOTICE, eligibility: ELIGIBLE },
        { decision: SIGNED },
        { today: DAY_AFTER_NOTICE, publicNotice: NOTICE_REQUIRED, decisionNumber: AWARD_NUMBER },
      ),
      { ...NOTICE, eligibility: ELIGIBLE, decision: AWARD_DECISION },
    ),
    row(
      'objection_review',
      'FILE_OBJECTION',
      'objection_review',
      ['public'],
      ['publicNoticeOpen', 'hasObjection'],
      input(
        { ...NOTICE, objections: [EARLIER_OBJECTION] },
        { objection: `  ${VALID_OBJECTION}\n` },
        { today: DAY_IN_NOTICE },
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
      input({ ...NOTICE, objections: [EARLIER_OBJECTION] }, { reason: VALID_REASON }),
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
      input({ ...NOTICE, objections: [EARLIER_OBJECTION] }, { reason: VALID_REASON }),
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
      input(
        { decision: AWARD_DECISION },
        { decision: REVOCATION_SIGNED, ground: 'false_dossier', reason: REVOCATION_REASON },
        { today: REVOCATION_SIGNED.date, decisionNumber: REVOCATION_NUMBER },
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
      decision: { ...SIGNED, number: '1/QĐ' },
      ground: 'false_dossier',
      objection: VALID_OBJECTION,
      discipline: null,
    },
    {
      today: LAST_NOTICE_DAY,
      eligibility: ELIGIBLE,
      publicNotice: NOTICE_REQUIRED,
      decisionNumber: AWARD_NUMBER,
      document: DOC_A,
    },
  ),
  guards: GUARDS,
};

describeMachineTable(NOMINATION_V2);

describeMachinePaths(NOMINATION_V2, [
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
    name: 'withdrawn as a draft',
    opener: 'unit_leader',
    steps: ['WITHDRAW'],
    states: ['draft', 'withdrawn'],
  },
]);

// ---------------------------------------------------------------------------------------------
// The rules the brief spells out, one by one
// ---------------------------------------------------------------------------------------------

const workflow = workflowOf(NOMINATION_V2);
const find = (from: string, event: string) => findRow(NOMINATION_V2, from, event);
const failedGuardsOf = (
  from: string,
  event: string,
  changed: Input,
  role = find(from, event).roles[0],
) => refused(send(workflow, from, event, changed, as(role))).failedGuards?.map((g) => g.name);

describe('nomination v2: eligibility', () => {
  test.each([
    ['eligible', ELIGIBLE, true],
    ['needs_review', NEEDS_REVIEW, true],
    ['on_hold', ON_HOLD, true],
    ['ineligible', INELIGIBLE, false],
  ])('SUBMIT and RESUBMIT with %s: accepted %p', (_outcome, result, ok) => {
    for (const [from, event] of [
      ['draft', 'SUBMIT'],
      ['returned_for_supplement', 'RESUBMIT'],
    ]) {
      const r = find(from, event);
      const outcome = send(
        workflow,
        from,
        event,
        { ...r.input, facts: { today: TODAY, eligibility: result } },
        as('unit_leader'),
      );
      expect(outcome.accepted).toBe(ok);
      if (outcome.accepted) expect(outcome.snapshot.context.eligibility).toEqual(result);
      else
        expect(outcome.refusal.failedGuards?.map((g) => g.name)).toEqual([
          'eligibilityAllowsSubmission',
        ]);
    }
  });

  test.each([
    ['eligible', ELIGIBLE, true],
    ['needs_review', NEEDS_REVIEW, true],
    ['on_hold', ON_HOLD, false],
    ['ineligible', INELIGIBLE, false],
  ])('MARK_VERIFIED and APPROVE with %s: accepted %p', (_outcome, result, ok) => {
    for (const [from, event] of [
      ['verifying', 'MARK_VERIFIED'],
      ['council_review', 'APPROVE'],
    ]) {
      const r = find(from, event);
      const outcome = send(
        workflow,
        from,
        event,
        { ...r.input, facts: { today: TODAY, eligibility: result } },
        as(r.roles[0]),
      );
      expect(outcome.accepted).toBe(ok);
      if (outcome.accepted) expect(outcome.snapshot.context.eligibility).toEqual(result);
      else
        expect(outcome.refusal.failedGuards?.map((g) => g.name)).toEqual([
          'eligibilityAllowsProgress',
        ]);
    }
  });

  test('the latest check replaces the earlier one in the context', () => {
    const r = find('verifying', 'MARK_VERIFIED');
    const outcome = accepted(
      send(workflow, 'verifying', 'MARK_VERIFIED', r.input, as('secretariat')),
    );
    expect(r.input.context.eligibility).toEqual(NEEDS_REVIEW);
    expect(outcome.snapshot.context.eligibility).toEqual(ELIGIBLE);
  });
});

describe('nomination v2: documents', () => {
  test('ATTACH_DOCUMENT appends a document of a new kind and replaces one of the same kind', () => {
    let context: CaseContext = {};
    const attach = (doc: ReturnType<typeof documentFact>) => {
      context = accepted(
        send(
          workflow,
          'draft',
          'ATTACH_DOCUMENT',
          { context, payload: {}, facts: { document: doc } },
          as('unit_leader'),
        ),
      ).snapshot.context;
      return context.documents;
    };
    expect(attach(DOC_A)).toEqual([DOC_A]);
    expect(attach(DOC_B)).toEqual([DOC_A, DOC_B]);
    const newA = documentFact(DOC_A.code, 'd');
    expect(attach(newA)).toEqual([DOC_B, newA]);
  });

  test('ATTACH_DOCUMENT without the document fact is refused even with a document in the payload', () => {
    expect(
      failedGuardsOf('draft', 'ATTACH_DOCUMENT', {
        context: {},
        payload: { document: DOC_A },
        facts: {},
      }),
    ).toEqual(['hasStoredDocument']);
  });
});

describe('nomination v2: public notice', () => {
  test('OPEN_PUBLIC_NOTICE only when the award requires a notice', () => {
    const r = find('approved', 'OPEN_PUBLIC_NOTICE');
    expect(
      failedGuardsOf('approved', 'OPEN_PUBLIC_NOTICE', {
        ...r.input,
        facts: { today: TODAY, publicNotice: NOTICE_NOT_REQUIRED },
      }),
    ).toEqual(['publicNoticeRequired']);
    expect(
      accepted(send(workflow, 'approved', 'OPEN_PUBLIC_NOTICE', r.input, as('secretariat')))
        .snapshot.context.publicNotice,
    ).toEqual(NOTICE_REQUIRED);
  });

  test('ANNOUNCE from approved only when no notice is required', () => {
    const r = find('approved', 'ANNOUNCE');
    expect(
      failedGuardsOf('approved', 'ANNOUNCE', {
        ...r.input,
        facts: { ...r.input.facts, publicNotice: NOTICE_REQUIRED },
      }),
    ).toEqual(['publicNoticeNotRequired']);
  });

  test.each([
    [DAY_IN_NOTICE, false],
    [LAST_NOTICE_DAY, false],
    [DAY_AFTER_NOTICE, true],
  ])('ANNOUNCE from public_notice on %s: accepted %p', (today, ok) => {
    const r = find('public_notice', 'ANNOUNCE');
    const outcome = send(
      workflow,
      'public_notice',
      'ANNOUNCE',
      { ...r.input, facts: { ...r.input.facts, today } },
      as('secretariat'),
    );
    expect(outcome.accepted).toBe(ok);
    if (!outcome.accepted)
      expect(outcome.refusal.failedGuards?.map((g) => g.name)).toEqual(['publicNoticeEnded']);
  });

  test.each([
    [DAY_IN_NOTICE, true],
    [LAST_NOTICE_DAY, true],
    [DAY_AFTER_NOTICE, false],
  ])('FILE_OBJECTION on %s: accepted %p', (today, ok) => {
    for (const from of ['public_notice', 'objection_review']) {
      const r = find(from, 'FILE_OBJECTION');
      const outcome = send(
        workflow,
        from,
        'FILE_OBJECTION',
        { ...r.input, facts: { today } },
        as('public'),
      );
      expect(outcome.accepted).toBe(ok);
      if (!outcome.accepted)
        expect(outcome.refusal.failedGuards?.map((g) => g.name)).toEqual(['publicNoticeOpen']);
    }
  });

  test('the closing day is read from the context the notice was opened with, not from a fact', () => {
    const r = find('public_notice', 'ANNOUNCE');
    const laterNotice = { ...NOTICE_REQUIRED, closesOn: '2026-05-30' };
    expect(
      failedGuardsOf('public_notice', 'ANNOUNCE', {
        ...r.input,
        context: { ...r.input.context, publicNotice: laterNotice },
      }),
    ).toEqual(['publicNoticeEnded']);
    // A fact saying otherwise does not move the recorded closing day.
    expect(
      accepted(
        send(
          workflow,
          'public_notice',
          'ANNOUNCE',
          { ...r.input, facts: { ...r.input.facts, publicNotice: laterNotice } },
          as('secretariat'),
        ),
      ).snapshot.state,
    ).toBe('announced');
  });

  test('FILE_OBJECTION is for the public only: no grantable role may send it', () => {
    const r = find('public_notice', 'FILE_OBJECTION');
    for (const role of [
      'admin',
      'unit_leader',
      'secretariat',
      'council_member',
      'council_chair',
      'auditor',
    ] as const) {
      expect(
        refused(send(workflow, 'public_notice', 'FILE_OBJECTION', r.input, as(role))),
      ).toMatchObject({ reason: 'ROLE_NOT_ALLOWED', allowedRoles: ['public'] });
    }
  });

  test('the public may send nothing else, anywhere', () => {
    for (const r of NOMINATION_V2.transitions.filter((t) => t.event !== 'FILE_OBJECTION')) {
      expect(refused(send(workflow, r.from, r.event, r.input, as('public'))).reason).toBe(
        'ROLE_NOT_ALLOWED',
      );
    }
  });

  test('objections are appended, trimmed, each with the day it was filed', () => {
    const r = find('public_notice', 'FILE_OBJECTION');
    const first = accepted(
      send(
        workflow,
        'public_notice',
        'FILE_OBJECTION',
        {
          ...r.input,
          payload: { objection: ' Thứ nhất: khai sai thành tích. ' },
          facts: { today: DAY_IN_NOTICE },
        },
        as('public'),
      ),
    );
    const second = accepted(
      send(
        workflow,
        'objection_review',
        'FILE_OBJECTION',
        {
          context: first.snapshot.context,
          payload: { objection: 'Thứ hai: đang bị xem xét kỷ luật.' },
          facts: { today: LAST_NOTICE_DAY },
        },
        as('public'),
      ),
    );
    expect(second.snapshot.context.objections).toEqual([
      { filedOn: DAY_IN_NOTICE, text: 'Thứ nhất: khai sai thành tích.' },
      { filedOn: LAST_NOTICE_DAY, text: 'Thứ hai: đang bị xem xét kỷ luật.' },
    ]);
    const dismissed = accepted(
      send(
        workflow,
        'objection_review',
        'DISMISS_OBJECTION',
        { context: second.snapshot.context, payload: { reason: VALID_REASON }, facts: {} },
        as('secretariat'),
      ),
    );
    expect(dismissed.snapshot.state).toBe('public_notice');
    expect(dismissed.snapshot.context.objections).toEqual(second.snapshot.context.objections);
  });

  test.each(['DISMISS_OBJECTION', 'UPHOLD_OBJECTION'])('%s needs a reason', (event) => {
    const r = find('objection_review', event);
    expect(failedGuardsOf('objection_review', event, { ...r.input, payload: {} })).toEqual([
      'hasReason',
    ]);
    expect(
      failedGuardsOf('objection_review', event, { ...r.input, payload: { reason: 'ok' } }),
    ).toEqual(['hasReason']);
  });
});

describe('nomination v2: decisions', () => {
  test('ANNOUNCE records the allocated number, issuing unit, date, signer and the rule set of the latest eligibility check', () => {
    const r = find('public_notice', 'ANNOUNCE');
    const otherRuleSet = { id: 'vn-tdkt', version: 4, hash: '4'.repeat(64) };
    const outcome = accepted(
      send(
        workflow,
        'public_notice',
        'ANNOUNCE',
        {
          ...r.input,
          context: { ...r.input.context, eligibility: { ...ELIGIBLE, ruleSet: otherRuleSet } },
          payload: { decision: { date: '2026-04-20', signer: '  Nguyễn Văn An  ' } },
        },
        as('secretariat'),
      ),
    );
    expect(outcome.snapshot.context.decision).toEqual({
      number: AWARD_NUMBER.number,
      issuingUnit: ISSUING_UNIT,
      date: '2026-04-20',
      signer: 'Nguyễn Văn An',
      ruleSet: otherRuleSet,
    });
  });

  test('a number typed by the user is not what the decision records', () => {
    const r = find('approved', 'ANNOUNCE');
    const outcome = accepted(
      send(
        workflow,
        'approved',
        'ANNOUNCE',
        { ...r.input, payload: { decision: { ...SIGNED, number: '999/QĐ-GIẢ' } } },
        as('secretariat'),
      ),
    );
    expect((outcome.snapshot.context.decision as { number: string }).number).toBe(
      AWARD_NUMBER.number,
    );
  });

  test('without an eligibility check in the context the decision names no rule set', () => {
    const r = find('approved', 'ANNOUNCE');
    const outcome = accepted(
      send(workflow, 'approved', 'ANNOUNCE', { ...r.input, context: {} }, as('secretariat')),
    );
    expect(outcome.snapshot.context.decision).toEqual({ ...AWARD_DECISION, ruleSet: null });
  });

  test.each(Object.keys(REVOCATION_GROUNDS))('REVOKE on ground %s records it', (ground) => {
    const r = find('announced', 'REVOKE');
    const outcome = accepted(
      send(
        workflow,
        'announced',
        'REVOKE',
        { ...r.input, payload: { ...r.input.payload, ground } },
        as('council_chair'),
      ),
    );
    expect(outcome.snapshot.context.revocation).toEqual({
      ...(r.after.revocation as object),
      ground,
    });
  });

  test('the Art 93(2) grounds are exactly four', () => {
    expect(Object.keys(REVOCATION_GROUNDS).sort()).toEqual([
      'false_dossier',
      'fraudulent_achievements',
      'unlawful_procedure',
      'violation_in_period',
    ]);
  });

  test('REVOKE with nothing but a role names all three guards', () => {
    expect(failedGuardsOf('announced', 'REVOKE', { context: {}, payload: {}, facts: {} })).toEqual([
      'hasSignedDecision',
      'hasRevocationGround',
      'hasReason',
    ]);
  });
});
