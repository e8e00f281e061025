import { CaseCommands } from '../../src/cases/case-commands.service';
import { Clock } from '../../src/common/clock';
import type { Principal } from '../../src/domain/org/principal';
import { WorkflowCatalogue } from '../../src/domain/workflow/workflow-catalogue';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../../src/persistence/repositories/cases.repository';
import { MigrateWorkflowCommand } from '../../src/workflows/migrate-workflow.command';
import { WorkflowMigrationService } from '../../src/workflows/workflow-migration.service';
import {
  approve,
  lineOf,
  recordedEligibility,
  startStory,
  step,
  uncited,
  type RecordedEligibilityView,
  type StoryTokens,
} from '../e2e/nominations/nomination-steps';
import { DIALECTS } from '../support/databases';
import { nominationData, type TestApp } from '../support/test-app';

const PLAN = 'workflows/migrations/nomination.v8-to-v9.json';

interface HistoryRecord {
  seq: number;
  eventType: string;
  at: string;
  workflow: { id: string; version: number; hash: string };
}

/**
 * Story: two nominations were opened on v8, which kept the eligibility check's whole report on the
 * case. One is being verified, the other is approved, when v9 is published: v9 keeps on the case
 * only the outcome, the rule set and the lines that did not pass (`linesNotPassed`, with a count
 * of those that passed); the whole report stays in the checking event's audit record. The shipped
 * plan moves both in place, data and context untouched, and each still verifies: its records of
 * before the migration replay on v8. The nomination being verified is checked again on v9, which
 * writes v9's shape; the approved one is not checked again and shows v8's whole report as it was.
 * Either way GET /cases/:id/eligibility/recorded answers every line from the record.
 */
describe.each(DIALECTS)('moving running nominations from v8 to v9 (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;
  let migrations: WorkflowMigrationService;
  const ids = { verifying: '', approved: '' };
  /** Each case as GET /cases/:id answered it just before the migration. */
  const beforeMigration: Record<string, Record<string, unknown>> = {};
  /** The seq of each case's WORKFLOW_MIGRATED record. */
  const migratedAt: Record<string, number> = {};

  beforeAll(async () => {
    ({ t, tokens } = await startStory(dialect));
    // The nominations are opened on v8 in the leader's name: the story's leader is that user.
    const leader = await t.userWith('unit_leader');
    tokens = { ...tokens, leader: leader.token };
    const principal: Principal = {
      userId: leader.id,
      username: leader.username,
      roles: ['unit_leader'],
      personId: null,
      grants: [{ role: 'unit_leader', unitId: null, scope: null }],
    };
    const unitId = (await t.createUnit('Phòng Kế hoạch', 'office')).id;
    const openOnV8 = async (name: string) => {
      const personId = (await t.createPerson(name, unitId)).id;
      const opened = await t.app
        .get(CaseCommands)
        .open(
          principal,
          { type: 'nomination', subject: { kind: 'person', personId }, data: nominationData() },
          { method: 'POST', path: '/api/v1/cases' },
          8,
        );
      return opened.body.id;
    };
    ids.verifying = await openOnV8('Trịnh Thị Mai');
    ids.approved = await openOnV8('Võ Văn Hùng');
    migrations = new WorkflowMigrationService(
      t.app.get<CasesRepository>(CASES_REPOSITORY),
      t.app.get(WorkflowCatalogue),
      t.app.get(Clock),
    );
  });
  afterAll(() => t.close());

  const getCase = async (id: string) => {
    const response = await t.getCase(tokens.secretariat, id);
    expect(response.status).toBe(200);
    return response.body as {
      state: string;
      version: number;
      workflow: { id: string; version: number };
      data: unknown;
      context: { eligibility: Record<string, unknown> };
    };
  };
  const historyOf = async (id: string) => {
    const history = await t.history(tokens.secretariat, id);
    expect(history.status).toBe(200);
    return history.body.items as HistoryRecord[];
  };
  const expectVerifies = async (id: string) => {
    const verified = await t.verify(tokens.secretariat, id);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ ok: true, checked: (await historyOf(id)).length });
  };
  /** v8's shape: the whole report, passing lines included, as the record has it uncited. */
  const expectWholeReport = (
    eligibility: Record<string, unknown>,
    report: RecordedEligibilityView,
  ) => {
    expect(report.lines.some((l) => l.outcome === 'pass')).toBe(true);
    expect(eligibility).toEqual({
      outcome: report.outcome,
      ruleSet: report.ruleSet,
      lines: report.lines.map(uncited),
    });
  };

  test('on v8, one nomination is being verified and one is approved, each with its whole report', async () => {
    await t.attachDossier(tokens.leader, ids.verifying);
    const submitted = await step(t, tokens.leader, ids.verifying, 'SUBMIT', 'submitted');
    await step(t, tokens.secretariat, ids.verifying, 'START_VERIFICATION', 'verifying');
    const atSubmit = await recordedEligibility(t, tokens.leader, ids.verifying);
    expect(atSubmit).toMatchObject({ seq: submitted.body.version, eventType: 'SUBMIT' });

    await t.attachDossier(tokens.leader, ids.approved);
    await approve(t, tokens, ids.approved);
    const atApproval = await recordedEligibility(t, tokens.leader, ids.approved);
    expect(atApproval.eventType).toBe('APPROVE');

    for (const [id, state, report] of [
      [ids.verifying, 'verifying', atSubmit],
      [ids.approved, 'approved', atApproval],
    ] as const) {
      const stored = await getCase(id);
      expect(stored).toMatchObject({ state, workflow: { id: 'nomination', version: 8 } });
      expectWholeReport(stored.context.eligibility, report);
      beforeMigration[id] = stored;
    }
  });

  test('the shipped plan moves both to v9 in the same state, data and context unchanged', async () => {
    const plan = migrations.loadPlan(PLAN);
    const expected = [
      { caseId: ids.verifying, from: 'verifying', to: 'verifying' },
      { caseId: ids.approved, from: 'approved', to: 'approved' },
    ];
    // The dry run lists them and moves nothing.
    const dry = await migrations.run(plan, {
      apply: false,
      actor: { userId: 'cli', username: 'cli', roles: ['admin'] },
    });
    expect(dry.moves).toHaveLength(2);
    expect(dry.moves).toEqual(expect.arrayContaining(expected));
    expect(dry.stays).toEqual([]);
    expect((await getCase(ids.verifying)).workflow.version).toBe(8);

    // The operator applies it from the command line.
    const written: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      await new MigrateWorkflowCommand(migrations).run([PLAN], { apply: true });
    } finally {
      stdout.mockRestore();
    }
    const output = written.join('');
    expect(output).toContain('nomination.v8-to-v9: nomination v8 → nomination v9\n');
    expect(output).toContain('2 cases moved, 0 stay on nomination v8\n');
    expect(output).toContain(`move\t${ids.verifying}\tverifying → verifying\n`);
    expect(output).toContain(`move\t${ids.approved}\tapproved → approved\n`);

    for (const id of Object.values(ids)) {
      const before = beforeMigration[id] as Awaited<ReturnType<typeof getCase>>;
      const moved = await getCase(id);
      expect(moved).toMatchObject({
        state: before.state,
        workflow: { id: 'nomination', version: 9 },
        version: before.version + 1,
      });
      expect(moved.data).toEqual(before.data);
      expect(moved.context).toEqual(before.context);
      // The records before the migration stay pinned to v8 (and replay on it); the move is v9's.
      const history = await historyOf(id);
      const migration = history[history.length - 1];
      expect(migration).toMatchObject({
        seq: moved.version,
        eventType: 'WORKFLOW_MIGRATED',
        workflow: { id: 'nomination', version: 9 },
      });
      migratedAt[id] = migration.seq;
      expect(new Set(history.slice(0, -1).map((r) => r.workflow.version))).toEqual(new Set([8]));
      await expectVerifies(id);
    }
  });

  test('the migrated nomination’s next check keeps v9’s shape; the record lists every line', async () => {
    const verified = await step(t, tokens.secretariat, ids.verifying, 'MARK_VERIFIED', 'verified');
    expect(verified.body.workflow).toMatchObject({ id: 'nomination', version: 9 });
    const report = await recordedEligibility(t, tokens.leader, ids.verifying);
    expect(report).toMatchObject({ seq: verified.body.version, eventType: 'MARK_VERIFIED' });
    expect(report.seq).toBeGreaterThan(migratedAt[ids.verifying]);
    const record = (await historyOf(ids.verifying)).find((r) => r.seq === report.seq);
    expect(record).toMatchObject({
      eventType: 'MARK_VERIFIED',
      at: report.recordedAt,
      workflow: { version: 9 },
    });

    // The record lists every line, passing ones included; the case keeps those that did not pass.
    const passing = report.lines.filter((l) => l.outcome === 'pass');
    expect(passing.length).toBeGreaterThan(0);
    expect(lineOf(report, 'dossier.complete').outcome).toBe('pass');
    const eligibility = verified.body.context.eligibility;
    expect(eligibility).not.toHaveProperty('lines');
    expect(eligibility).toEqual({
      outcome: report.outcome,
      ruleSet: report.ruleSet,
      linesNotPassed: report.lines.filter((l) => l.outcome !== 'pass').map(uncited),
      passedLines: passing.length,
    });
    // MARK_VERIFIED took a resolution for each line the check left for review.
    const forReview = report.lines.filter((l) => l.outcome === 'needs_review').map((l) => l.rule);
    expect(forReview.length).toBeGreaterThan(0);
    expect(
      (verified.body.context.reviewResolutions as { line: string }[]).map((r) => r.line),
    ).toEqual(expect.arrayContaining(forReview));
    // GET /cases/:id answers the same as the event did.
    expect((await getCase(ids.verifying)).context.eligibility).toEqual(eligibility);
  });

  test('the migrated approved nomination still shows v8’s whole report, which its record gives too', async () => {
    const stored = await getCase(ids.approved);
    expect(stored).toMatchObject({ state: 'approved', workflow: { version: 9 } });
    expect(stored.context.eligibility).toEqual(
      (beforeMigration[ids.approved] as Awaited<ReturnType<typeof getCase>>).context.eligibility,
    );
    const report = await recordedEligibility(t, tokens.leader, ids.approved);
    expect(report.eventType).toBe('APPROVE');
    expect(report.seq).toBeLessThan(migratedAt[ids.approved]);
    expectWholeReport(stored.context.eligibility, report);
    // The record's lines are the case's with their citations added.
    expect(lineOf(report, 'discipline.in_force').source[0]).toMatchObject({
      citation: 'Nghị định số 152/2025/NĐ-CP',
    });
  });

  test('both still verify at the end', async () => {
    for (const id of Object.values(ids)) await expectVerifies(id);
  });
});
