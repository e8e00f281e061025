import { GENESIS_HASH, seal, type AuditRecord } from '../../../src/domain/audit/audit-record';
import { verifyChain } from '../../../src/domain/audit/verify-chain';
import type { WorkflowRole } from '../../../src/domain/roles';
import type { CaseSnapshot, EventFacts } from '../../../src/domain/workflow/case-event';
import { replay } from '../../../src/domain/workflow/replay';
import { openCase, step } from '../../../src/domain/workflow/step';
import {
  AWARD_NUMBER,
  DAY_AFTER_NOTICE,
  DAY_IN_NOTICE,
  documentFact,
  ELIGIBLE,
  INELIGIBLE,
  NEEDS_REVIEW,
  NOTICE_REQUIRED,
  ON_HOLD,
  REVOCATION_NUMBER,
  SIGNED,
  VALID_OBJECTION,
  VALID_REASON,
} from './fact-fixtures';
import { accepted, as, CASE_ID, position, shippedWorkflow } from './machine-harness';

/*
 * The audit chain a version 2 case leaves behind: its records carry the facts the guards saw, the
 * chain verifies, and replaying it reproduces the case; without the facts it does not.
 */

interface PathStep {
  event: string;
  role: WorkflowRole;
  payload?: Record<string, unknown>;
  facts?: EventFacts;
}

interface Walked {
  records: AuditRecord[];
  snapshots: CaseSnapshot[];
  final: boolean;
}

function walk(id: string, opener: WorkflowRole, steps: readonly PathStep[]): Walked {
  const workflow = shippedWorkflow(id, 2);
  const opened = accepted(
    openCase(workflow, as(opener), { subject: 'Trần Xuân Lâm' }, position(1, GENESIS_HASH)),
  );
  const outcomes = [opened];
  for (const { event, role, payload = {}, facts = {} } of steps) {
    const previous = outcomes[outcomes.length - 1];
    outcomes.push(
      accepted(
        step(
          workflow,
          previous.snapshot,
          event,
          payload,
          as(role),
          position(outcomes.length + 1, previous.record.hash),
          facts,
        ),
      ),
    );
  }
  return {
    records: outcomes.map((o) => o.record),
    snapshots: outcomes.map((o) => o.snapshot),
    final: outcomes[outcomes.length - 1].final,
  };
}

/**
 * The chain sealed again with the facts of the records at `seqs` replaced by `facts` (removed when
 * undefined): a history that verifies, but is not the one the guards saw.
 */
function withFactsOf(
  records: readonly AuditRecord[],
  seqs: number | readonly number[] | 'all',
  facts: EventFacts | undefined,
): AuditRecord[] {
  const chosen = (seq: number) =>
    seqs === 'all' || (typeof seqs === 'number' ? seqs === seq : seqs.includes(seq));
  const resealed: AuditRecord[] = [];
  for (const record of records) {
    const content: Partial<AuditRecord> = { ...record };
    delete content.hash;
    delete content.facts;
    const f = chosen(record.seq) ? facts : record.facts;
    const prevHash = resealed.length === 0 ? GENESIS_HASH : resealed[resealed.length - 1].hash;
    resealed.push(
      seal({
        ...(content as Omit<AuditRecord, 'hash'>),
        ...(f === undefined ? {} : { facts: f }),
        prevHash,
      }),
    );
  }
  return resealed;
}

/** The whole chain, sealed again without any facts. */
const withoutFacts = (records: readonly AuditRecord[]) => withFactsOf(records, 'all', undefined);

const DOC = documentFact('bao_cao_thanh_tich', 'a');
const NOMINATION_PATH: PathStep[] = [
  { event: 'ATTACH_DOCUMENT', role: 'unit_leader', facts: { document: DOC } },
  { event: 'SUBMIT', role: 'unit_leader', facts: { today: '2026-03-02', eligibility: ON_HOLD } },
  { event: 'START_VERIFICATION', role: 'secretariat' },
  {
    event: 'MARK_VERIFIED',
    role: 'secretariat',
    facts: { today: '2026-03-09', eligibility: NEEDS_REVIEW },
  },
  { event: 'SEND_TO_COUNCIL', role: 'secretariat' },
  {
    event: 'APPROVE',
    role: 'council_chair',
    facts: { today: '2026-03-20', eligibility: ELIGIBLE },
  },
  {
    event: 'OPEN_PUBLIC_NOTICE',
    role: 'secretariat',
    facts: { today: '2026-03-31', publicNotice: NOTICE_REQUIRED },
  },
  {
    event: 'FILE_OBJECTION',
    role: 'public',
    payload: { objection: VALID_OBJECTION },
    facts: { today: DAY_IN_NOTICE },
  },
  { event: 'DISMISS_OBJECTION', role: 'secretariat', payload: { reason: VALID_REASON } },
  {
    event: 'ANNOUNCE',
    role: 'secretariat',
    payload: { decision: SIGNED },
    facts: { today: DAY_AFTER_NOTICE, publicNotice: NOTICE_REQUIRED, decisionNumber: AWARD_NUMBER },
  },
  {
    event: 'REVOKE',
    role: 'council_chair',
    payload: {
      decision: { date: '2026-09-01', signer: 'Lê Thị Bình' },
      ground: 'false_dossier',
      reason: VALID_REASON,
    },
    facts: { today: '2026-09-01', decisionNumber: REVOCATION_NUMBER },
  },
];
const NOMINATION_STATES = [
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
];

describe('nomination v2: a whole case, with facts', () => {
  const walked = walk('nomination', 'unit_leader', NOMINATION_PATH);
  const workflow = shippedWorkflow('nomination', 2);

  test('visits the expected states and ends revoked', () => {
    expect(walked.snapshots.map((s) => s.state)).toEqual(NOMINATION_STATES);
    expect(walked.final).toBe(true);
  });

  test('each record carries exactly the facts its event was sent with, and only then', () => {
    expect(walked.records.map((r) => r.facts)).toEqual([
      undefined,
      ...NOMINATION_PATH.map((s) => s.facts),
    ]);
    for (const [i, record] of walked.records.entries()) {
      const facts = i === 0 ? undefined : NOMINATION_PATH[i - 1].facts;
      expect(Object.hasOwn(record, 'facts')).toBe(facts !== undefined);
    }
  });

  test('the chain verifies', () => {
    expect(verifyChain(CASE_ID, walked.records)).toEqual({
      ok: true,
      checked: NOMINATION_STATES.length,
      firstBadSeq: null,
      problem: null,
    });
  });

  test('the final context holds what every action recorded', () => {
    expect(walked.snapshots[walked.snapshots.length - 1].context).toEqual({
      documents: [DOC],
      eligibility: ELIGIBLE,
      publicNotice: NOTICE_REQUIRED,
      objections: [{ filedOn: DAY_IN_NOTICE, text: VALID_OBJECTION }],
      lastReason: { event: 'DISMISS_OBJECTION', text: VALID_REASON },
      decision: {
        number: AWARD_NUMBER.number,
        issuingUnit: AWARD_NUMBER.issuingUnit,
        date: SIGNED.date,
        signer: SIGNED.signer,
        ruleSet: ELIGIBLE.ruleSet,
      },
      revocation: {
        number: REVOCATION_NUMBER.number,
        issuingUnit: REVOCATION_NUMBER.issuingUnit,
        date: '2026-09-01',
        signer: 'Lê Thị Bình',
        ground: 'false_dossier',
        reason: VALID_REASON,
      },
    });
  });

  test('replay reproduces the state and context, with no drift', () => {
    const last = walked.snapshots[walked.snapshots.length - 1];
    expect(replay(workflow, walked.records)).toEqual({
      state: 'revoked',
      context: last.context,
      final: true,
      firstDriftSeq: null,
    });
  });

  test('replay of every prefix reproduces the case as it was then', () => {
    for (let n = 1; n <= walked.records.length; n++) {
      const result = replay(workflow, walked.records.slice(0, n));
      expect({
        n,
        state: result.state,
        context: result.context,
        drift: result.firstDriftSeq,
      }).toEqual({
        n,
        state: walked.snapshots[n - 1].state,
        context: walked.snapshots[n - 1].context,
        drift: null,
      });
    }
  });

  test('without the facts, replay drifts at the first guarded event (SUBMIT, seq 2, in a case without documents)', () => {
    const noDocuments = walk('nomination', 'unit_leader', NOMINATION_PATH.slice(1));
    expect(replay(workflow, noDocuments.records).firstDriftSeq).toBeNull();
    const stripped = withoutFacts(noDocuments.records);
    expect(verifyChain(CASE_ID, stripped).ok).toBe(true);
    const result = replay(workflow, stripped);
    expect(result.firstDriftSeq).toBe(2);
    expect(result.state).toBe('draft');
  });

  test('without the facts, the whole chain replays to somewhere else', () => {
    const result = replay(workflow, withoutFacts(walked.records));
    expect(result.firstDriftSeq).not.toBeNull();
    expect(result.state).toBe('draft');
    expect(result.context).toEqual({});
  });

  // replay() checks that each recorded event was allowed, so a refused self-transition drifts.
  test('without the facts, replay drifts at the first guarded event (ATTACH_DOCUMENT, seq 2)', () => {
    const result = replay(workflow, withoutFacts(walked.records));
    expect(result.firstDriftSeq).toBe(2);
  });

  test('a refused FILE_OBJECTION while objection_review is drift', () => {
    const extra = walk('nomination', 'unit_leader', [
      ...NOMINATION_PATH.slice(0, 8),
      {
        event: 'FILE_OBJECTION',
        role: 'public',
        payload: { objection: VALID_OBJECTION },
        facts: { today: '2026-04-14' },
      },
    ]);
    expect(extra.snapshots.map((s) => s.state).slice(-2)).toEqual([
      'objection_review',
      'objection_review',
    ]);
    // The second objection's facts rewritten to a day after the notice closed: its guard refuses.
    const rewritten = withFactsOf(extra.records, 10, { today: DAY_AFTER_NOTICE });
    expect(replay(workflow, rewritten).firstDriftSeq).toBe(10);
  });

  test('without the facts from SUBMIT on, replay drifts at SUBMIT (seq 3)', () => {
    const fromSubmit = walked.records.map((r) => r.seq).filter((seq) => seq >= 3);
    const result = replay(workflow, withFactsOf(walked.records, fromSubmit, undefined));
    expect(result.firstDriftSeq).toBe(3);
    expect(result.state).toBe('draft');
  });

  test.each([
    ['SUBMIT', 3, { today: '2026-03-02', eligibility: INELIGIBLE }],
    ['MARK_VERIFIED', 5, { today: '2026-03-09', eligibility: ON_HOLD }],
    ['APPROVE', 7, { today: '2026-03-20', eligibility: INELIGIBLE }],
    [
      'OPEN_PUBLIC_NOTICE',
      8,
      { today: '2026-03-31', publicNotice: { ...NOTICE_REQUIRED, required: false } },
    ],
    ['FILE_OBJECTION', 9, { today: DAY_AFTER_NOTICE }],
    [
      'ANNOUNCE',
      11,
      { today: '2026-04-14', publicNotice: NOTICE_REQUIRED, decisionNumber: AWARD_NUMBER },
    ],
    ['ANNOUNCE', 11, { today: DAY_AFTER_NOTICE, publicNotice: NOTICE_REQUIRED }],
    ['REVOKE', 12, { today: '2026-09-01' }],
  ])(
    'facts of %s (seq %i) that its guard refuses: the chain re-sealed verifies, replay drifts there',
    (event, seq, facts) => {
      expect(walked.records[seq - 1].eventType).toBe(event);
      const rewritten = withFactsOf(walked.records, seq, facts);
      expect(verifyChain(CASE_ID, rewritten).ok).toBe(true);
      expect(replay(workflow, rewritten).firstDriftSeq).toBe(seq);
    },
  );

  test('facts edited in place break the chain at that record', () => {
    const edited = structuredClone(walked.records);
    edited[2].facts = { ...edited[2].facts, eligibility: INELIGIBLE };
    expect(verifyChain(CASE_ID, edited)).toEqual({
      ok: false,
      checked: 2,
      firstBadSeq: 3,
      problem: 'HASH_MISMATCH',
    });
  });
});

describe('violation v2: replay and facts', () => {
  const REASON = 'Vi phạm tốc độ, có biên bản của Cảnh sát giao thông.';
  const DECISION = { number: '12/QĐ-KL', date: '2026-02-20', signer: 'Phạm Văn Cường' };
  const walked = walk('violation', 'secretariat', [
    { event: 'START_VERIFICATION', role: 'secretariat' },
    {
      event: 'CONFIRM',
      role: 'secretariat',
      payload: { reason: REASON },
      facts: { today: '2026-02-10' },
    },
    { event: 'REFER_FOR_DECISION', role: 'secretariat' },
    {
      event: 'DECIDE',
      role: 'council_chair',
      payload: {
        decision: DECISION,
        discipline: { subjectType: 'party_member', form: 'khien_trach' },
      },
      facts: { disciplineForms: { party_member: ['khien_trach', 'canh_cao'] } },
    },
    { event: 'ANNOUNCE', role: 'secretariat', facts: { today: '2026-02-25' } },
  ]);
  const workflow = shippedWorkflow('violation', 2);

  test('replay reproduces state and context, confirmedOn included', () => {
    expect(replay(workflow, walked.records)).toEqual({
      state: 'announced',
      context: {
        lastReason: { event: 'CONFIRM', text: REASON },
        confirmedOn: '2026-02-10',
        decision: DECISION,
        discipline: { subjectType: 'party_member', form: 'khien_trach' },
        announcedOn: '2026-02-25',
      },
      final: false,
      firstDriftSeq: null,
    });
    expect(walked.records.map((r) => Object.hasOwn(r, 'facts'))).toEqual([
      false,
      false,
      true,
      false,
      true,
      true,
    ]);
  });

  test('without its facts, DECIDE (which checks the form against the rule set) is drift', () => {
    const result = replay(workflow, withoutFacts(walked.records));
    expect(result.firstDriftSeq).toBe(5);
  });

  test('replay compares states only: CONFIRM and ANNOUNCE without their facts change the context but not the state', () => {
    const records = walked.records.map((r) =>
      r.eventType === 'DECIDE' ? r : withoutFacts([r])[0],
    );
    const result = replay(workflow, records);
    expect(result.firstDriftSeq).toBeNull();
    expect(result.state).toBe('announced');
    expect(result.context.confirmedOn).toBeNull();
    expect(result.context.announcedOn).toBeNull();
  });
});
