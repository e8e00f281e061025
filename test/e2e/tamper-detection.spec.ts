import type { DataSource } from 'typeorm';
import { CheckpointsService } from '../../src/audit/checkpoints.service';
import { AuditExportVerifier } from '../../src/domain/audit/audit-export';
import { hashOf, type AuditRecord } from '../../src/domain/audit/audit-record';
import { Database } from '../../src/persistence/database';
import { DIALECTS } from '../support/databases';
import { nominationData, startTestApp, type TestApp } from '../support/test-app';

/**
 * Story: a database administrator tries to rewrite a dossier's history. The database refuses
 * UPDATE and DELETE on the audit log; one who first removes that protection still cannot hide the
 * change, because GET /verify re-derives the hash chain and names the first record that no longer
 * fits and why. Dossiers nobody touched keep verifying. Erasing a whole dossier's history after a
 * checkpoint does not hide it from an auditor of its unit either: their export proves the case
 * against the checkpoint, and the records are missing.
 */
/** The records of a walked case (see walkedCase). */
const RECORDS = 8;

describe.each(DIALECTS)('tampering with the audit log is detected (%s)', (dialect) => {
  let t: TestApp;
  let dataSource: DataSource;
  let leader: string;
  let secretariat: string;
  let auditor: string;
  let untouched: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    dataSource = t.app.get(Database).dataSource;
    [leader, secretariat, auditor] = await t.tokensFor('unit_leader', 'secretariat', 'auditor');
    untouched = await walkedCase('Hồ sơ không bị động tới');
  });
  afterAll(() => t.close());

  /** Raw SQL as a DBA would type it; `?` placeholders work on both engines. */
  const sql = (text: string, params: unknown[] = []) => {
    let n = 0;
    const query = dialect === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
    return dataSource.query(query, params);
  };

  /** What a malicious DBA does first: switch the append-only triggers off (and, here, back on). */
  const withoutAppendOnlyProtection = async (work: () => Promise<void>) => {
    if (dialect === 'postgres') {
      await sql('ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_delete');
    } else {
      await sql('DROP TRIGGER case_events_no_update');
      await sql('DROP TRIGGER case_events_no_delete');
    }
    try {
      await work();
    } finally {
      if (dialect === 'postgres') {
        await sql('ALTER TABLE case_events ENABLE TRIGGER case_events_no_update_delete');
      } else {
        for (const operation of ['UPDATE', 'DELETE']) {
          await sql(
            `CREATE TRIGGER case_events_no_${operation.toLowerCase()} BEFORE ${operation} ON case_events ` +
              `BEGIN SELECT RAISE(ABORT, 'case_events is append-only: ${operation} refused'); END`,
          );
        }
      }
    }
  };

  /**
   * A nomination about a new person, with eight records (RECORDS): opened, three dossier documents
   * attached (seq 2-4), submitted, verification started, returned (seq 7), resubmitted (seq 8).
   */
  async function walkedCase(name: string): Promise<string> {
    const opened = await t.openCase(leader, {
      type: 'nomination',
      subject: await t.personSubject(name),
      data: nominationData(),
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await t.attachDossier(leader, id);
    const steps: [string, string, object?][] = [
      [leader, 'SUBMIT'],
      [secretariat, 'START_VERIFICATION'],
      [secretariat, 'RETURN_FOR_SUPPLEMENT', { reason: 'Thiếu xác nhận của cấp ủy' }],
      [leader, 'RESUBMIT'],
    ];
    for (const [token, type, payload] of steps) {
      expect((await t.sendEvent(token, id, type, payload)).status).toBe(200);
    }
    expect(await verify(id)).toEqual({
      ok: true,
      checked: RECORDS,
      firstBadSeq: null,
      problem: null,
    });
    // Every walked case is tampered with by its test (after this check).
    t.expectTampered(id);
    return id;
  }

  const verify = async (id: string) => {
    const response = await t.verify(auditor, id);
    expect(response.status).toBe(200);
    return response.body;
  };

  const history = async (id: string): Promise<AuditRecord[]> => {
    const response = await t.history(auditor, id);
    expect(response.status).toBe(200);
    return response.body.items;
  };

  const expectUntouchedStillVerifies = async () =>
    expect(await verify(untouched)).toEqual({
      ok: true,
      checked: RECORDS,
      firstBadSeq: null,
      problem: null,
    });

  test('the database refuses to rewrite or erase audit records', async () => {
    const id = await walkedCase('Thử sửa trực tiếp');
    const before = await history(id);

    await expect(
      sql(`UPDATE case_events SET payload_json = ? WHERE case_id = ? AND seq = 3`, [
        '{"forged":true}',
        id,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql(`DELETE FROM case_events WHERE case_id = ? AND seq = 5`, [id]),
    ).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM case_events`)).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') {
      await expect(sql('TRUNCATE case_events')).rejects.toThrow(/append-only/);
    }

    expect(await history(id)).toEqual(before);
    expect(await verify(id)).toEqual({
      ok: true,
      checked: RECORDS,
      firstBadSeq: null,
      problem: null,
    });
  });

  test('an edited record is named: HASH_MISMATCH at its seq', async () => {
    const id = await walkedCase('Sửa nội dung bản ghi 3');
    await withoutAppendOnlyProtection(() =>
      sql(`UPDATE case_events SET payload_json = ? WHERE case_id = ? AND seq = 3`, [
        JSON.stringify({ note: 'thêm vào sau' }),
        id,
      ]),
    );

    // A reader sees the forged payload, and verification says it does not belong there.
    expect((await history(id))[2].payload).toEqual({ note: 'thêm vào sau' });
    expect(await verify(id)).toEqual({
      ok: false,
      checked: 2,
      firstBadSeq: 3,
      problem: 'HASH_MISMATCH',
    });
    await expectUntouchedStillVerifies();
  });

  test('an edited actor is named too: HASH_MISMATCH at its seq', async () => {
    const id = await walkedCase('Đổi người thực hiện');
    await withoutAppendOnlyProtection(() =>
      sql(`UPDATE case_events SET actor_username = ? WHERE case_id = ? AND seq = 4`, [
        'someone.else',
        id,
      ]),
    );
    expect(await verify(id)).toEqual({
      ok: false,
      checked: 3,
      firstBadSeq: 4,
      problem: 'HASH_MISMATCH',
    });
    await expectUntouchedStillVerifies();
  });

  test('an erased last record is named: MISSING_RECORDS', async () => {
    const id = await walkedCase('Xóa bản ghi cuối');
    await withoutAppendOnlyProtection(() =>
      sql(`DELETE FROM case_events WHERE case_id = ? AND seq = ?`, [id, RECORDS]),
    );
    expect(await history(id)).toHaveLength(RECORDS - 1);
    expect(await verify(id)).toEqual({
      ok: false,
      checked: RECORDS - 1,
      firstBadSeq: RECORDS,
      problem: 'MISSING_RECORDS',
    });
    await expectUntouchedStillVerifies();
  });

  test('an erased record in the middle is named: SEQUENCE_GAP', async () => {
    const id = await walkedCase('Xóa bản ghi giữa');
    await withoutAppendOnlyProtection(() =>
      sql(`DELETE FROM case_events WHERE case_id = ? AND seq = 2`, [id]),
    );
    expect(await verify(id)).toEqual({
      ok: false,
      checked: 1,
      firstBadSeq: 2,
      problem: 'SEQUENCE_GAP',
    });
    await expectUntouchedStillVerifies();
  });

  test('a forged record with a recomputed hash breaks the link from the next one: PREV_HASH_MISMATCH', async () => {
    const id = await walkedCase('Giả mạo cả mã băm');
    const original = (await history(id))[6];
    expect(original).toMatchObject({ seq: 7, eventType: 'RETURN_FOR_SUPPLEMENT' });
    const forged = { ...original, payload: { reason: 'Lý do đã bị thay đổi' } };
    const forgedHash = hashOf(forged);

    await withoutAppendOnlyProtection(() =>
      sql(`UPDATE case_events SET payload_json = ?, hash = ? WHERE case_id = ? AND seq = 7`, [
        JSON.stringify(forged.payload),
        forgedHash,
        id,
      ]),
    );
    expect(await verify(id)).toEqual({
      ok: false,
      checked: 7,
      firstBadSeq: 8,
      problem: 'PREV_HASH_MISMATCH',
    });
    await expectUntouchedStillVerifies();
  });

  test('a case row moved without a record is named: CASE_ROW_MISMATCH', async () => {
    const id = await walkedCase('Sửa trạng thái hồ sơ');
    await sql(`UPDATE cases SET state = ? WHERE id = ?`, ['verified', id]);
    const read = await t.getCase(auditor, id);
    expect(read.body.state).toBe('verified');
    expect(await verify(id)).toEqual({
      ok: false,
      checked: RECORDS,
      firstBadSeq: RECORDS,
      problem: 'CASE_ROW_MISMATCH',
    });
    await expectUntouchedStillVerifies();
  });

  test.each([
    [
      'its subject swapped',
      `UPDATE cases SET subject_json = '{"kind":"person","id":"x","code":"x","name":"Người khác","unitId":"x"}' WHERE id = ?`,
      1,
    ],
    [
      'its data rewritten',
      `UPDATE cases SET data_json = '{"awardCode":"bang_khen_thu_tuong","evaluationYear":2024}' WHERE id = ?`,
      1,
    ],
    [
      'its unit changed (moving it into another scope)',
      `UPDATE cases SET unit_id = NULL WHERE id = ?`,
      1,
    ],
    [
      'its context rewritten',
      `UPDATE cases SET context_json = '{"lastReason":{"text":"giả"}}' WHERE id = ?`,
      RECORDS,
    ],
  ])(
    'a case row with %s but no record is named: CASE_ROW_MISMATCH',
    async (_label, statement, firstBadSeq) => {
      const id = await walkedCase('Sửa hồ sơ ngoài quy trình');
      await sql(statement, [id]);
      // The auditor's grant covers the whole organisation, so even a case moved out of every unit
      // stays visible to them.
      const answer = await t.verify(auditor, id);
      expect(answer.body).toEqual({
        ok: false,
        checked: RECORDS,
        firstBadSeq,
        problem: 'CASE_ROW_MISMATCH',
      });
      await expectUntouchedStillVerifies();
    },
  );

  test('a dossier whose every record was erased after a checkpoint is missing from its unit’s export', async () => {
    const unit = await t.createUnit('Chi bộ bị xóa hồ sơ', 'grassroots_party_org');
    const [unitLeader, unitAuditor] = await Promise.all([
      t.userWithGrants([{ role: 'unit_leader', unitId: unit.id }]),
      t.userWithGrants([{ role: 'auditor', unitId: unit.id }]),
    ]);
    const opened = await t.openCase(unitLeader.token, {
      type: 'nomination',
      subject: { kind: 'person', personId: (await t.createPerson('Hồ sơ bị xóa', unit.id)).id },
      data: nominationData(),
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    t.expectTampered(id);
    expect((await t.app.get(CheckpointsService).create(new Date())).kind).toBe('created');

    await withoutAppendOnlyProtection(() => sql(`DELETE FROM case_events WHERE case_id = ?`, [id]));

    const exported = await t
      .getAs(unitAuditor.token, '/api/v1/audit/export')
      .buffer(true)
      .parse((res, callback) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => callback(null, text));
      });
    expect(exported.status).toBe(200);
    const lines = (exported.body as string).trimEnd().split('\n');
    const verifier = new AuditExportVerifier(null);
    lines.forEach((line, index) => verifier.accept(line, index + 1));
    expect(verifier.finish(lines.length).problem).toMatchObject({
      code: 'CASE_MISSING',
      caseId: id,
      seq: 1,
      checkpoint: 1,
    });
  });

  test('with the protection back, the database refuses edits again', async () => {
    const id = await walkedCase('Bảo vệ được bật lại');
    await withoutAppendOnlyProtection(async () => undefined);
    await expect(
      sql(`UPDATE case_events SET payload_json = '{}' WHERE case_id = ? AND seq = 1`, [id]),
    ).rejects.toThrow(/append-only/);
    expect(await verify(id)).toEqual({
      ok: true,
      checked: RECORDS,
      firstBadSeq: null,
      problem: null,
    });
  });
});
