import { PUBLIC_ROLE, ROLES, SUBJECT_ROLE, SYSTEM_ROLE } from '../../../src/domain/roles';
import type { ProposalFact } from '../../../src/domain/proposals/proposal-rules';
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
  withFacts,
  withPayload,
  withoutPayload,
  workflowOf,
  type GuardCatalogue,
  type Input,
  type MachineTable,
} from './machine-harness';

/*
 * workflows/award-proposal.v1.json, written out by hand: every state × event × role, and for the
 * decision a valid payload and facts plus each way each guard refuses it.
 */

const N1 = '0193c0de-0000-7000-8000-000000000001';
const N2 = '0193c0de-0000-7000-8000-000000000002';
const N3 = '0193c0de-0000-7000-8000-000000000003';
const RECEIVING = '0193c0de-0000-7000-8000-0000000000aa';
const SENT_ON = '2026-03-02';
const TODAY = '2026-03-20';
const DECISION = {
  number: '345/QĐ-UBND',
  date: '2026-03-16',
  grantor: 'Chủ tịch Ủy ban nhân dân tỉnh',
  signer: 'Nguyễn Văn An',
};
const REASON = 'Chưa đủ năm năm liên tục hoàn thành xuất sắc nhiệm vụ.';

const FACT: ProposalFact = {
  nominationIds: [N1, N2],
  receivingUnitId: RECEIVING,
  sender: { receiver: true, proposer: false },
  sentOn: SENT_ON,
  today: TODAY,
  maxDaysBack: 365,
};
const OUTCOMES = [
  { nominationId: N1, outcome: 'granted', decision: DECISION },
  { nominationId: N2, outcome: 'declined', reason: REASON },
];

const withFact = (change: Partial<typeof FACT>) => (i: Input) =>
  withFacts({ proposal: { ...FACT, ...change } })(i);
const withOutcomes = (outcomes: unknown[]) => withPayload({ outcomes });

type GuardName = 'senderRecordsProposalDecision' | 'outcomesMatchProposal' | 'outcomeDatesAllowed';

const GUARDS: GuardCatalogue<GuardName> = {
  senderRecordsProposalDecision: {
    refusal: {
      vi: 'Chỉ văn phòng của cấp có thẩm quyền nhận tờ trình',
      en: "Only the receiving unit's secretariat records the decision",
    },
    breaking: [
      {
        what: 'the proposing side, for a receiving unit in the system',
        change: withFact({ sender: { receiver: false, proposer: true } }),
      },
      {
        what: 'the receiving side, for a competent level outside the system',
        change: withFact({ receivingUnitId: null, sender: { receiver: true, proposer: false } }),
      },
      {
        what: 'neither side',
        change: withFact({ sender: { receiver: false, proposer: false } }),
      },
    ],
    passing: [
      {
        what: 'the proposing side, for a competent level outside the system',
        change: withFact({ receivingUnitId: null, sender: { receiver: false, proposer: true } }),
      },
    ],
  },
  outcomesMatchProposal: {
    refusal: {
      vi: 'Kết quả phải nêu đủ và đúng các hồ sơ của tờ trình',
      en: 'The outcomes must name every nomination of the proposal once',
    },
    breaking: [
      {
        what: 'a nomination not in the proposal',
        change: withOutcomes([
          ...OUTCOMES,
          { nominationId: N3, outcome: 'declined', reason: REASON },
        ]),
      },
      {
        what: 'a nomination left without an outcome',
        change: withOutcomes([OUTCOMES[0]]),
      },
      {
        what: 'a nomination twice',
        change: withOutcomes([...OUTCOMES, OUTCOMES[0]]),
      },
      {
        what: 'a grant without its decision',
        change: withOutcomes([{ nominationId: N1, outcome: 'granted' }, OUTCOMES[1]]),
      },
      {
        what: 'a refusal without a reason',
        change: withOutcomes([OUTCOMES[0], { nominationId: N2, outcome: 'declined' }]),
      },
      {
        what: 'a refusal with a decision',
        change: withOutcomes([
          OUTCOMES[0],
          { nominationId: N2, outcome: 'declined', reason: REASON, decision: DECISION },
        ]),
      },
    ],
  },
  outcomeDatesAllowed: {
    refusal: {
      vi: 'Ngày ký quyết định không hợp lệ.',
      en: "A decision's signing date is not allowed.",
    },
    breaking: [
      {
        what: 'a decision signed in the future',
        change: withOutcomes([
          { nominationId: N1, outcome: 'granted', decision: { ...DECISION, date: '2026-03-21' } },
          OUTCOMES[1],
        ]),
      },
      {
        what: 'a decision signed before the proposal was sent',
        change: withOutcomes([
          { nominationId: N1, outcome: 'granted', decision: { ...DECISION, date: '2026-03-01' } },
          OUTCOMES[1],
        ]),
      },
      {
        what: "a decision older than the rule set's backdating limit",
        change: withFact({ maxDaysBack: 3 }),
      },
    ],
    passing: [
      {
        what: 'a decision signed the day it was sent',
        change: withOutcomes([
          { nominationId: N1, outcome: 'granted', decision: { ...DECISION, date: SENT_ON } },
          OUTCOMES[1],
        ]),
      },
      {
        what: 'a decision signed today, with no backdating limit',
        change: (i) =>
          withFact({ maxDaysBack: null })(
            withOutcomes([
              { nominationId: N1, outcome: 'granted', decision: { ...DECISION, date: TODAY } },
              OUTCOMES[1],
            ])(i),
          ),
      },
    ],
  },
};

const DECIDED = {
  outcomes: OUTCOMES,
  decidedOn: TODAY,
};

const AWARD_PROPOSAL_V1: MachineTable<GuardName> = {
  file: 'award-proposal.v1.json',
  id: 'award_proposal',
  version: 1,
  roles: [...ROLES, PUBLIC_ROLE, SYSTEM_ROLE, SUBJECT_ROLE],
  initial: 'sent',
  openRoles: ['secretariat'],
  states: ['sent', 'decided'],
  finalStates: ['decided'],
  events: { RECORD_DECISION: ['proposal'] },
  foreignEvents: ['PROPOSE_UPWARD', 'SUPERIOR_GRANTED', 'WITHDRAW', 'APPROVE', 'toString'],
  transitions: [
    row(
      'sent',
      'RECORD_DECISION',
      'decided',
      ['secretariat'],
      ['senderRecordsProposalDecision', 'outcomesMatchProposal', 'outcomeDatesAllowed'],
      input({}, { outcomes: OUTCOMES }, { proposal: FACT }),
      DECIDED,
    ),
  ],
  fullInput: input({}, { outcomes: OUTCOMES }, { proposal: FACT }),
  guards: GUARDS,
  everyGuardRefuses: () =>
    input(
      {},
      {
        outcomes: [
          { nominationId: N3, outcome: 'granted', decision: { ...DECISION, date: '2027-01-01' } },
        ],
      },
      {
        proposal: { ...FACT, sender: { receiver: false, proposer: false } },
      },
    ),
  payloadRefusals: {
    RECORD_DECISION: [
      { what: 'no outcomes', change: withoutPayload('outcomes'), fields: ['payload.outcomes'] },
      { what: 'an empty list', change: withOutcomes([]), fields: ['payload.outcomes'] },
      {
        what: 'an outcome that is neither',
        change: withOutcomes([{ nominationId: N1, outcome: 'maybe' }]),
        fields: ['payload.outcomes.0.outcome'],
      },
      {
        what: 'a decision date that is not a date',
        change: withOutcomes([
          { nominationId: N1, outcome: 'granted', decision: { ...DECISION, date: '2026-02-30' } },
        ]),
        fields: ['payload.outcomes.0.decision.date'],
      },
      {
        what: 'a decision without its number',
        change: withOutcomes([
          { nominationId: N1, outcome: 'granted', decision: { date: DECISION.date, grantor: 'X' } },
        ]),
        fields: ['payload.outcomes.0.decision.number'],
      },
      {
        what: 'a reason too short',
        change: withOutcomes([{ nominationId: N2, outcome: 'declined', reason: 'no' }]),
        fields: ['payload.outcomes.0.reason'],
      },
    ],
  },
  refusesUnknownPayloadKeys: true,
  tags: { decided: ['closed'] },
};

describeMachineTable(AWARD_PROPOSAL_V1);

describeMachinePaths(AWARD_PROPOSAL_V1, [
  {
    name: 'sent → decided',
    opener: 'secretariat',
    steps: ['RECORD_DECISION'],
    states: ['sent', 'decided'],
  },
]);

const workflow = workflowOf(AWARD_PROPOSAL_V1);

describe('award proposal v1: what RECORD_DECISION records and says', () => {
  test('records each outcome trimmed to its fields, and the day from the fact', () => {
    const r = findRow(AWARD_PROPOSAL_V1, 'sent', 'RECORD_DECISION');
    const outcome = accepted(
      send(
        workflow,
        'sent',
        'RECORD_DECISION',
        withOutcomes([
          OUTCOMES[0],
          { nominationId: N2, outcome: 'declined', reason: `  ${REASON}  ` },
        ])(r.input),
        as('secretariat'),
      ),
    );
    expect(outcome.snapshot.context).toEqual(DECIDED);
  });

  test('names every problem of the outcomes, in both languages', () => {
    const r = findRow(AWARD_PROPOSAL_V1, 'sent', 'RECORD_DECISION');
    const refusal = refused(
      send(
        workflow,
        'sent',
        'RECORD_DECISION',
        withOutcomes([{ nominationId: N3, outcome: 'declined', reason: REASON }])(r.input),
        as('secretariat'),
      ),
    );
    const guard = refusal.failedGuards?.find((g) => g.name === 'outcomesMatchProposal');
    expect(guard?.message.en).toContain(`Nomination ${N3} is not part of this proposal.`);
    expect(guard?.message.en).toContain(`Nomination ${N1} has no outcome.`);
    expect(guard?.message.vi).toContain(`Thiếu kết quả của hồ sơ ${N2}.`);
  });

  test('a refused date names the field and the day the proposal was sent', () => {
    const r = findRow(AWARD_PROPOSAL_V1, 'sent', 'RECORD_DECISION');
    const refusal = refused(
      send(
        workflow,
        'sent',
        'RECORD_DECISION',
        withOutcomes([
          { nominationId: N1, outcome: 'granted', decision: { ...DECISION, date: '2026-03-01' } },
          OUTCOMES[1],
        ])(r.input),
        as('secretariat'),
      ),
    );
    const guard = refusal.failedGuards?.find((g) => g.name === 'outcomeDatesAllowed');
    expect(guard?.message.en).toContain('payload.outcomes.0.decision.date');
    expect(guard?.message.en).toContain(SENT_ON);
    expect(guard?.message.vi).toContain('02/03/2026');
  });
});
