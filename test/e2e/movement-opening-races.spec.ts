import type { Response } from 'supertest';
import { DIALECTS } from '../support/databases';
import { todayInVietnam } from '../support/dates';
import { expectAccepted, expectProblem, startTestApp, type TestApp } from '../support/test-app';

/**
 * Concurrent openings that only one may win. The plug-ins check "one registration per registrant
 * and movement", "one participation per unit and movement" and "the movement is live" before the
 * opening's transaction; they check again inside it, with the movement's case locked, so that of
 * several identical requests sent at once exactly one is stored and the others get the same
 * problem a later request gets, and a participation cannot slip in after its movement's closing
 * listed the participations it ends. On PostgreSQL (several connections, READ COMMITTED) these
 * races reproduce without that second check; on SQLite they rarely do.
 *
 *   Committee (launches both movements; participating root)
 *   ├── Cell (registers its people)
 *   └── Units 0…5 (acknowledge)
 */

/** The legal date `days` days before today in Việt Nam. */
function daysAgo(days: number): string {
  const today = new Date(`${todayInVietnam()}T00:00:00Z`);
  return new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

const ROUNDS = 4;
const PERSON_TARGETS = {
  awardCodes: ['lao_dong_tien_tien'],
  pledges: [{ criterionCode: 'traffic_law_compliance', text: 'Không vi phạm luật giao thông.' }],
};

describe.each(DIALECTS)('openings racing each other (%s)', (dialect) => {
  let t: TestApp;
  let committee: string;
  let cell: string;
  let launcher: string;
  let leaderCell: string;
  const units: { id: string; token: string }[] = [];

  const movementData = (code: string) => ({
    code,
    title: 'Thi đua bảo đảm trật tự, an toàn giao thông',
    type: 'thematic',
    legalBasis: [{ citation: 'Chỉ thị 23-CT/TW ngày 25/5/2023' }],
    leadUnitId: committee,
    coordinatingUnitIds: [],
    period: { from: daysAgo(30), to: daysAgo(-300) },
    participatingUnitId: committee,
    criteria: [{ code: 'traffic_law_compliance', weight: 100 }],
    awardsOnOffer: ['lao_dong_tien_tien', 'tap_the_lao_dong_tien_tien'],
    registrationDeadline: daysAgo(-10),
  });

  let movements = 0;
  /** A new movement, launched. */
  const launchedMovement = async (): Promise<string> => {
    movements += 1;
    const opened = await t.openCase(launcher, {
      type: 'movement',
      subject: { kind: 'unit', unitId: committee },
      data: movementData(`PT-RACE-${movements}`),
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    expectAccepted(
      await t.sendEvent(launcher, id, 'LAUNCH', { launchedOn: daysAgo(20) }),
      'LAUNCH',
      'launched',
      2,
    );
    return id;
  };

  const register = (movementId: string, personId: string) =>
    t.openCase(leaderCell, {
      type: 'emulation_registration',
      subject: { kind: 'person', personId },
      data: { movementId, registeredOn: daysAgo(15), targets: PERSON_TARGETS },
    });

  const registrationsOf = async (movementId: string, personId: string): Promise<string[]> => {
    const listed = await t.getAs(launcher, `/api/v1/movements/${movementId}/registrations`);
    expect(listed.status).toBe(200);
    return (listed.body.items as { caseId: string; registrant: { id: string } }[])
      .filter((row) => row.registrant.id === personId)
      .map((row) => row.caseId);
  };

  const acknowledge = (unit: { id: string; token: string }, movementId: string) =>
    t.openCase(unit.token, {
      type: 'movement_participation',
      subject: { kind: 'unit', unitId: unit.id },
      data: { movementId, acknowledgedOn: todayInVietnam() },
    });

  const participationsOf = async (movementId: string, unitId: string) => {
    const table = await t.getAs(launcher, `/api/v1/movements/${movementId}/participation`);
    expect(table.status).toBe(200);
    return (
      table.body.items as { unit: { id: string }; participation: { state: string } | null }[]
    ).filter((row) => row.unit.id === unitId && row.participation !== null);
  };

  const statuses = (responses: Response[]) => responses.map((r) => r.status).sort();

  beforeAll(async () => {
    t = await startTestApp(dialect);
    committee = (await t.createUnit('Đảng ủy Khối các cơ quan tỉnh', 'party_committee')).id;
    cell = (await t.createUnit('Chi bộ Phòng Pháp chế', 'party_cell', committee)).id;
    launcher = (await t.userWithGrants([{ role: 'secretariat', unitId: committee }])).token;
    leaderCell = (await t.userWithGrants([{ role: 'unit_leader', unitId: cell }])).token;
    for (let index = 0; index < 6; index++) {
      const id = (await t.createUnit(`Chi bộ số ${index}`, 'party_cell', committee)).id;
      const { token } = await t.userWithGrants([{ role: 'unit_leader', unitId: id }]);
      units.push({ id, token });
    }
  });

  afterAll(() => t?.close());

  test('five identical registrations at once: one is stored, the others are duplicates (409)', async () => {
    const movementId = await launchedMovement();
    for (let round = 0; round < ROUNDS; round++) {
      const person = (await t.createPerson(`Người đăng ký ${round}`, cell)).id;
      const responses = await Promise.all(
        Array.from({ length: 5 }, () => register(movementId, person)),
      );
      expect(statuses(responses)).toEqual([201, 409, 409, 409, 409]);
      const created = responses.find((r) => r.status === 201)!;
      for (const refused of responses.filter((r) => r.status !== 201)) {
        expectProblem(refused, 409, 'REGISTRATION.DUPLICATE');
      }
      expect(await registrationsOf(movementId, person)).toEqual([created.body.id]);
    }
  });

  test('four identical bulk registrations at once: one is stored, the others are refused whole', async () => {
    const movementId = await launchedMovement();
    for (let round = 0; round < ROUNDS; round++) {
      const first = (await t.createPerson(`Người thứ nhất ${round}`, cell)).id;
      const second = (await t.createPerson(`Người thứ hai ${round}`, cell)).id;
      const body = {
        unitId: cell,
        registeredOn: daysAgo(15),
        people: [
          { personId: first, targets: PERSON_TARGETS },
          { personId: second, targets: PERSON_TARGETS },
        ],
      };
      const responses = await Promise.all(
        Array.from({ length: 4 }, () =>
          t.postAs(leaderCell, `/api/v1/movements/${movementId}/registrations/bulk`).send(body),
        ),
      );
      expect(statuses(responses)).toEqual([201, 422, 422, 422]);
      for (const refused of responses.filter((r) => r.status !== 201)) {
        expectProblem(refused, 422, 'REGISTRATION.BULK_REFUSED');
        // Both rows when it was refused before its transaction; the first, inside it.
        expect(refused.body.rows.length).toBeGreaterThan(0);
        for (const row of refused.body.rows) {
          expect(row).toMatchObject({ part: 'people', code: 'REGISTRATION.DUPLICATE' });
        }
      }
      // Nothing of a refused bulk registration was kept.
      expect(await registrationsOf(movementId, first)).toHaveLength(1);
      expect(await registrationsOf(movementId, second)).toHaveLength(1);
    }
  });

  test('four acknowledgements by one unit at once: one participation (409 for the others)', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const movementId = await launchedMovement();
      const unit = units[round % units.length];
      const responses = await Promise.all(
        Array.from({ length: 4 }, () => acknowledge(unit, movementId)),
      );
      expect(statuses(responses)).toEqual([201, 409, 409, 409]);
      for (const refused of responses.filter((r) => r.status !== 201)) {
        expectProblem(refused, 409, 'MOVEMENT.ALREADY_ACKNOWLEDGED');
      }
      expect(await participationsOf(movementId, unit.id)).toHaveLength(1);
    }
  });

  test('acknowledgements racing the closing: each is refused or ends with the movement', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const movementId = await launchedMovement();
      await t.sendEvent(launcher, movementId, 'START_FINAL_REVIEW', {});
      const [closed, ...acknowledged] = await Promise.all([
        t.sendEvent(launcher, movementId, 'CLOSE', { summary: 'Hoàn thành kế hoạch.' }),
        ...units.map((unit) => acknowledge(unit, movementId)),
      ]);
      expect(closed.status).toBe(200);
      for (const [index, response] of acknowledged.entries()) {
        if (response.status !== 201) {
          expectProblem(response, 409, 'MOVEMENT.NOT_LIVE');
          continue;
        }
        const participation = await t.getAs(
          units[index].token,
          `/api/v1/cases/${response.body.id}`,
        );
        expect(participation.status).toBe(200);
        expect(participation.body).toMatchObject({
          state: 'closed',
          context: { movementOutcome: 'closed' },
        });
      }
    }
  });
});
