import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../../../src/bootstrap';
import { Database } from '../../../src/persistence/database';
import { CERTIFICATE_CHECKS_PER_MINUTE } from '../../../src/nominations/public-rate-limits';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../support/databases';
import { ADMIN, expectProblem } from '../../support/test-app';

const OBJECTIONS_PER_MINUTE = 2;

/**
 * Story (issue 12): a province runs two app instances behind a load balancer on one database.
 * Someone scripts the public objection form and the certificate check, their requests spread over
 * both instances. The limits hold for the two together: the (limit + 1)th objection in a minute is
 * refused (429, with Retry-After) whichever instance it reaches, and so is the (limit + 1)th
 * certificate check; each door has its own count.
 */
describe.each(DIALECTS)('public limits are shared by app instances (%s)', (dialect) => {
  let database: TestDatabase;
  const apps: NestFastifyApplication[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    Object.assign(process.env, {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      JWT_SECRET: 'test-secret-that-is-at-least-32-characters-long',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      PUBLIC_OBJECTIONS_PER_MINUTE: String(OBJECTIONS_PER_MINUTE),
      ...database.env,
    });
    try {
      // One after the other: the first brings the schema up to date.
      apps.push(await createApp());
      apps.push(await createApp());
    } finally {
      delete process.env.PUBLIC_OBJECTIONS_PER_MINUTE;
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await database.drop();
  });

  const instance = (n: number) => request(apps[n % 2].getHttpServer());
  const object = (n: number) =>
    instance(n)
      .post(`/api/v1/public/notices/${randomUUID()}/objections`)
      .send({ objection: 'Người này đã vi phạm luật giao thông năm nay.' });

  test('the objection limit counts both instances together', async () => {
    for (let n = 0; n < OBJECTIONS_PER_MINUTE; n++) {
      expectProblem(await object(n), 404, 'NOTICE.NOT_FOUND');
    }
    for (const n of [0, 1]) {
      const limited = await object(n);
      expectProblem(limited, 429, 'REQUEST.TOO_MANY');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body.detailVi).toBeTruthy();
    }
    // One counter row for the client and the door, in the database both instances share.
    const rows: { counter_key: string }[] = await apps[0]
      .get(Database)
      .read((manager) => manager.query('SELECT counter_key FROM rate_limit_counters'));
    expect(rows.filter((row) => row.counter_key.startsWith('objections:'))).toHaveLength(1);
  });

  test('certificate checks have a limit of their own, shared too', async () => {
    for (let n = 0; n < CERTIFICATE_CHECKS_PER_MINUTE; n++) {
      const checked = await instance(n).get('/api/v1/public/certificates/ABCD-EFGH-JKMN-PQRS');
      expect({ n, status: checked.status }).toEqual({ n, status: 404 });
    }
    const limited = await instance(0).get('/api/v1/public/certificates/ABCD-EFGH-JKMN-PQRS');
    expectProblem(limited, 429, 'REQUEST.TOO_MANY');
    // Reading the notice list is not limited.
    for (const n of [0, 1]) await instance(n).get('/api/v1/public/notices').expect(200);
  });
});
