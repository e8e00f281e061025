import { generateKeyPairSync } from 'node:crypto';
import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { CliModule } from '../../src/cli.module';
import { Database } from '../../src/persistence/database';
import { DIALECTS } from '../support/databases';
import { expectProblem, nominationData, startTestApp, type TestApp } from '../support/test-app';

/**
 * Story: an operator writes audit checkpoints from the shell (`thidua checkpoint`), signed once a
 * key is configured, and hands auditors the public key (`--public-key`). Later someone with
 * database access deletes a case outright: `thidua verify --checkpoints` names it against every
 * checkpoint that signed it and exits 1, and no new checkpoint will be written over the deletion.
 * Auditors read the checkpoints over HTTP, newest first.
 */
describe.each(DIALECTS)('the checkpoint command (%s)', (dialect) => {
  let t: TestApp;
  let auditor: string;
  const caseIds: string[] = [];
  const signingKey = generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const [leader] = await t.tokensFor('unit_leader');
    [auditor] = await t.tokensFor('auditor');
    for (const name of ['Đặng Văn Khoa', 'Bùi Thị Lan', 'Ngô Quang Minh']) {
      const opened = await t.openCase(leader, {
        type: 'nomination',
        subject: await t.personSubject(name),
        data: nominationData(),
      });
      expect(opened.status).toBe(201);
      caseIds.push(opened.body.id);
    }
  });
  afterAll(async () => {
    delete process.env.AUDIT_SIGNING_KEY;
    await t.close();
  });

  /** Runs `thidua <args>` in-process, with AUDIT_SIGNING_KEY set to `key` (or unset). */
  async function cli(
    args: string[],
    key: string | null = null,
  ): Promise<{ exitCode: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const spies = [
      jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        stdout += String(chunk);
        return true;
      }),
      jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
        stderr += String(chunk);
        return true;
      }),
    ];
    if (key === null) delete process.env.AUDIT_SIGNING_KEY;
    else process.env.AUDIT_SIGNING_KEY = key;
    const app = await CommandFactory.createWithoutRunning(CliModule.forRoot(), { logger: false });
    try {
      await app.get(CommandRunnerService).run(['node', 'cli.js', ...args]);
      return { exitCode: Number(process.exitCode ?? 0), stdout, stderr };
    } finally {
      process.exitCode = 0;
      delete process.env.AUDIT_SIGNING_KEY;
      spies.forEach((spy) => spy.mockRestore());
      await app.close();
    }
  }

  test('without a key: an unsigned checkpoint, and no public key to print', async () => {
    const run = await cli(['checkpoint']);
    expect(run.stdout).toContain('checkpoint 1\n');
    expect(run.stdout).toContain(`cases ${caseIds.length}, records ${caseIds.length}\n`);
    expect(run.stdout).toMatch(/\nroot [0-9a-f]{64}\n/);
    expect(run.stdout).toContain('signed no\n');
    expect(run.exitCode).toBe(0);

    const publicKey = await cli(['checkpoint', '--public-key']);
    expect(publicKey.stderr).toContain('No signing key is configured');
    expect(publicKey.exitCode).toBe(1);
  });

  test('with a key: a signed checkpoint, the public key printed, and all of it verifies', async () => {
    const run = await cli(['checkpoint'], signingKey);
    expect(run.stdout).toContain('checkpoint 2\n');
    expect(run.stdout).toMatch(/signed yes \(key [0-9a-f]{16}\)\n/);
    expect(run.exitCode).toBe(0);

    const publicKey = await cli(['checkpoint', '--public-key'], signingKey);
    expect(publicKey.stdout).toMatch(
      /^-----BEGIN PUBLIC KEY-----\n[^]*-----END PUBLIC KEY-----\n$/,
    );
    expect(publicKey.stdout).not.toContain('PRIVATE');
    expect(publicKey.exitCode).toBe(0);

    const verify = await cli(['verify', '--checkpoints'], signingKey);
    expect(verify.stdout).toContain(`${caseIds.length} cases checked, 0 with problems`);
    expect(verify.stdout).toContain(
      '2 checkpoints checked, 1 signatures valid, 1 unsigned, 0 problems\n',
    );
    expect(verify.exitCode).toBe(0);
  });

  test('auditors list the checkpoints newest first, page by page; the public key is 404 unsigned', async () => {
    const first = await t.getAs(auditor, '/api/v1/audit/checkpoints?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.items.map((c: { seq: number }) => c.seq)).toEqual([2]);
    expect(first.body.items[0]).toMatchObject({
      caseCount: caseIds.length,
      signature: expect.any(String),
    });
    expect(first.body.nextCursor).toBe('2');
    const second = await t.getAs(auditor, '/api/v1/audit/checkpoints?limit=1&cursor=2');
    expect(second.body).toMatchObject({ items: [{ seq: 1, signature: null }], nextCursor: null });
    expectProblem(
      await t.getAs(auditor, '/api/v1/audit/checkpoints?cursor=x'),
      400,
      'VALIDATION.FAILED',
    );
    // The server under test runs without a key.
    expectProblem(await t.getAs(auditor, '/api/v1/audit/public-key'), 404, 'AUDIT.NO_SIGNING_KEY');
  });

  test('a case deleted directly in the database is caught by the next checkpoint verification', async () => {
    const deleted = caseIds[1];
    const dataSource = t.app.get(Database).dataSource;
    const p = dialect === 'postgres' ? '$1' : '?';
    // What an attacker with database access does: switch off the append-only triggers first.
    if (dialect === 'postgres') {
      await dataSource.query(
        'ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_delete',
      );
    } else {
      await dataSource.query('DROP TRIGGER case_events_no_update');
      await dataSource.query('DROP TRIGGER case_events_no_delete');
    }
    await dataSource.query(`DELETE FROM case_events WHERE case_id = ${p}`, [deleted]);
    await dataSource.query(`DELETE FROM cases WHERE id = ${p}`, [deleted]);

    const verify = await cli(['verify', '--checkpoints'], signingKey);
    // The case walk no longer sees it: only the checkpoints can tell it existed.
    expect(verify.stdout).toContain(`${caseIds.length - 1} cases checked, 0 with problems`);
    expect(verify.stdout).toContain(
      '2 checkpoints checked, 1 signatures valid, 1 unsigned, 2 problems',
    );
    expect(verify.stdout).toContain(`checkpoint 1\tCASE_MISSING\t${deleted}\t`);
    expect(verify.stdout).toContain(`checkpoint 2\tCASE_MISSING\t${deleted}\t`);
    expect(verify.exitCode).toBe(1);

    const refused = await cli(['checkpoint'], signingKey);
    expect(refused.stdout).toContain('checkpoint refused');
    expect(refused.stdout).toContain(`${deleted}\tCASE_MISSING`);
    expect(refused.exitCode).toBe(1);
    const listed = await t.getAs(auditor, '/api/v1/audit/checkpoints');
    expect(listed.body.items).toHaveLength(2);
  });
});
