import path from 'node:path';
import { validate as isUuid } from 'uuid';
import { CaseEffects, type AcceptedTransition } from '../../src/cases/plugins/case-effects';
import type { AuditRecord } from '../../src/domain/audit/audit-record';
import type { StoredCase } from '../../src/domain/cases/stored-case';
import { holdReference } from '../../src/domain/workflow/hold-steps';
import type { CaseTransaction } from '../../src/persistence/repositories/cases.repository';
import type {
  HoldReferenceRow,
  HoldReferencesRepository,
} from '../../src/persistence/repositories/hold-references.repository';
import { NominationHolds } from '../../src/violations/nomination-holds';
import { loadWorkflowCatalogue } from '../../src/workflows/workflow-files';

/*
 * The holds effect against the shipped workflows, with the transaction faked: which violation
 * transitions hold or release (by the states' tags), with which reason, and which of the subject's
 * nominations receive the event (by what their own workflow version takes in their state, and, for
 * RELEASE, whether this case holds them); a HOLD names the case by a fresh reference, stored with
 * what it stands for, and a RELEASE names the hold as the nomination keeps it and says only that the
 * matter ended.
 */

const catalogue = loadWorkflowCatalogue(path.join(__dirname, '..', '..', 'workflows'));
const VIOLATION_ID = '0190c0de-0000-7000-8000-0000000000a1';
const OTHER_CASE = '0190c0de-0000-7000-8000-0000000000a2';
/** A reference this case put on n-verified-by-reference earlier (its row is in hold_references). */
const EARLIER_REFERENCE = holdReference(
  { violationCaseId: VIOLATION_ID, nominationCaseId: 'n-verified-by-reference' },
  'ab'.repeat(32),
);
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
    'n-verified-by-reference',
    { id: 'nomination', version: 9 },
    'verified',
    held(EARLIER_REFERENCE),
  ),
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
  const stored: HoldReferenceRow[] = [];
  const references: HoldReferencesRepository = {
    insertIn: async (_tx, row) => {
      stored.push(row);
    },
    ofViolationIn: async (_tx, violationCaseId) =>
      violationCaseId === VIOLATION_ID
        ? [
            {
              reference: EARLIER_REFERENCE,
              nominationCaseId: 'n-verified-by-reference',
              violationCaseId,
              nonce: 'ab'.repeat(32),
              createdAt: '2026-03-02T08:00:00.000Z',
            },
          ]
        : [],
    ofNomination: async () => [],
  };
  new NominationHolds(effects, catalogue, references).onModuleInit();
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
  return { sent, subjects, stored };
}

describe('the violation holds its subject’s nominations (violation, latest version)', () => {
  test('a report holds every nomination of the subject whose version and state take a HOLD, each by a reference of its own', async () => {
    const { sent, subjects, stored } = await run(null, 'reported');
    expect(subjects).toEqual([{ subject: PERSON, caseType: 'nomination' }]);
    expect(sent.map((s) => [s.caseId, s.type, s.payload?.reason])).toEqual([
      ['n-verified', 'HOLD', 'discipline_pending'],
      ['n-recommended-held-by-other', 'HOLD', 'discipline_pending'],
    ]);
    // Each HOLD names the case by the reference stored for it, never by its id.
    expect(stored.map((row) => [row.nominationCaseId, row.violationCaseId])).toEqual([
      ['n-verified', VIOLATION_ID],
      ['n-recommended-held-by-other', VIOLATION_ID],
    ]);
    for (const [index, event] of sent.entries()) {
      const row = stored[index];
      expect(event.payload).toEqual({
        violationCaseId: row.reference,
        reason: 'discipline_pending',
      });
      expect(isUuid(row.reference)).toBe(true);
      expect(row.reference).not.toContain(VIOLATION_ID);
      expect(holdReference(row, row.nonce)).toBe(row.reference);
      expect(row.nonce).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(stored[0].reference).not.toBe(stored[1].reference);
    expect(stored[0].nonce).not.toBe(stored[1].nonce);
  });

  test('steps while the matter is pending send nothing', async () => {
    expect((await run('reported', 'verifying')).sent).toEqual([]);
    expect((await run('confirmed', 'deciding')).sent).toEqual([]);
  });

  test('the dismissal releases only the nominations this case holds, by the name each hold goes by, saying only that it ended', async () => {
    const { sent, stored } = await run('verifying', 'dismissed');
    expect(sent).toEqual([
      {
        caseId: 'n-verified-held',
        type: 'RELEASE',
        payload: { violationCaseId: VIOLATION_ID, outcome: 'ended' },
      },
      {
        caseId: 'n-verified-by-reference',
        type: 'RELEASE',
        payload: { violationCaseId: EARLIER_REFERENCE, outcome: 'ended' },
      },
    ]);
    expect(stored).toEqual([]);
  });

  test('the decision releases, and does not say how it was decided', async () => {
    const { sent } = await run('deciding', 'decided');
    expect(sent.map((s) => [s.caseId, s.type, s.payload?.outcome])).toEqual([
      ['n-verified-held', 'RELEASE', 'ended'],
      ['n-verified-by-reference', 'RELEASE', 'ended'],
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
        payload: { violationCaseId: VIOLATION_ID, outcome: 'ended' },
      }),
      expect.objectContaining({
        caseId: 'n-verified-by-reference',
        type: 'RELEASE',
        payload: { violationCaseId: EARLIER_REFERENCE, outcome: 'ended' },
      }),
    ]);
  });
});
