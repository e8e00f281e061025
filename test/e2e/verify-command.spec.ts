import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { CliModule } from '../../src/cli.module';
import { Database } from '../../src/persistence/database';
import { DIALECTS } from '../support/databases';
import { nominationData, startTestApp, type TestApp } from '../support/test-app';

/**
 * Story: an auditor runs `thidua verify` from the server's shell (or cron). Every case's chain is
 * checked and replayed; the command lists the one whose row was edited behind the application's
 * back and exits 1, and exits 0 when all agree.
 */
describe.each(DIALECTS)('the verify command (%s)', (dialect) => {
  let t: TestApp;
  let leader: string;
  let secretariat: string;
  const caseIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    [leader, secretariat] = await t.tokensFor('unit_leader', 'secretariat');
    for (const name of ['Lê Thị Hồng', 'Phạm Văn Đức', 'Võ Thị Ánh']) {
      const opened = await t.openCase(leader, {
        type: 'nomination',
        subject: await t.personSubject(name),
        data: nominationData(),
      });
      expect(opened.status).toBe(201);
      await t.attachDossier(leader, opened.body.id);
      await t.sendEvent(leader, opened.body.id, 'SUBMIT').expect(200);
      await t.sendEvent(secretariat, opened.body.id, 'START_VERIFICATION').expect(200);
      caseIds.push(opened.body.id);
    }
  });
  afterAll(() => t.close());

  async function verifyCommand(): Promise<{ exitCode: number; stdout: string }> {
    let stdout = '';
    const spies = [
      jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        stdout += String(chunk);
        return true;
      }),
      jest.spyOn(process.stderr, 'write').mockImplementation(() => true),
    ];
    const cli = await CommandFactory.createWithoutRunning(CliModule.forRoot(), { logger: false });
    try {
      await cli.get(CommandRunnerService).run(['node', 'cli.js', 'verify']);
      return { exitCode: Number(process.exitCode ?? 0), stdout };
    } finally {
      process.exitCode = 0;
      spies.forEach((spy) => spy.mockRestore());
      await cli.close();
    }
  }

  test('all cases agree: exit 0', async () => {
    const run = await verifyCommand();
    expect(run.stdout).toContain(`${caseIds.length} cases checked, 0 with problems`);
    expect(run.exitCode).toBe(0);
  });

  test('a case row edited by hand is named, with the problem: exit 1', async () => {
    const tampered = caseIds[1];
    t.expectTampered(tampered);
    const dataSource = t.app.get(Database).dataSource;
    const p = dialect === 'postgres' ? '$1' : '?';
    await dataSource.query(`UPDATE cases SET state = 'verified' WHERE id = ${p}`, [tampered]);
    const run = await verifyCommand();
    expect(run.stdout).toContain(`${caseIds.length} cases checked, 1 with problems`);
    expect(run.stdout).toContain(`${tampered}\tCASE_ROW_MISMATCH`);
    expect(run.exitCode).toBe(1);
  });
});
