import { CaseCommands } from '../../src/cases/case-commands.service';
import { Clock } from '../../src/common/clock';
import { CouncilSessionsService } from '../../src/councils/council-sessions.service';
import { CouncilsService } from '../../src/councils/councils.service';
import { DEMO_NOMINATIONS, DemoCasesLoader, type DemoCasesResult } from '../../src/demo/demo-cases';
import { DemoCouncilLoader } from '../../src/demo/demo-council';
import { DemoLoader } from '../../src/demo/demo-loader';
import {
  DEMO_ACKNOWLEDGEMENTS,
  DEMO_MOVEMENT_AWARDS,
  DEMO_MOVEMENT_TITLE,
  DemoMovementLoader,
  demoCommendationType,
  demoMovementCode,
  type DemoMovementResult,
} from '../../src/demo/demo-movement';
import { DossierDocumentsService } from '../../src/nominations/dossier-documents.service';
import { PublicNoticesService } from '../../src/nominations/public-notices.service';
import { CASES_REPOSITORY } from '../../src/persistence/repositories/cases.repository';
import { HISTORICAL_AWARDS_REPOSITORY } from '../../src/persistence/repositories/historical-awards.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../../src/persistence/repositories/organisation.repository';
import { USERS_REPOSITORY } from '../../src/persistence/repositories/users.repository';
import { RatingsService } from '../../src/ratings/ratings.service';
import { RegistrationsService } from '../../src/registrations/registrations.service';
import { UsersService } from '../../src/users/users.service';
import { DIALECTS } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { timeLimit } from '../support/time-limits';

const PASSWORD = 'demo-password-for-tests';

interface CaseView {
  id: string;
  state: string;
  workflow: { version: number };
  subject: { kind: string; id: string; code?: string };
  data: Record<string, unknown>;
}

/**
 * Story: after `npm run demo` the committee's Directive 23 movement is launched, led by the
 * propaganda board; four units have acknowledged it and the rest have not; the grassroots
 * organisations and the youth union have registered, most approved, one returned; the demo's
 * nominations on the latest workflow carry the movement (and the nominee's registration) and
 * their commendation type; last year's ratings of the nominees are in the register. A second run
 * changes nothing.
 */
describe.each(DIALECTS)('the demo movement (%s)', (dialect) => {
  let t: TestApp;
  let first: DemoMovementResult;
  let cases: DemoCasesResult;
  let secretariat: string;
  let evaluationYear: number;

  const loaders = () => {
    const movement = new DemoMovementLoader(
      t.app.get(CaseCommands),
      t.app.get(RegistrationsService),
      t.app.get(RatingsService),
      t.app.get(DossierDocumentsService),
      t.app.get(CASES_REPOSITORY),
      t.app.get(USERS_REPOSITORY),
      t.app.get(ORGANISATION_REPOSITORY),
      t.app.get(Clock),
    );
    const nominations = new DemoCasesLoader(
      t.app.get(CaseCommands),
      t.app.get(DossierDocumentsService),
      t.app.get(PublicNoticesService),
      t.app.get(CASES_REPOSITORY),
      t.app.get(USERS_REPOSITORY),
      t.app.get(HISTORICAL_AWARDS_REPOSITORY),
      new DemoCouncilLoader(
        t.app.get(CouncilsService),
        t.app.get(CouncilSessionsService),
        t.app.get(CaseCommands),
        t.app.get(Clock),
      ),
      t.app.get(Clock),
      t.app.get(CouncilsService),
    );
    return { movement, nominations };
  };
  /** As `npm run demo` does (src/demo/main.ts). */
  const runDemo = async () => {
    await new DemoLoader(
      t.app.get(ORGANISATION_REPOSITORY),
      t.app.get(USERS_REPOSITORY),
      t.app.get(UsersService),
      t.app.get(Clock),
    ).load(PASSWORD);
    const { movement, nominations } = loaders();
    const loaded = await movement.load();
    const result = await nominations.load(await movement.linksFor(loaded.movementId));
    return { loaded, result };
  };
  const unitId = async (code: string): Promise<string> =>
    (
      await t.app
        .get<OrganisationRepository>(ORGANISATION_REPOSITORY)
        .transaction((tx) => tx.findUnitsByCodes([code]))
    )[0].id;
  const nominationOf = (key: string) =>
    cases.cases.find((line) => line.kind === 'nomination' && line.key === key)!;
  const caseView = async (id: string): Promise<CaseView> => {
    const answer = await t.getAs(secretariat, `/api/v1/cases/${id}`);
    expect(answer.status).toBe(200);
    return answer.body as CaseView;
  };
  /** Everything the demo's movement consists of, as the API shows it. */
  const snapshot = async () => {
    const id = first.movementId;
    const movements = await t.getAs(secretariat, '/api/v1/movements');
    const participation = await t.getAs(secretariat, `/api/v1/movements/${id}/participation`);
    const registrations = await t.getAs(secretariat, `/api/v1/movements/${id}/registrations`);
    const ratings = await t.getAs(secretariat, `/api/v1/ratings?year=${evaluationYear}`);
    const nominations = await Promise.all(
      cases.cases.filter((l) => l.kind === 'nomination').map((l) => caseView(l.caseId)),
    );
    return {
      movements: movements.body,
      participation: participation.body,
      registrations: registrations.body,
      ratings: ratings.body,
      nominations: nominations.map((n) => ({ id: n.id, data: n.data })),
    };
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const run = await runDemo();
    first = run.loaded;
    cases = run.result;
    evaluationYear = cases.evaluationYear;
    secretariat = await t.login('demo.vanphong', PASSWORD);
  }, timeLimit(300_000));
  afterAll(() => t.close());

  test('the committee has launched the Directive 23 movement, led by the propaganda board', async () => {
    expect(first.created).toBe(true);
    const answer = await t.getAs(secretariat, `/api/v1/movements/${first.movementId}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      code: demoMovementCode(evaluationYear),
      title: DEMO_MOVEMENT_TITLE,
      type: 'thematic',
      state: 'launched',
      launchingUnit: { code: 'DUK' },
      leadUnit: { code: 'DUK-BTG' },
      coordinatingUnits: [{ code: 'DUK-VP' }],
      participatingUnit: { code: 'DUK' },
      awardsOnOffer: DEMO_MOVEMENT_AWARDS,
      milestones: { launchedOn: `${evaluationYear}-02-20` },
    });
    expect(answer.body.registrationDeadline.slice(0, 4)).toBe(String(evaluationYear));
    expect(answer.body.legalBasis.map((b: { sourceId?: string }) => b.sourceId)).toEqual([
      'directive_23_ct_tw',
      'plan_168_kh_tu',
      'plan_duk_directive_23',
    ]);
    expect(answer.body.criteria.map((c: { code: string }) => c.code)).toContain(
      'traffic_law_compliance',
    );
    // The grassroots leaders and the propaganda board see it in their list.
    for (const username of ['demo.vantai', 'demo.tuyengiao', 'demo.doankhoi']) {
      const list = await t.getAs(await t.login(username, PASSWORD), '/api/v1/movements');
      expect({ username, ids: list.body.items.map((m: { id: string }) => m.id) }).toEqual({
        username,
        ids: [first.movementId],
      });
    }
  });

  test('some units have acknowledged it, with their plans; the others have not yet', async () => {
    const answer = await t.getAs(
      secretariat,
      `/api/v1/movements/${first.movementId}/participation`,
    );
    expect(answer.status).toBe(200);
    type Row = {
      unit: { code: string };
      participation: { planSummary?: string; plans: number } | null;
    };
    const rows = answer.body.items as Row[];
    const acknowledged = rows.filter((r) => r.participation !== null).map((r) => r.unit.code);
    expect(acknowledged.sort()).toEqual(DEMO_ACKNOWLEDGEMENTS.map((a) => a.unit).sort());
    for (const code of ['DUK-VT', 'DUK-XD', 'DUK-BD']) {
      expect(rows.find((r) => r.unit.code === code)?.participation).toBeNull();
    }
    const electricity = rows.find((r) => r.unit.code === 'DUK-DL')!.participation!;
    expect(electricity.planSummary).toMatch(/Chỉ thị 23/);
    expect(electricity.plans).toBe(1);
  });

  test('registrations from the grassroots organisations and the youth union: approved, returned, waiting', async () => {
    const answer = await t.getAs(
      secretariat,
      `/api/v1/movements/${first.movementId}/registrations`,
    );
    expect(answer.status).toBe(200);
    type Row = { caseId: string; state: string; kind: string; registrant: { code: string } };
    const rows = answer.body.items as Row[];
    expect(rows.length).toBe(first.registrations.length);
    const stateOf = (code: string) => rows.find((r) => r.registrant.code === code)?.state;
    expect(stateOf('DUK-DL')).toBe('approved');
    expect(stateOf('DUK-0036')).toBe('approved');
    expect(stateOf('DUK-NH')).toBe('returned');
    expect(stateOf('DUK-DK')).toBe('approved');
    expect(rows.filter((r) => r.state === 'returned')).toHaveLength(1);
    expect(rows.some((r) => r.state === 'submitted')).toBe(true);
    // The youth union registered itself and some of its people.
    const youthUnion = await t.getAs(
      secretariat,
      `/api/v1/movements/${first.movementId}/registrations?unitId=${await unitId('DUK-DK')}`,
    );
    expect(youthUnion.body.items.map((r: Row) => r.kind).sort()).toEqual([
      'individual',
      'individual',
      'individual',
      'unit',
    ]);
  });

  test('the nominations on the latest workflow carry the movement, the registration and their type', async () => {
    for (const spec of DEMO_NOMINATIONS) {
      const found = await caseView(nominationOf(spec.key).caseId);
      if (spec.workflowVersion !== undefined) {
        // Opened on an earlier version: as it was.
        expect({ key: spec.key, data: found.data }).toEqual({
          key: spec.key,
          data: expect.not.objectContaining({ movementId: expect.anything() }),
        });
        expect(found.data.movement).toEqual(expect.any(String));
        continue;
      }
      expect({ key: spec.key, data: found.data }).toEqual({
        key: spec.key,
        data: expect.objectContaining({
          movementId: first.movementId,
          commendationType: demoCommendationType(spec.awardCode),
        }),
      });
      expect(found.data.movement).toBeUndefined();
    }
    const registrationOf = (code: string) =>
      first.registrations.find((line) => line.subject === code)!.caseId;
    expect((await caseView(nominationOf('verified').caseId)).data.registrationId).toBe(
      registrationOf('DUK-0040'),
    );
    expect((await caseView(nominationOf('council_review').caseId)).data.registrationId).toBe(
      registrationOf('DUK-0041'),
    );
    // The draft's nominee did not register: the nomination names the movement only.
    expect((await caseView(nominationOf('draft').caseId)).data.registrationId).toBeUndefined();
  });

  test('last year’s ratings of the nominees and their units are in the register', async () => {
    const answer = await t.getAs(secretariat, `/api/v1/ratings?year=${evaluationYear}`);
    expect(answer.status).toBe(200);
    type Row = { subjectCode: string; rating: string };
    const rows = answer.body.items as Row[];
    expect(rows.length).toBe(first.ratings.total);
    const ratingOf = (code: string) => rows.find((r) => r.subjectCode === code)?.rating;
    expect(ratingOf('DUK-0040')).toBe('hoan_thanh_tot');
    expect(ratingOf('DUK-0041')).toBe('hoan_thanh_xuat_sac');
    expect(ratingOf('DUK-DL-DN')).toBe('hoan_thanh_tot');
    // The nominated Party cell is rated excellent: its exemplary clean-and-strong title asks it.
    expect(ratingOf('DUK-CN-CB1')).toBe('hoan_thanh_xuat_sac');
    // The rating prerequisite of "Lao động tiên tiến" now passes plainly.
    const eligibility = await t.getAs(
      secretariat,
      `/api/v1/cases/${nominationOf('verified').caseId}/eligibility`,
    );
    expect(eligibility.status).toBe(200);
    const rating = (eligibility.body.lines as { rule: string; outcome: string }[]).filter((line) =>
      line.rule.startsWith('prerequisite.rating'),
    );
    expect(rating.length).toBeGreaterThan(0);
    expect(rating.every((line) => line.outcome === 'pass')).toBe(true);
  });

  test(
    'running the demo again changes nothing',
    async () => {
      const before = await snapshot();
      const again = await runDemo();
      expect(again.loaded.created).toBe(false);
      expect(again.loaded.movementId).toBe(first.movementId);
      expect(again.loaded.registrations).toEqual(first.registrations);
      expect(again.loaded.acknowledged).toEqual(first.acknowledged);
      expect(again.result.cases.every((line) => !line.created)).toBe(true);
      expect(await snapshot()).toEqual(before);
    },
    timeLimit(300_000),
  );
});
