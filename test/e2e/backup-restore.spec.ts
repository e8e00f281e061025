import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { CliModule } from '../../src/cli.module';
import { nominationData, startTestApp, type TestApp } from '../support/test-app';

/**
 * Story: the office backs up its SQLite database while the server runs (`thidua backup <file>`),
 * later restores it, and the restored copy verifies: every case, every chain, every replay.
 */
describe('online backup and restore (sqlite)', () => {
  let t: TestApp;
  let leader: string;
  const backup = join(tmpdir(), `thidua-backup-${process.pid}-${Date.now()}.sqlite`);

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    let secretariat: string;
    [leader, secretariat] = await t.tokensFor('unit_leader', 'secretariat');
    for (const name of ['Đinh Thị Hằng', 'Lương Văn Ưng']) {
      const opened = await t.openCase(leader, {
        type: 'nomination',
        subject: await t.personSubject(name),
        data: nominationData(),
      });
      expect(opened.status).toBe(201);
      // The dossier's files live in the database too, and are backed up with it.
      await t.attachDossier(leader, opened.body.id);
      await t.sendEvent(leader, opened.body.id, 'SUBMIT').expect(200);
      await t.sendEvent(secretariat, opened.body.id, 'START_VERIFICATION').expect(200);
    }
  });
  afterAll(async () => {
    await t.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${backup}${suffix}`, { force: true });
  });

  async function cli(...args: string[]): Promise<{ exitCode: number; stdout: string }> {
    let stdout = '';
    const spies = [
      jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        stdout += String(chunk);
        return true;
      }),
      jest.spyOn(process.stderr, 'write').mockImplementation(() => true),
    ];
    const app = await CommandFactory.createWithoutRunning(CliModule.forRoot(), { logger: false });
    try {
      await app.get(CommandRunnerService).run(['node', 'cli.js', ...args]);
      return { exitCode: Number(process.exitCode ?? 0), stdout };
    } finally {
      process.exitCode = 0;
      spies.forEach((spy) => spy.mockRestore());
      await app.close();
    }
  }

  test('the backup is written while the server runs, and refuses to overwrite', async () => {
    const first = await cli('backup', backup);
    expect(first).toMatchObject({ exitCode: 0 });
    expect(first.stdout).toContain(backup);
    expect((await cli('backup', backup)).exitCode).toBe(1);
  });

  test('the restored copy holds every case and verifies', async () => {
    // A case opened after the backup is in the live database only.
    const later = await t.openCase(leader, {
      type: 'nomination',
      subject: await t.personSubject('Sau Sao Lưu'),
      data: nominationData(),
    });
    expect(later.status).toBe(201);
    expect((await cli('verify')).stdout).toContain('3 cases checked, 0 with problems');
    const live = process.env.SQLITE_FILE;
    process.env.SQLITE_FILE = backup;
    try {
      const run = await cli('verify');
      expect(run.stdout).toContain('2 cases checked, 0 with problems');
      expect(run.exitCode).toBe(0);
    } finally {
      process.env.SQLITE_FILE = live;
    }
  });
});
