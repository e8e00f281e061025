import { rmSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/bootstrap';
import { CaseCommands } from '../../src/cases/case-commands.service';
import { TimerScheduler } from '../../src/deadlines/timer-scheduler';
import type { Principal } from '../../src/domain/org/principal';
import { Database } from '../../src/persistence/database';
import { DIALECTS } from '../support/databases';
import { workflowsWithProbes } from '../support/deadline-workflows';
import { TEST_HASHING, startTestApp, type TestApp } from '../support/test-app';
import { timeLimit } from '../support/time-limits';

jest.setTimeout(timeLimit(120_000));

const TIMERS = 1000;

/*
 * The bar of issue 16: two app instances on one PostgreSQL database (two DataSources, real
 * concurrent connections), each running two scheduler passes at once, race over 1,000 due timers.
 * Each timer fires exactly once, and each firing appears exactly once in its case's chain.
 * (SQLite has one writer per database file and one app per file: nothing to race.)
 */
const POSTGRES = DIALECTS.includes('postgres') ? ['postgres' as const] : [];
const describeOnPostgres = POSTGRES.length > 0 ? describe : describe.skip;

describeOnPostgres('two schedulers racing over 1,000 due timers (postgres)', () => {
  let t: TestApp;
  let dir: string;
  let second: NestFastifyApplication;

  beforeAll(async () => {
    dir = workflowsWithProbes();
    t = await startTestApp('postgres', { WORKFLOWS_DIR: dir });
    Object.assign(process.env, { ...t.database.env, WORKFLOWS_DIR: dir });
    try {
      second = await createApp({ passwordHashingForTests: TEST_HASHING });
    } finally {
      delete process.env.WORKFLOWS_DIR;
    }
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('each timer fires exactly once, and once in its case’s chain', async () => {
    const unit = await t.createUnit('Đảng ủy Khối', 'party_committee');
    const person = await t.createPerson('Trần Thị B', unit.id);
    const secretariat = await t.userWithGrants([{ role: 'secretariat', unitId: unit.id }]);
    const principal: Principal = {
      userId: secretariat.id,
      username: secretariat.username,
      roles: ['secretariat'],
      personId: null,
      grants: [{ role: 'secretariat', unitId: null, scope: null }],
    };
    const commands = t.app.get(CaseCommands);
    for (let batch = 0; batch < TIMERS / 100; batch++) {
      await commands.openTogether(
        principal,
        Array.from({ length: 100 }, (_, index) => ({
          type: 'deadline_dated',
          subject: { kind: 'person' as const, personId: person.id },
          // Due days spread over two months of the past.
          data: {
            closingDay: `2026-0${1 + ((batch * 100 + index) % 2)}-${String(1 + (index % 28)).padStart(2, '0')}`,
          },
        })),
      );
    }
    const database = t.app.get(Database);
    const count = async (text: string) => Number((await database.read((m) => m.query(text)))[0].n);
    expect(await count(`SELECT count(*) AS n FROM case_timers WHERE status = 'pending'`)).toBe(
      TIMERS,
    );

    const now = new Date();
    const schedulers = [t.app.get(TimerScheduler), second.get(TimerScheduler)];
    const reports = await Promise.all(
      [...schedulers, ...schedulers].map((scheduler) => scheduler.fireDue(now)),
    );
    expect(reports.reduce((sum, report) => sum + report.fired, 0)).toBe(TIMERS);
    expect(reports.every((report) => report.skipped === 0 && report.failed === 0)).toBe(true);
    // Both instances took part.
    expect(reports[0].fired + reports[2].fired).toBeGreaterThan(0);
    expect(reports[1].fired + reports[3].fired).toBeGreaterThan(0);

    expect(await count(`SELECT count(*) AS n FROM case_timers WHERE status = 'fired'`)).toBe(
      TIMERS,
    );
    expect(
      await count(`SELECT count(*) AS n FROM case_events WHERE event_type = 'DAY_PASSED'`),
    ).toBe(TIMERS);
    expect(
      await count(
        `SELECT count(*) AS n FROM (SELECT case_id FROM case_events WHERE event_type = 'DAY_PASSED' ` +
          `GROUP BY case_id HAVING count(*) > 1) repeated`,
      ),
    ).toBe(0);
    // Each timer names the record its firing appended, on its own case.
    expect(
      await count(
        `SELECT count(*) AS n FROM case_timers t JOIN case_events e ` +
          `ON e.case_id = t.case_id AND e.seq = t.fired_seq AND e.event_type = 'DAY_PASSED'`,
      ),
    ).toBe(TIMERS);
  });
});
