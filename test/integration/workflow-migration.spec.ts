import { readFileSync } from 'node:fs';
import { CasesService } from '../../src/cases/cases.service';
import { readRuleSetFiles } from '../../src/catalogue/rule-set-files';
import { SystemClock } from '../../src/common/clock';
import { loadCalendar } from '../../src/domain/calendar/working-day-calendar';
import type { Principal } from '../../src/domain/org/principal';
import type { Role } from '../../src/domain/roles';
import { RuleSetCatalogue } from '../../src/domain/rules/rule-set-catalogue';
import {
  InvalidMigrationPlanError,
  validateMigrationPlan,
  WORKFLOW_MIGRATED,
} from '../../src/domain/workflow/migration-plan';
import { WorkflowCatalogue } from '../../src/domain/workflow/workflow-catalogue';
import { CommendationFacts } from '../../src/nominations/commendation-facts.service';
import { TypeOrmHistoricalAwardsRepository } from '../../src/persistence/repositories/typeorm-historical-awards.repository';
import { readWorkflowFiles } from '../../src/workflows/workflow-files';
import { WorkflowMigrationService } from '../../src/workflows/workflow-migration.service';
import { DIALECTS } from '../support/databases';
import type { StoredUser } from '../../src/persistence/repositories/users.repository';
import {
  aPerson,
  aUnit,
  aUser,
  createUser,
  insertOrganisation,
  openStore,
  type Store,
} from './fixtures';

const CALENDAR = 'data/calendars/vn-public-holidays.json';
const ALL_WORKFLOWS = WorkflowCatalogue.load(readWorkflowFiles('workflows'));
const V1_ONLY = WorkflowCatalogue.load(
  readWorkflowFiles('workflows').filter((file) => file.source.endsWith('.v1.json')),
);
const OPERATOR = { userId: 'cli', username: 'cli', roles: ['admin' as Role] };
const request = { method: 'POST', path: '/test' };

/**
 * Story: cases opened on v1 are still running when nomination v2 and violation v2 are published.
 * The dry run lists who would move and who cannot (a v1 public notice, data that v2 refuses) and
 * changes nothing; applying writes one WORKFLOW_MIGRATED record per moved case; every case still
 * verifies and replays without drift, and moved cases go on under v2's rules.
 */
describe.each(DIALECTS)('migrating running cases from v1 to v2 (%s)', (dialect) => {
  let store: Store;
  let onV1: CasesService;
  let onV2: CasesService;
  let migrations: WorkflowMigrationService;
  const ids: Record<string, string> = {};

  const principal = (role: Role): Principal => {
    const user = aUser();
    users.push(user);
    return {
      userId: user.id,
      username: user.username,
      roles: [role],
      personId: null,
      grants: [{ role, unitId: null, scope: null }],
    };
  };
  const users: StoredUser[] = [];
  const leader = principal('unit_leader');
  const secretariat = principal('secretariat');
  const chair = principal('council_chair');

  const service = (catalogue: WorkflowCatalogue) => {
    const clock = new SystemClock();
    return new CasesService(
      store.cases,
      store.organisation,
      catalogue,
      clock,
      new CommendationFacts(
        store.cases,
        store.organisation,
        new TypeOrmHistoricalAwardsRepository(store.database),
        loadCalendar({ source: CALENDAR, text: readFileSync(CALENDAR, 'utf8') }),
        RuleSetCatalogue.load(readRuleSetFiles('data/rulesets')),
        clock,
      ),
    );
  };

  const walk = async (caseId: string, steps: [Principal, string, object?][]) => {
    for (const [actor, type, payload] of steps) {
      await onV1.sendEvent(actor, caseId, { type, payload: payload as never }, request);
    }
  };

  beforeAll(async () => {
    store = await openStore(dialect);
    for (const user of users) await createUser(store, user);
    onV1 = service(V1_ONLY);
    onV2 = service(ALL_WORKFLOWS);
    migrations = new WorkflowMigrationService(store.cases, ALL_WORKFLOWS, new SystemClock());
    const unit = aUnit(null);
    const people = Array.from({ length: 6 }, () => aPerson(unit));
    await insertOrganisation(store, [unit], people);
    const open = async (name: string, type: string, person: number, data: object) => {
      const opened = await onV1.open(
        leader,
        { type, subject: { kind: 'person', personId: people[person].id }, data: data as never },
        request,
      );
      ids[name] = opened.body.id;
    };
    const good = { awardCode: 'lao_dong_tien_tien', evaluationYear: 2025 };
    await open('draft', 'nomination', 0, good);
    await open('verifying', 'nomination', 1, good);
    await walk(ids.verifying, [
      [leader, 'SUBMIT'],
      [secretariat, 'START_VERIFICATION'],
    ]);
    await open('noticed', 'nomination', 2, good);
    await walk(ids.noticed, [
      [leader, 'SUBMIT'],
      [secretariat, 'START_VERIFICATION'],
      [secretariat, 'MARK_VERIFIED'],
      [secretariat, 'SEND_TO_COUNCIL'],
      [chair, 'APPROVE'],
      [secretariat, 'OPEN_PUBLIC_NOTICE'],
    ]);
    await open('oldData', 'nomination', 3, { award: 'advanced_worker', year: 2025 });
    await open('withdrawn', 'nomination', 4, good);
    await walk(ids.withdrawn, [[leader, 'WITHDRAW']]);
    ids.violation = (
      await onV1.open(
        secretariat,
        { type: 'violation', subject: { kind: 'person', personId: people[5].id } },
        request,
      )
    ).body.id;
    await walk(ids.violation, [
      [secretariat, 'START_VERIFICATION'],
      [secretariat, 'CONFIRM', { reason: 'Công an tỉnh xác nhận vi phạm' }],
    ]);
  });
  afterAll(() => store.close());

  const versionOf = async (id: string) => (await store.cases.findById(id))!.version;

  test('the dry run lists who moves and who cannot, and writes nothing', async () => {
    const before = await Promise.all(Object.values(ids).map(versionOf));
    const plan = migrations.loadPlan('workflows/migrations/nomination.v1-to-v2.json');
    const report = await migrations.run(plan, { apply: false, actor: OPERATOR });
    expect(report.applied).toBe(false);
    expect(report.moves).toEqual(
      expect.arrayContaining([
        { caseId: ids.draft, from: 'draft', to: 'draft' },
        { caseId: ids.verifying, from: 'verifying', to: 'verifying' },
      ]),
    );
    expect(report.moves).toHaveLength(2);
    const stays = Object.fromEntries(report.stays.map((s) => [s.caseId, s]));
    expect(stays[ids.noticed]).toMatchObject({ state: 'public_notice' });
    expect(stays[ids.noticed].reason).toContain('public_notice');
    expect(stays[ids.oldData].reason).toContain('awardCode');
    expect(stays[ids.withdrawn]).toBeUndefined();
    expect(await Promise.all(Object.values(ids).map(versionOf))).toEqual(before);
  });

  test('applying writes one audited migration record per moved case; all still verify', async () => {
    const plan = migrations.loadPlan('workflows/migrations/nomination.v1-to-v2.json');
    const versionBefore = await versionOf(ids.verifying);
    const report = await migrations.run(plan, { apply: true, actor: OPERATOR });
    expect(report.moves.map((m) => m.caseId).sort()).toEqual([ids.draft, ids.verifying].sort());

    const moved = (await store.cases.findById(ids.verifying))!;
    expect(moved.workflow).toMatchObject({ id: 'nomination', version: 2 });
    expect(moved.version).toBe(versionBefore + 1);
    const history = await store.cases.fullHistory(ids.verifying);
    const record = history[history.length - 1];
    expect(record).toMatchObject({
      eventType: WORKFLOW_MIGRATED,
      fromState: 'verifying',
      toState: 'verifying',
      actor: { userId: 'cli', role: 'admin' },
      workflow: { id: 'nomination', version: 2 },
      payload: {
        from: { id: 'nomination', version: 1 },
        to: { id: 'nomination', version: 2 },
        plan: { id: 'nomination.v1-to-v2' },
      },
    });
    for (const id of Object.values(ids)) {
      expect(await onV2.verify(secretariat, id)).toMatchObject({ ok: true });
    }

    const again = await migrations.run(plan, { apply: true, actor: OPERATOR });
    expect(again.moves).toEqual([]);
  });

  test('a moved case goes on under v2, and its replay crosses the migration', async () => {
    const returned = await onV2.sendEvent(
      secretariat,
      ids.verifying,
      { type: 'RETURN_FOR_SUPPLEMENT', payload: { reason: 'Cần bổ sung tài liệu theo mẫu mới' } },
      request,
    );
    expect(returned.body.state).toBe('returned_for_supplement');
    expect(returned.body.workflow).toMatchObject({ version: 2 });
    expect(await onV2.verify(secretariat, ids.verifying)).toMatchObject({ ok: true });
  });

  test('the violation plan moves the confirmed violation', async () => {
    const plan = migrations.loadPlan('workflows/migrations/violation.v1-to-v2.json');
    const report = await migrations.run(plan, { apply: true, actor: OPERATOR });
    expect(report.moves).toEqual([{ caseId: ids.violation, from: 'confirmed', to: 'confirmed' }]);
    expect(await onV2.verify(secretariat, ids.violation)).toMatchObject({ ok: true });
  });
});

describe('a migration plan is checked against both versions', () => {
  const resolve = (id: string, version: number) => {
    try {
      return ALL_WORKFLOWS.get(id, version);
    } catch {
      return undefined;
    }
  };
  const base = JSON.parse(readFileSync('workflows/migrations/nomination.v1-to-v2.json', 'utf8'));
  const problems = (plan: unknown): string[] => {
    try {
      validateMigrationPlan(plan, 'plan.json', resolve);
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidMigrationPlanError);
      return (error as InvalidMigrationPlanError).problems;
    }
  };

  test('the shipped plans are valid', () => {
    expect(problems(base)).toEqual([]);
    expect(
      problems(JSON.parse(readFileSync('workflows/migrations/violation.v1-to-v2.json', 'utf8'))),
    ).toEqual([]);
  });

  test('an unmapped state, a final target, an unknown state and an unknown version are named', () => {
    const withoutDraft = Object.fromEntries(
      Object.entries(base.states as Record<string, string | null>).filter(([s]) => s !== 'draft'),
    );
    expect(problems({ ...base, states: withoutDraft })).toEqual([
      'states: "draft" is not mapped (map it to a state, or to null)',
    ]);
    expect(problems({ ...base, states: { ...base.states, draft: 'withdrawn' } })).toEqual([
      'states.draft: "withdrawn" is final: a migration does not close cases',
    ]);
    expect(problems({ ...base, states: { ...base.states, draft: 'nowhere' } })).toEqual([
      'states.draft: nomination v2 has no state "nowhere"',
    ]);
    expect(problems({ ...base, to: { id: 'nomination', version: 9 } })).toEqual([
      'to: no workflow nomination v9',
    ]);
    expect(problems({ ...base, states: { ...base.states, rejected: 'draft' } })).toEqual([
      'states.rejected: a final state is not migrated',
    ]);
  });
});
