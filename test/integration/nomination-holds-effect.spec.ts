import path from 'node:path';
import { CaseEffects, type AcceptedTransition } from '../../src/cases/plugins/case-effects';
import type { AuditRecord } from '../../src/domain/audit/audit-record';
import type { StoredCase } from '../../src/domain/cases/stored-case';
import type { CaseTransaction } from '../../src/persistence/repositories/cases.repository';
import { NominationHolds } from '../../src/violations/nomination-holds';
import { loadWorkflowCatalogue } from '../../src/workflows/workflow-files';

/*
 * The holds effect against the shipped workflows, with the transaction faked: which violation
 * transitions hold or release (by the states' tags), with which reason and outcome, and which of
 * the subject's nominations receive the event (by what their own workflow version takes in their
 * state, and, for RELEASE, whether this case holds them).
 */

const catalogue = loadWorkflowCatalogue(path.join(__dirname, '..', '..', 'workflows'));
const VIOLATION_ID = '0190c0de-0000-7000-8000-0000000000a1';
const OTHER_CASE = '0190c0de-0000-7000-8000-0000000000a2';
const PERSON = {
  kind: 'person' as const,
  id: 'p-1',
  code: 'CB-1',
  name: 'Lương Thị Thu',
  unitId: 'u',
};

function stored(
  id: string,
  workflow: { id: string; version: number },
  state: string,
  context: Record<string, unknown> = {},
): StoredCase {
  return {
    id,
    caseType: workflow.id,
    workflow: { ...workflow, hash: catalogue.get(workflow.id, workflow.version).hash },
    state,
    closed:
      catalogue.get(workflow.id, workflow.version).definition.machine.states[state].type ===
      'final',
    context,
    subject: PERSON,
    unitId: 'u',
    unitPath: '/u',
    subjectPersonId: PERSON.id,
    data: {},
    version: 3,
    headHash: 'ab'.repeat(32),
    createdBy: 'someone',
    createdAt: '2026-03-02T08:00:00.000Z',
    updatedAt: '2026-03-02T08:00:00.000Z',
  };
}

const held = (caseId = VIOLATION_ID) => ({
  holds: [{ caseId, reason: 'discipline_pending', since: '2026-03-02' }],
});

/** The subject's open nominations, as the transaction would find them. */
const NOMINATIONS = [
  stored('n-draft', { id: 'nomination', version: 6 }, 'draft'),
  stored('n-verified', { id: 'nomination', version: 6 }, 'verified'),
  stored('n-verified-held', { id: 'nomination', version: 6 }, 'verified', held()),
  stored(
    'n-recommended-held-by-other',
    { id: 'nomination', version: 6 },
    'recommended',
    held(OTHER_CASE),
  ),
  stored('n-announced', { id: 'nomination', version: 6 }, 'announced'),
  stored('n-v5-verified', { id: 'nomination', version: 5 }, 'verified'),
];

/** A violation v4 transition from one state to another (null: the case was opened). */
function transition(fromState: string | null, toState: string): AcceptedTransition {
  const workflow = catalogue.latestForCaseType('violation');
  const after = stored(
    VIOLATION_ID,
    { id: 'violation', version: workflow.definition.version },
    toState,
  );
  return {
    before: fromState === null ? null : { ...after, state: fromState },
    after,
    record: { fromState, toState } as AuditRecord,
    facts: {},
    workflow,
  };
}

async function run(fromState: string | null, toState: string) {
  const effects = new CaseEffects();
  new NominationHolds(effects, catalogue).onModuleInit();
  const sent: { caseId: string; type: string; payload?: Record<string, unknown> }[] = [];
  const subjects: unknown[] = [];
  const tx = {
    openCasesAboutForUpdate: async (subject: unknown, caseType: string) => {
      subjects.push({ subject, caseType });
      return NOMINATIONS;
    },
  } as unknown as CaseTransaction;
  const accepted = transition(fromState, toState);
  for (const effect of effects.for(accepted)) {
    await effect.apply(accepted, {
      tx,
      sendSystemEvent: async (caseId, type, payload) => {
        sent.push({ caseId, type, payload });
        return NOMINATIONS[0];
      },
    });
  }
  return { sent, subjects };
}

describe('the violation holds its subject’s nominations (violation, latest version)', () => {
  test('a report holds every nomination of the subject whose version and state take a HOLD', async () => {
    const { sent, subjects } = await run(null, 'reported');
    expect(subjects).toEqual([{ subject: PERSON, caseType: 'nomination' }]);
    expect(sent).toEqual(
      ['n-verified', 'n-recommended-held-by-other'].map((caseId) => ({
        caseId,
        type: 'HOLD',
        payload: { violationCaseId: VIOLATION_ID, reason: 'discipline_pending' },
      })),
    );
  });

  test('steps while the matter is pending send nothing', async () => {
    expect((await run('reported', 'verifying')).sent).toEqual([]);
    expect((await run('confirmed', 'deciding')).sent).toEqual([]);
  });

  test('the dismissal releases only the nominations this case holds', async () => {
    expect((await run('verifying', 'dismissed')).sent).toEqual([
      {
        caseId: 'n-verified-held',
        type: 'RELEASE',
        payload: { violationCaseId: VIOLATION_ID, outcome: 'dismissed' },
      },
    ]);
  });

  test('the decision releases, as decided', async () => {
    expect((await run('deciding', 'decided')).sent).toEqual([
      expect.objectContaining({
        type: 'RELEASE',
        payload: expect.objectContaining({ outcome: 'decided' }),
      }),
    ]);
  });

  test('an appeal holds again as a complaint; its decision releases', async () => {
    const [review] = catalogue.statesTagged('violation', 'appeal_pending');
    expect(review).toBeDefined();
    const held = await run('announced', review);
    expect(held.sent.map((s) => [s.caseId, s.payload?.reason])).toEqual([
      ['n-verified', 'complaint_pending'],
      ['n-recommended-held-by-other', 'complaint_pending'],
    ]);
    const released = await run(review, 'announced');
    expect(released.sent).toEqual([
      expect.objectContaining({
        caseId: 'n-verified-held',
        type: 'RELEASE',
        payload: { violationCaseId: VIOLATION_ID, outcome: 'appeal_decided' },
      }),
    ]);
  });
});
