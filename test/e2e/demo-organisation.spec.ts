import { Clock } from '../../src/common/clock';
import { DemoLoader, NotADemoDatabaseError } from '../../src/demo/demo-loader';
import { demoPeople, demoUnits } from '../../src/demo/demo-organisation';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../../src/persistence/repositories/organisation.repository';
import {
  USERS_REPOSITORY,
  type UsersRepository,
} from '../../src/persistence/repositories/users.repository';
import { UsersService } from '../../src/users/users.service';
import { DIALECTS } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';

const PASSWORD = 'demo-password-for-tests';

/**
 * Story: a newcomer runs `npm run demo`, then logs in as the unit leader of the electricity
 * company's Party organisation and sees that organisation's people, and nothing of the water
 * company next door. Running the demo again changes nothing; it refuses a database with real data.
 */
describe.each(DIALECTS)('the demo organisation (%s)', (dialect) => {
  let t: TestApp;
  let loader: DemoLoader;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    loader = new DemoLoader(
      t.app.get<OrganisationRepository>(ORGANISATION_REPOSITORY),
      t.app.get<UsersRepository>(USERS_REPOSITORY),
      t.app.get(UsersService),
      t.app.get(Clock),
    );
  });
  afterAll(() => t.close());

  test('loads the plan’s organisation and a user per role and scope, idempotently', async () => {
    const first = await loader.load(PASSWORD);
    expect(first.units).toBe(demoUnits().length);
    expect(first.people).toBeGreaterThanOrEqual(300);
    expect(first.logins.map((login) => login.role).sort()).toEqual(
      expect.arrayContaining([
        'admin',
        'auditor',
        'council_chair',
        'council_member',
        'secretariat',
        'unit_leader',
      ]),
    );

    // Every grassroots organisation and the youth union has a leader who can sign in (the
    // movement's cascade reaches each of them), and the propaganda board has its office.
    const scopeOf = (login: { scope: string }) => login.scope.split(' ')[0];
    const leaders = first.logins.filter((login) => login.role === 'unit_leader').map(scopeOf);
    expect(leaders).toEqual(
      expect.arrayContaining(
        demoUnits()
          .filter((unit) => unit.kind === 'grassroots_party_org' || unit.code === 'DUK-DK')
          .map((unit) => unit.code),
      ),
    );
    expect(first.logins.filter((login) => login.role === 'secretariat').map(scopeOf)).toContain(
      'DUK-BTG',
    );

    const units = await t.getAs(t.adminToken, '/api/v1/units?limit=100');
    expect(units.body.items.map((unit: { code: string }) => unit.code).sort()).toEqual(
      demoUnits()
        .map((unit) => unit.code)
        .sort(),
    );
    const names = units.body.items.map((unit: { name: string }) => unit.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'Đảng ủy Khối Doanh nghiệp tỉnh',
        'Ban Tuyên giáo Đảng ủy Khối',
        'Văn phòng Đảng ủy Khối',
        'Đoàn Thanh niên Khối',
      ]),
    );

    const again = await loader.load(PASSWORD);
    expect(again.logins).toEqual(first.logins);
    const unitsAgain = await t.getAs(t.adminToken, '/api/v1/units?limit=100');
    expect(unitsAgain.body.items).toEqual(units.body.items);
  });

  test('a grassroots unit leader sees their organisation’s people and nothing of a sibling', async () => {
    await loader.load(PASSWORD);
    const leader = await t.login('demo.dienluc', PASSWORD);
    const inElectricity = new Set(
      demoPeople()
        .filter((person) => person.unitCode.startsWith('DUK-DL'))
        .map((person) => person.code),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await t.getAs(
        leader,
        `/api/v1/people?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((person: { code: string }) => person.code));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...inElectricity].sort());

    const water = demoPeople().find((person) => person.unitCode.startsWith('DUK-CN'))!;
    const search = await t.getAs(leader, `/api/v1/people?q=${encodeURIComponent(water.fullName)}`);
    expect(search.body.items.map((person: { code: string }) => person.code)).not.toContain(
      water.code,
    );
  });

  test('refuses to touch a database that holds real data', async () => {
    await t.createUnit('Cơ quan thật', 'agency');
    await expect(loader.load(PASSWORD)).rejects.toBeInstanceOf(NotADemoDatabaseError);
  });
});
