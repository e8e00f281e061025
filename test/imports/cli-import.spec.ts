import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { CliModule } from '../../src/cli.module';
import { Database } from '../../src/persistence/database';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';
import { csv } from './import-files';

/**
 * Story: an operator loads the registry from the server's shell, without the HTTP API, e.g. on
 * first installation: `node dist/src/cli.js import units <file> [--skip-invalid]`.
 */

const FIXTURES = join(__dirname, '..', 'fixtures', 'imports');

interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

describe.each(DIALECTS)('the import command line (%s)', (dialect) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    Object.assign(process.env, { NODE_ENV: 'test', LOG_LEVEL: 'silent', ...database.env });
  });
  afterAll(() => database.drop());

  /** Runs `cli.js ...args` as src/cli.ts does, on a fresh application context each time. */
  async function cli(...args: string[]): Promise<CliRun & { people: number; changes: number }> {
    const output = { stdout: '', stderr: '' };
    const capture = (stream: 'stdout' | 'stderr') =>
      jest.spyOn(process[stream], 'write').mockImplementation((chunk: string | Uint8Array) => {
        output[stream] += String(chunk);
        return true;
      });
    const spies = [capture('stdout'), capture('stderr')];
    const app = await CommandFactory.createWithoutRunning(CliModule.forRoot(), { logger: false });
    try {
      await app.get(CommandRunnerService).run(['node', 'cli.js', ...args]);
      const counts = await app
        .get(Database)
        .read((manager) =>
          manager.query(
            "SELECT (SELECT COUNT(*) FROM people) AS people, (SELECT COUNT(*) FROM admin_changes WHERE actor_username = 'cli' AND actor_user_id IS NULL) AS changes",
          ),
        );
      return {
        exitCode: Number(process.exitCode ?? 0),
        ...output,
        people: Number(counts[0].people),
        changes: Number(counts[0].changes),
      };
    } finally {
      process.exitCode = 0;
      spies.forEach((spy) => spy.mockRestore());
      await app.close();
    }
  }

  test('imports units, then people, and records the CLI as the author', async () => {
    const units = await cli('import', 'units', join(FIXTURES, 'units.csv'));
    expect(units).toMatchObject({
      exitCode: 0,
      stdout: expect.stringContaining('created 5, updated 0, unchanged 0, skipped 0'),
      changes: 5,
    });
    const people = await cli('import', 'people', join(FIXTURES, 'people.csv'));
    expect(people).toMatchObject({
      exitCode: 0,
      stdout: expect.stringContaining('created 4, updated 0, unchanged 0, skipped 0'),
      people: 4,
      changes: 9,
    });
  });

  test('a file with bad rows exits 1, lists them by line and imports nothing', async () => {
    const run = await cli('import', 'people', join(FIXTURES, 'people-with-errors.csv'));
    expect(run).toMatchObject({ exitCode: 1, people: 4 });
    expect(run.stderr).toContain('3 row(s) of the file have errors; nothing was imported.');
    expect(run.stderr).toContain('line 2, dateOfBirth: "30/02/1990" is not a real calendar date.');
    expect(run.stderr).toContain('line 3, fullName: fullName is required.');
    expect(run.stderr).toContain('line 4, unitCode: No unit with the code "KHONG-CO"');
  });

  test('--skip-invalid imports the good rows and still lists the bad ones', async () => {
    const run = await cli(
      'import',
      'people',
      join(FIXTURES, 'people-with-errors.csv'),
      '--skip-invalid',
    );
    expect(run).toMatchObject({
      exitCode: 0,
      stdout: expect.stringContaining('created 1, updated 0, unchanged 0, skipped 3'),
      people: 5,
    });
    expect(run.stderr).toContain('line 4, unitCode:');
  });

  test('a large file shows its progress on stderr', async () => {
    const file = join(tmpdir(), `people-${dialect}-${Date.now()}.csv`);
    writeFileSync(
      file,
      csv([
        ['Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'Đối tượng'],
        ...Array.from({ length: 1200 }, (_, i) => [`L${i}`, `Lê Văn Lực ${i}`, 'CB-SX', 'khác']),
      ]),
    );
    const run = await cli('import', 'people', file).finally(() => rmSync(file));
    expect(run.exitCode).toBe(0);
    // Driven by the job's progress, which is written every half second at most: only the last
    // line is certain.
    expect(run.stderr).toMatch(/writing 1200\/1200 rows\n$/);
  });

  test.each([
    ['a file that does not exist', 'khong-co.csv', 'ENOENT'],
    ['a file that is neither .csv nor .xlsx', 'people.ods', 'must end in .csv or .xlsx'],
  ])('%s exits 1 with a message', async (_, name, message) => {
    const run = await cli('import', 'people', join(FIXTURES, name));
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(message);
  });
});
