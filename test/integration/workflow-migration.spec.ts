import { readFileSync } from 'node:fs';
import { assembleCaseEngine } from '../../src/case-engine.assembly';
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
import { TypeOrmUsersRepository } from '../../src/persistence/repositories/typeorm-users.repository';
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
/** The shipped versions that match, with their state meanings, as the server loads them. */
const versions = (pattern: RegExp) =>
  WorkflowCatalogue.load(
    readWorkflowFiles('workflows').filter((file) => pattern.test(file.source)),
    undefined,
    readWorkflowFiles('workflows/state-tags').filter((file) => pattern.test(file.source)),
  );
// The story is v1 → v2: the versions published after it are not loaded.
const ALL_WORKFLOWS = versions(/\.v[12]\.json$/);
const V1_ONLY = versions(/\.v1\.json$/);
/** The engine with the shipped plug-ins, on `store`, knowing only the versions in `catalogue`. */
const engineOn = (store: Store, catalogue: WorkflowCatalogue) =>
  assembleCaseEngine({
    cases: store.cases,
    organisation: store.organisation,
    historicalAwards: new TypeOrmHistoricalAwardsRepository(store.database),
    users: new TypeOrmUsersRepository(store.database),
    database: store.database,
    workflows: catalogue,
    ruleSets: RuleSetCatalogue.load(readRuleSetFiles('data/rulesets')),
    calendar: loadCalendar({ source: CALENDAR, text: readFileSync(CALENDAR, 'utf8') }),
    clock: new SystemClock(),
  });
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
  let onV1: ReturnType<typeof assembleCaseEngine>;
  let onV2: ReturnType<typeof assembleCaseEngine>;
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

  const walk = async (caseId: string, steps: [Principal, string, object?][]) => {
    for (const [actor, type, payload] of steps) {
      await onV1.commands.sendEvent(actor, caseId, { type, payload: payload as never }, request);
    }
  };

  beforeAll(async () => {
    store = await openStore(dialect);
    for (const user of users) await createUser(store, user);
    onV1 = engineOn(store, V1_ONLY);
    onV2 = engineOn(store, ALL_WORKFLOWS);
    migrations = new WorkflowMigrationService(store.cases, ALL_WORKFLOWS, new SystemClock());
    const unit = aUnit(null);
    const people = Array.from({ length: 6 }, () => aPerson(unit));
    await insertOrganisation(store, [unit], people);
    const open = async (name: string, type: string, person: number, data: object) => {
      const opened = await onV1.commands.open(
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
      await onV1.commands.open(
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
      expect(await onV2.queries.verify(secretariat, id)).toMatchObject({ ok: true });
    }

    const again = await migrations.run(plan, { apply: true, actor: OPERATOR });
    expect(again.moves).toEqual([]);
  });

  test('a moved case goes on under v2, and its replay crosses the migration', async () => {
    const returned = await onV2.commands.sendEvent(
      secretariat,
      ids.verifying,
      { type: 'RETURN_FOR_SUPPLEMENT', payload: { reason: 'Cần bổ sung tài liệu theo mẫu mới' } },
      request,
    );
    expect(returned.body.state).toBe('returned_for_supplement');
    expect(returned.body.workflow).toMatchObject({ version: 2 });
    expect(await onV2.queries.verify(secretariat, ids.verifying)).toMatchObject({ ok: true });
  });

  test('the violation plan moves the confirmed violation', async () => {
    const plan = migrations.loadPlan('workflows/migrations/violation.v1-to-v2.json');
    const report = await migrations.run(plan, { apply: true, actor: OPERATOR });
    expect(report.moves).toEqual([{ caseId: ids.violation, from: 'confirmed', to: 'confirmed' }]);
    expect(await onV2.queries.verify(secretariat, ids.violation)).toMatchObject({ ok: true });
  });
});

/**
 * Story: v3 (payload schemas, legal dates, state tags in the file) is published while v2 cases
 * run. The shipped plans move them in place; a v2 violation whose data carries a key v3 does not
 * know cannot move and finishes on v2; a moved case is read by its new version's tags and takes
 * legal dates from then on.
 */
describe.each(DIALECTS)('migrating running cases from v2 to v3 (%s)', (dialect) => {
  let store: Store;
  let onV2: ReturnType<typeof assembleCaseEngine>;
  let onV3: ReturnType<typeof assembleCaseEngine>;
  let migrations: WorkflowMigrationService;
  const users: StoredUser[] = [];
  const actor = (role: Role): Principal => {
    const user = aUser();
    users.push(user);
    const grants = [{ role, unitId: null, scope: null }];
    return { userId: user.id, username: user.username, roles: [role], personId: null, grants };
  };
  const [leader, secretariat] = [actor('unit_leader'), actor('secretariat')];
  const V2 = versions(/\.v[12]\.json$/);
  const V3 = versions(/\.v[123]\.json$/);

  const ids: Record<string, string> = {};

  beforeAll(async () => {
    store = await openStore(dialect);
    for (const user of users) await createUser(store, user);
    onV2 = engineOn(store, V2);
    onV3 = engineOn(store, V3);
    migrations = new WorkflowMigrationService(store.cases, V3, new SystemClock());
    const unit = aUnit(null);
    const people = Array.from({ length: 3 }, () => aPerson(unit));
    await insertOrganisation(store, [unit], people);
    const open = async (by: Principal, type: string, person: number, data: object) =>
      (
        await onV2.commands.open(
          by,
          { type, subject: { kind: 'person', personId: people[person].id }, data: data as never },
          request,
        )
      ).body.id;
    ids.nomination = await open(leader, 'nomination', 0, {
      awardCode: 'lao_dong_tien_tien',
      evaluationYear: 2025,
    });
    ids.violation = await open(secretariat, 'violation', 1, { category: 'traffic' });
    ids.extraKey = await open(secretariat, 'violation', 2, { category: 'other', reportedBy: 'CA' });
    for (const id of [ids.violation, ids.extraKey]) {
      await onV2.commands.sendEvent(secretariat, id, { type: 'START_VERIFICATION' }, request);
    }
  });
  afterAll(() => store.close());

  test('the shipped plans move v2 cases in place; a case whose data v3 refuses stays', async () => {
    const nominations = await migrations.run(
      migrations.loadPlan('workflows/migrations/nomination.v2-to-v3.json'),
      { apply: true, actor: OPERATOR },
    );
    expect(nominations.moves).toEqual([{ caseId: ids.nomination, from: 'draft', to: 'draft' }]);
    const violations = await migrations.run(
      migrations.loadPlan('workflows/migrations/violation.v2-to-v3.json'),
      { apply: true, actor: OPERATOR },
    );
    expect(violations.moves).toEqual([
      { caseId: ids.violation, from: 'verifying', to: 'verifying' },
    ]);
    expect(violations.stays).toEqual([
      expect.objectContaining({ caseId: ids.extraKey, state: 'verifying' }),
    ]);
    expect(violations.stays[0].reason).toContain('reportedBy');
    for (const id of Object.values(ids)) {
      expect(await onV3.queries.verify(secretariat, id)).toMatchObject({ ok: true });
    }
  });

  test('a moved violation takes its legal dates and refuses unknown fields from then on', async () => {
    const unknown = onV3.commands.sendEvent(
      secretariat,
      ids.violation,
      { type: 'CONFIRM', payload: { reason: 'Đã xác minh', note: 'x' } },
      request,
    );
    await expect(unknown).rejects.toMatchObject({ code: 'CASE.PAYLOAD_INVALID' });
    const confirmed = await onV3.commands.sendEvent(
      secretariat,
      ids.violation,
      { type: 'CONFIRM', payload: { reason: 'Đã xác minh', confirmedOn: '2026-01-15' } },
      request,
    );
    expect(confirmed.body).toMatchObject({
      state: 'confirmed',
      workflow: { version: 3 },
      context: { confirmedOn: '2026-01-15' },
    });
    // The one left on v2 goes on under v2's rules (its CONFIRM records the day it is entered).
    const onOld = await onV3.commands.sendEvent(
      secretariat,
      ids.extraKey,
      { type: 'CONFIRM', payload: { reason: 'Đã xác minh', confirmedOn: '2026-01-15' } },
      request,
    );
    expect(onOld.body.workflow).toMatchObject({ version: 2 });
    expect(onOld.body.context.confirmedOn).not.toBe('2026-01-15');
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
