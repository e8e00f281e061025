import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommandRunner } from 'nest-commander';
import { Database } from '../persistence/database';

/**
 * `thidua backup <file>`: an online, consistent copy of the SQLite database while the server runs
 * (SQLite's VACUUM INTO, through the same gate as every other unit of work, so it sees only
 * committed data). Restore by stopping the server and putting the copy in place of SQLITE_FILE.
 * PostgreSQL deployments use pg_dump instead (see the README).
 */
@Command({
  name: 'backup',
  arguments: '<file>',
  description: 'Write a consistent copy of the SQLite database to <file> (must not exist)',
})
export class BackupCommand extends CommandRunner {
  constructor(private readonly database: Database) {
    super();
  }

  async run([file]: string[]): Promise<void> {
    if (this.database.dialect !== 'sqlite') {
      process.stderr.write('backup copies the SQLite database; on PostgreSQL use pg_dump\n');
      process.exitCode = 1;
      return;
    }
    const target = resolve(file);
    if (existsSync(target)) {
      process.stderr.write(`${target} exists; choose a new file name\n`);
      process.exitCode = 1;
      return;
    }
    await this.database.read((manager) => manager.query('VACUUM INTO ?', [target]));
    process.stdout.write(`backup written to ${target}\n`);
  }
}
