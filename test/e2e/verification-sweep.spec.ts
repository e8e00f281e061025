import { CommandFactory, CommandRunnerService } from 'nest-commander';
import type { DataSource } from 'typeorm';
import { CliModule } from '../../src/cli.module';
import { canonicalJson } from '../../src/domain/audit/canonical-json';
import { Database } from '../../src/persistence/database';
import { DIALECTS } from '../support/databases';
import { nominationData, startTestApp, type TestApp } from '../support/test-app';

/**
 * Story: `thidua verify` proves each record by hashing the JSON text its row stores (canonical
 * since rows are written so) and falls back to canonicalising the record when the text is not
 * what was hashed. A DBA who rewrites a payload or the facts as other text saying the same thing
 * changes nothing that matters: the case still verifies. One who changes a value is named, with
 * the record, as before. Run on both databases, through the command as an auditor runs it.
 */
describe.each(DIALECTS)('verify proves records from their stored text (%s)', (dialect) => {
  let t: TestApp;
  let dataSource: DataSource;
  let leader: string;
  let secretariat: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    dataSource = t.app.get(Database).dataSource;
    [leader, secretariat] = await t.tokensFor('unit_leader', 'secretariat');
  });
  afterAll(() => t.close());

  const sql = (text: string, params: unknown[] = []) => {
    let n = 0;
    const query = dialect === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
    return dataSource.query(query, params);
  };

  const withoutAppendOnlyProtection = async (work: () => Promise<void>) => {
    if (dialect === 'postgres') {
      await sql('ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_delete');
    } else {
      await sql('DROP TRIGGER case_events_no_update');
    }
    try {
      await work();
    } finally {
      if (dialect === 'postgres') {
        await sql('ALTER TABLE case_events ENABLE TRIGGER case_events_no_update_delete');
      } else {
        await sql(
          'CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events ' +
            `BEGIN SELECT RAISE(ABORT, 'case_events is append-only: UPDATE refused'); END`,
        );
      }
    }
  };

  /** Opened, dossier attached (2-4), submitted, verification started, returned (7), resubmitted (8). */
  async function walkedCase(name: string): Promise<string> {
    const opened = await t.openCase(leader, {
      type: 'nomination',
      subject: await t.personSubject(name),
      data: nominationData(),
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await t.attachDossier(leader, id);
    await t.sendEvent(leader, id, 'SUBMIT').expect(200);
    await t.sendEvent(secretariat, id, 'START_VERIFICATION').expect(200);
    await t
      .sendEvent(secretariat, id, 'RETURN_FOR_SUPPLEMENT', { reason: 'Thiếu xác nhận của cấp ủy' })
      .expect(200);
    await t.sendEvent(leader, id, 'RESUBMIT').expect(200);
    return id;
  }

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

  const stored = async (id: string, seq: number) =>
    (
      (await sql('SELECT payload_json, facts_json FROM case_events WHERE case_id = ? AND seq = ?', [
        id,
        seq,
      ])) as { payload_json: string; facts_json: string | null }[]
    )[0];

  /** The same value, written with its keys in reverse order and spaces: other text. */
  const otherText = (text: string) => {
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : typeof value === 'object' && value !== null
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([key, item]) => [key, reversed(item)]),
            )
          : value;
    return JSON.stringify(reversed(JSON.parse(text)), null, 1);
  };

  test('new rows store the canonical text of the payload and facts', async () => {
    const id = await walkedCase('Văn bản chuẩn tắc');
    for (const seq of [1, 7, 8]) {
      const row = await stored(id, seq);
      expect(row.payload_json).toBe(canonicalJson(JSON.parse(row.payload_json)));
      if (row.facts_json !== null) {
        expect(row.facts_json).toBe(canonicalJson(JSON.parse(row.facts_json)));
      }
    }
    expect((await stored(id, 8)).facts_json).not.toBeNull();
  });

  test('the same values as other text still verify; a changed value is named', async () => {
    const sameValues = await walkedCase('Cùng giá trị, khác văn bản');
    const changed = await walkedCase('Giá trị bị đổi');
    const changedFacts = await walkedCase('Dữ kiện bị đổi');
    t.expectTampered(changed);
    t.expectTampered(changedFacts);
    const opening = await stored(sameValues, 1);
    const resubmitted = await stored(sameValues, 8);
    const facts = JSON.parse((await stored(changedFacts, 8)).facts_json!) as { today: string };
    await withoutAppendOnlyProtection(async () => {
      await sql('UPDATE case_events SET payload_json = ? WHERE case_id = ? AND seq = 1', [
        otherText(opening.payload_json),
        sameValues,
      ]);
      await sql('UPDATE case_events SET facts_json = ? WHERE case_id = ? AND seq = 8', [
        otherText(resubmitted.facts_json!),
        sameValues,
      ]);
      await sql('UPDATE case_events SET payload_json = ? WHERE case_id = ? AND seq = 7', [
        JSON.stringify({ reason: 'Thiếu xác nhận của cấp ủy.' }),
        changed,
      ]);
      await sql('UPDATE case_events SET facts_json = ? WHERE case_id = ? AND seq = 8', [
        canonicalJson({ ...facts, today: '2000-01-01' }),
        changedFacts,
      ]);
    });
    expect((await stored(sameValues, 1)).payload_json).not.toBe(opening.payload_json);

    const run = await verifyCommand();
    expect(run.stdout).toContain(`${changed}\tHASH_MISMATCH\tfirst bad record: 7`);
    expect(run.stdout).toContain(`${changedFacts}\tHASH_MISMATCH\tfirst bad record: 8`);
    expect(run.stdout).not.toContain(sameValues);
    expect(run.stdout).toMatch(/\d+ cases checked, 2 with problems/);
    expect(run.exitCode).toBe(1);
  });
});
