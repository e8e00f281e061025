import { readFileSync } from 'node:fs';
import { assembleCaseEngine } from '../../src/case-engine.assembly';
import { readRuleSetFiles } from '../../src/catalogue/rule-set-files';
import { SystemClock } from '../../src/common/clock';
import { loadCalendar } from '../../src/domain/calendar/working-day-calendar';
import type { Principal } from '../../src/domain/org/principal';
import type { Role } from '../../src/domain/roles';
import { RuleSetCatalogue } from '../../src/domain/rules/rule-set-catalogue';
import type { EligibilityResult } from '../../src/domain/rules/eligibility-types';
import { WorkflowCatalogue } from '../../src/domain/workflow/workflow-catalogue';
import { TypeOrmHistoricalAwardsRepository } from '../../src/persistence/repositories/typeorm-historical-awards.repository';
import { TypeOrmUsersRepository } from '../../src/persistence/repositories/typeorm-users.repository';
import type { StoredUser } from '../../src/persistence/repositories/users.repository';
import { readWorkflowFiles } from '../../src/workflows/workflow-files';
import { WorkflowMigrationService } from '../../src/workflows/workflow-migration.service';
import { DIALECTS } from '../support/databases';
import { FULL_DOSSIER, pdfBytes } from '../support/test-app';
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
/** The shipped workflow files up to nomination `version` (other workflows as shipped). */
const upTo = (version: number) =>
  WorkflowCatalogue.load(
    readWorkflowFiles('workflows').filter(
      (file) =>
        !/nomination\.v(\d+)\.json$/.test(file.source) ||
        Number(/nomination\.v(\d+)\.json$/.exec(file.source)![1]) <= version,
    ),
    undefined,
    readWorkflowFiles('workflows/state-tags'),
  );
const V6 = upTo(6);
const V7 = upTo(7);
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
const EVIDENCE = 'Đã đối chiếu quyết định xếp loại và hồ sơ công tác của đơn vị.';

/**
 * Story: a nomination opened on v6 is being verified when v7 is published. The shipped plan moves
 * it in place, with its data and context; from then on its verification must resolve every line
 * the eligibility check leaves for review, and records who did so and with what evidence.
 */
describe.each(DIALECTS)('migrating running nominations from v6 to v7 (%s)', (dialect) => {
  let store: Store;
  let onV6: ReturnType<typeof assembleCaseEngine>;
  let onV7: ReturnType<typeof assembleCaseEngine>;
  let migrations: WorkflowMigrationService;
  const users: StoredUser[] = [];
  const actor = (role: Role): Principal => {
    const user = aUser();
    users.push(user);
    const grants = [{ role, unitId: null, scope: null }];
    return { userId: user.id, username: user.username, roles: [role], personId: null, grants };
  };
  const [leader, secretariat] = [actor('unit_leader'), actor('secretariat')];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    store = await openStore(dialect);
    for (const user of users) await createUser(store, user);
    onV6 = engineOn(store, V6);
    onV7 = engineOn(store, V7);
    migrations = new WorkflowMigrationService(store.cases, V7, new SystemClock());
    const unit = aUnit(null);
    const people = Array.from({ length: 2 }, () => aPerson(unit));
    await insertOrganisation(store, [unit], people);
    const open = async (person: number) =>
      (
        await onV6.commands.open(
          leader,
          {
            type: 'nomination',
            subject: { kind: 'person', personId: people[person].id },
            data: {
              awardCode: 'lao_dong_tien_tien',
              evaluationYear: 2025,
              movement: 'Phong trào thi đua bảo đảm trật tự, an toàn giao thông',
            } as never,
          },
          request,
        )
      ).body.id;
    ids.draft = await open(0);
    ids.verifying = await open(1);
    for (const code of FULL_DOSSIER) {
      await onV6.documents.upload(
        leader,
        ids.verifying,
        { code, fileName: `${code}.pdf`, contentType: 'application/pdf', body: pdfBytes(code) },
        request,
      );
    }
    for (const [by, type] of [
      [leader, 'SUBMIT'],
      [secretariat, 'START_VERIFICATION'],
    ] as const) {
      await onV6.commands.sendEvent(by, ids.verifying, { type }, request);
    }
  });
  afterAll(() => store.close());

  test('the shipped plan moves v6 cases in place, free-text movement and all', async () => {
    const report = await migrations.run(
      migrations.loadPlan('workflows/migrations/nomination.v6-to-v7.json'),
      { apply: true, actor: OPERATOR },
    );
    expect(report.moves).toEqual(
      expect.arrayContaining([
        { caseId: ids.draft, from: 'draft', to: 'draft' },
        { caseId: ids.verifying, from: 'verifying', to: 'verifying' },
      ]),
    );
    expect(report.stays).toEqual([]);
    for (const id of Object.values(ids)) {
      const moved = await onV7.queries.get(secretariat, id);
      expect(moved).toMatchObject({
        workflow: { id: 'nomination', version: 7 },
        data: { movement: 'Phong trào thi đua bảo đảm trật tự, an toàn giao thông' },
      });
      expect(await onV7.queries.verify(secretariat, id)).toMatchObject({ ok: true });
    }
  });

  test('a moved nomination is verified only with its review lines resolved', async () => {
    const refusal = await onV7.commands
      .sendEvent(secretariat, ids.verifying, { type: 'MARK_VERIFIED' }, request)
      .then(
        () => undefined,
        (error: { code: string; details: { eligibility?: EligibilityResult } }) => error,
      );
    expect(refusal?.code).toBe('CASE.GUARD_FAILED');
    const lines = (refusal?.details.eligibility?.lines ?? [])
      .filter((l) => l.outcome === 'needs_review')
      .map((l) => l.rule);
    expect(lines.length).toBeGreaterThan(0);
    const verified = await onV7.commands.sendEvent(
      secretariat,
      ids.verifying,
      {
        type: 'MARK_VERIFIED',
        payload: {
          reviewResolutions: [...new Set(lines)].map((line) => ({
            line,
            outcome: 'pass',
            evidence: EVIDENCE,
          })),
        } as never,
      },
      request,
    );
    expect(verified.body).toMatchObject({ state: 'verified', workflow: { version: 7 } });
    expect(verified.body.context.reviewResolutions).toEqual(
      [...new Set(lines)].map((line) =>
        expect.objectContaining({ line, evidence: EVIDENCE, resolvedBy: secretariat.userId }),
      ),
    );
    expect(await onV7.queries.verify(secretariat, ids.verifying)).toMatchObject({ ok: true });
  });
});
