import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import { Database } from '../../src/persistence/database';
import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';
import {
  countRows,
  csv,
  pause,
  POLL_INTERVAL_MS,
  postImport,
  query,
  startImport,
  waitForJob,
} from './import-files';
import { timeLimit } from '../support/time-limits';

// Jobs of thousands of rows on PostgreSQL, on a machine that runs other tests beside these.
jest.setTimeout(timeLimit(240_000));

/**
 * Story: the personnel office uploads the staff list of a whole province. The upload is answered
 * at once with a job; the office watches its progress and then reads its report, from whichever
 * app instance answers; everyone else keeps working meanwhile; a job whose server stopped is
 * reported failed, never left running.
 */

const PERSON_HEADER = ['Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'Đối tượng'];
const staffList = (rows: number, prefix: string) =>
  csv([
    PERSON_HEADER,
    ...Array.from({ length: rows }, (_, i) => [
      `${prefix}${i}`,
      `Trần Văn ${prefix} ${i}`,
      'JB',
      'khác',
    ]),
  ]);

/** Another app instance on the same database, as a second server of a province would be. */
async function secondInstance(t: TestApp): Promise<NestFastifyApplication> {
  Object.assign(process.env, t.database.env);
  return createApp();
}

describe.each(DIALECTS)('imports as jobs (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const units = await postImport(
      t,
      'units',
      csv([
        ['code', 'name', 'kind'],
        ['JB', 'Ban Jobs', 'ban'],
      ]),
    );
    expect(units.status).toBe(200);
  });
  afterAll(() => t.close());

  test('an upload is answered 202 with the job; polling it shows progress, then the report', async () => {
    const accepted = await startImport(t, 'people', staffList(3000, 'P'));
    expect(accepted.status).toBe(202);
    expect(accepted.headers['preference-applied']).toBe('respond-async');
    expect(accepted.headers.location).toBe(`/api/v1/imports/jobs/${accepted.body.id}`);
    expect(accepted.body).toMatchObject({
      kind: 'people',
      status: 'queued',
      startedBy: 'admin',
      progress: { rowsRead: 0, rowsTotal: null, rowsWritten: 0, rowsToWrite: null },
    });

    const seen = new Set<string>();
    let job = accepted.body;
    while (job.status !== 'done' && job.status !== 'failed') {
      seen.add(job.status);
      await pause(POLL_INTERVAL_MS);
      job = (await t.getAs(t.adminToken, accepted.headers.location)).body;
    }
    expect(job).toMatchObject({
      status: 'done',
      progress: { rowsRead: 3000, rowsTotal: 3000, rowsWritten: 3000, rowsToWrite: 3000 },
      report: { created: 3000, updated: 0, unchanged: 0, skipped: 0, errors: [], errorCount: 0 },
      finishedAt: expect.any(String),
    });
    expect([...seen].every((status) => ['queued', 'checking', 'applying'].includes(status))).toBe(
      true,
    );
    expect(await countRows(t, 'people', "code LIKE 'P%'")).toBe(3000);
    expect(await countRows(t, 'admin_changes', "entity = 'person'")).toBe(3000);
  });

  test('a file with bad rows fails its job with every bad row by line, and writes nothing', async () => {
    const file = csv([
      PERSON_HEADER,
      ['B1', 'Lê Văn B', 'JB', 'khác'],
      ['B2', '', 'KHONG', 'khác'],
    ]);
    const job = await waitForJob(t, (await startImport(t, 'people', file)).headers.location);
    expect(job).toMatchObject({
      status: 'failed',
      problem: {
        status: 422,
        code: 'IMPORT.INVALID_ROWS',
        errorCount: 2,
        errors: [
          { line: 3, field: 'fullName' },
          { line: 3, field: 'unitCode' },
        ],
      },
    });
    expect(await countRows(t, 'people', "code = 'B1'")).toBe(0);
  });

  test('other users write while an import is applied: their writes do not wait for its end', async () => {
    const accepted = await startImport(t, 'people', staffList(12_000, 'W'));
    let job = accepted.body;
    // Applying 12,000 rows takes far longer than a poll's pause: the poll sees it applying.
    while (job.status === 'queued' || job.status === 'checking') {
      await pause(POLL_INTERVAL_MS);
      job = (await t.getAs(t.adminToken, accepted.headers.location)).body;
    }
    expect(job.status).toBe('applying');
    const created = await t
      .postAs(t.adminToken, '/api/v1/units')
      .send({ code: 'DURING', name: 'Ban tạo trong lúc nhập', kind: 'board' });
    expect(created.status).toBe(201);
    const finished = await waitForJob(t, accepted.headers.location);
    expect(finished.status).toBe('done');
    const [unit] = await query<{ created_at: string }>(
      t,
      "SELECT created_at FROM units WHERE code = 'DURING'",
    );
    // Committed while the import was still writing its batches, not after them.
    expect(unit.created_at < finished.finishedAt).toBe(true);
  });

  test('a second app instance on the same database answers the poll', async () => {
    const accepted = await startImport(t, 'people', staffList(50, 'S'));
    await waitForJob(t, accepted.headers.location);
    const other = await secondInstance(t);
    try {
      const response = await request(other.getHttpServer())
        .get(accepted.headers.location)
        .auth(t.adminToken, { type: 'bearer' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'done', report: { created: 50 } });
    } finally {
      await other.close();
    }
  });

  test('a job whose server stopped is failed on the next start, and when polled', async () => {
    const insertStale = async (id: string) => {
      const longAgo = new Date(Date.now() - 3600_000).toISOString();
      await t.app
        .get(Database)
        .write((manager) =>
          manager.query(
            'INSERT INTO import_jobs (id, kind, format, status, skip_invalid, started_by_user_id, ' +
              'started_by_username, file_bytes, rows_read, rows_written, created_at, updated_at, ' +
              `heartbeat_at) VALUES ('${id}', 'people', 'csv', 'applying', false, NULL, 'admin', 10, ` +
              `5, 2, '${longAgo}', '${longAgo}', '${longAgo}')`,
          ),
        );
    };
    const statusOf = async (id: string) =>
      (await query<{ status: string }>(t, `SELECT status FROM import_jobs WHERE id = '${id}'`))[0]
        .status;

    await insertStale('0190aaaa-0000-7000-8000-000000000001');
    const other = await secondInstance(t);
    await other.close();
    expect(await statusOf('0190aaaa-0000-7000-8000-000000000001')).toBe('failed');

    await insertStale('0190aaaa-0000-7000-8000-000000000002');
    const polled = await t.getAs(
      t.adminToken,
      '/api/v1/imports/jobs/0190aaaa-0000-7000-8000-000000000002',
    );
    expect(polled.body).toMatchObject({
      status: 'failed',
      problem: { status: 503, code: 'IMPORT.INTERRUPTED' },
    });
    expect(polled.body.problem.detailVi).toContain('nhập lại');
  });

  test('who may read a job: admins and organisation-wide auditors; others see no such job', async () => {
    const accepted = await startImport(t, 'people', staffList(5, 'R'));
    const path = accepted.headers.location;
    await waitForJob(t, path);
    const unit = await t.createUnit('Ban kiểm tra');
    const [otherAdmin, auditor, leader] = await t.tokensFor('admin', 'auditor', 'unit_leader');
    const scopedAuditor = await t.userWithGrants([{ role: 'auditor', unitId: unit.id }]);
    expect((await t.getAs(otherAdmin, path)).status).toBe(200);
    expect((await t.getAs(auditor, path)).status).toBe(200);
    expectProblem(await t.getAs(scopedAuditor.token, path), 404, 'IMPORT.JOB_NOT_FOUND');
    expectProblem(await t.getAs(leader, path), 403, 'AUTH.FORBIDDEN');
    expectProblem(
      await t.getAs(t.adminToken, '/api/v1/imports/jobs/no-such-job'),
      404,
      'IMPORT.JOB_NOT_FOUND',
    );
    // Auditors read; they do not import.
    expectProblem(
      await postImport(t, 'people', staffList(1, 'A'), { token: auditor }),
      403,
      'AUTH.FORBIDDEN',
    );
  });
});
