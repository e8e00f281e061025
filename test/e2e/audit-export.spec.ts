import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CommandFactory, CommandRunnerService } from 'nest-commander';
import type { Response } from 'supertest';
import { CSV_COLUMNS } from '../../src/audit/audit-csv';
import { CheckpointsService } from '../../src/audit/checkpoints.service';
import { CliModule } from '../../src/cli.module';
import { AuditExportVerifier, type ExportVerification } from '../../src/domain/audit/audit-export';
import { signatureIsValid, type Checkpoint } from '../../src/domain/audit/checkpoint';
import { proofLeadsToRoot, type InclusionProof } from '../../src/domain/audit/inclusion-proof';
import { verifyExportFile } from '../../src/verify-export';
import {
  AUDIT_TRAIL_REPOSITORY,
  type AuditEventFilter,
  type AuditTrailRepository,
} from '../../src/persistence/repositories/audit-trail.repository';
import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { violationReport } from '../support/violations';

/**
 * Story: an auditor takes the audit trail away to check it elsewhere. The organisation-wide
 * auditor downloads all of it as JSON Lines (complete: every case, every checkpoint's heads) and
 * verifies it offline with nothing but the file and the published key; an auditor of unit A gets
 * only A's cases, each proved against the signed checkpoints, and not one id or head of a case
 * outside A (issue 12). The same records come as CSV for a spreadsheet, with the BOM, RFC 4180
 * quoting and Vietnamese text intact. The server's operator exports from the shell too, straight
 * from the database, whole, for one unit, for one case or a time range. Every HTTP export is in
 * the read log.
 */

const DISMISS_REASON = 'Xác minh không có căn cứ, "người bị phản ánh" đã nộp phạt; ghi chú:\nđủ';
const SUMMARY = '=Tổng hợp phản ánh, kể cả dấu "ngoặc kép" và dấu phẩy';

function verify(text: string, publicKey: KeyObject | null = null): ExportVerification {
  const verifier = new AuditExportVerifier(publicKey);
  const lines = text.split('\n');
  lines.forEach((line, index) => verifier.accept(line, index + 1));
  return verifier.finish(lines.length);
}

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { kind: string; [key: string]: unknown });

describe.each(DIALECTS)('the audit export (%s)', (dialect) => {
  let t: TestApp;
  let auditor: TestUser;
  let auditorA: TestUser;
  let caseA1: string;
  let caseA2: string;
  let caseB: string;
  let unitAId: string;
  let publicKey: KeyObject;
  const directory = mkdtempSync(join(tmpdir(), 'thidua-export-test-'));

  const download = (user: TestUser, query = '') =>
    t
      .getAs(user.token, `/api/v1/audit/export${query ? `?${query}` : ''}`)
      .buffer(true)
      // Supertest buffers only the media types it knows: read the body as UTF-8 text.
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks).toString('utf8')));
      });

  const openViolation = async (token: string, personId: string) => {
    const opened = await t.openCase(token, {
      type: 'violation',
      subject: { kind: 'person', personId },
      data: violationReport({ category: 'other', source: 'inspection', summary: SUMMARY }),
    });
    expect(opened.status).toBe(201);
    return opened.body.id as string;
  };

  beforeAll(async () => {
    const signingKey = generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    t = await startTestApp(dialect, { AUDIT_SIGNING_KEY: signingKey });
    const committee = await t.createUnit('Đảng ủy Khối Doanh nghiệp', 'party_committee');
    const unitA = await t.createUnit(
      'Đảng bộ Công ty Điện lực',
      'grassroots_party_org',
      committee.id,
    );
    const unitB = await t.createUnit(
      'Đảng bộ Công ty Cấp nước',
      'grassroots_party_org',
      committee.id,
    );
    const secretariatA = await t.userWithGrants([{ role: 'secretariat', unitId: unitA.id }]);
    const secretariatB = await t.userWithGrants([{ role: 'secretariat', unitId: unitB.id }]);
    unitAId = unitA.id;
    auditor = await t.userWith('auditor');
    auditorA = await t.userWithGrants([{ role: 'auditor', unitId: unitA.id }]);
    publicKey = createPublicKey(
      (await t.getAs(auditorA.token, '/api/v1/audit/public-key').expect(200)).body.pem,
    );

    caseA1 = await openViolation(
      secretariatA.token,
      (await t.createPerson('Nguyễn Thị Tuyết', unitA.id)).id,
    );
    await t.sendEvent(secretariatA.token, caseA1, 'START_VERIFICATION').expect(200);
    await t
      .sendEvent(secretariatA.token, caseA1, 'DISMISS', { reason: DISMISS_REASON })
      .expect(200);
    caseA2 = await openViolation(
      secretariatA.token,
      (await t.createPerson('Hoàng Văn Độ', unitA.id)).id,
    );
    caseB = await openViolation(
      secretariatB.token,
      (await t.createPerson('Bùi Đức Thắng', unitB.id)).id,
    );
    await t.sendEvent(secretariatB.token, caseB, 'START_VERIFICATION').expect(200);
    const checkpoint = await t.app.get(CheckpointsService).create(new Date());
    expect(checkpoint.kind).toBe('created');
  });
  afterAll(async () => {
    rmSync(directory, { recursive: true, force: true });
    await t.close();
  });

  test('the whole trail as JSON Lines: complete, and it verifies offline', async () => {
    const response: Response = await download(auditor);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-ndjson');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-export-[0-9TZ-]+\.jsonl"$/,
    );
    const text = response.body as string;
    expect(verify(text, publicKey)).toMatchObject({
      ok: true,
      problem: null,
      cases: 3,
      signedCases: 3,
      events: 6,
    });
    const lines = jsonLines(text);
    expect(lines[0]).toMatchObject({ kind: 'header', version: 2, complete: true, filter: {} });
    const [checkpoint] = lines.filter((line) => line.kind === 'checkpoint');
    expect((checkpoint.heads as string[][]).map(([caseId]) => caseId).sort()).toEqual(
      [caseA1, caseA2, caseB].sort(),
    );
    expect(lines[lines.length - 1]).toEqual({
      kind: 'footer',
      checkpoints: lines.filter((line) => line.kind === 'checkpoint').length,
      cases: 3,
      events: 6,
    });
    const events = lines.filter((line) => line.kind === 'event');
    expect(new Set(events.map((event) => event.caseId))).toEqual(new Set([caseA1, caseA2, caseB]));
    const dismissed = events.find((event) => event.eventType === 'DISMISS');
    expect(dismissed?.payload).toEqual({ reason: DISMISS_REASON });
  });

  test('an auditor of A gets A’s cases, proved against the signed checkpoint, and nothing of B', async () => {
    const whole = jsonLines((await download(auditor)).body);
    const recordsOfB = whole.filter((line) => line.kind === 'event' && line.caseId === caseB);
    expect(recordsOfB).toHaveLength(2);

    const response = await download(auditorA);
    expect(response.status).toBe(200);
    const text = response.body as string;
    // Not B's id, nor the hash of any of its records (its head among them), anywhere in the file.
    expect(text).not.toContain(caseB);
    for (const record of recordsOfB) expect(text).not.toContain(record.hash as string);
    expect(verify(text, publicKey)).toMatchObject({
      ok: true,
      cases: 2,
      signedCases: 2,
      events: 4,
    });

    const lines = jsonLines(text);
    expect(lines[0]).toMatchObject({ kind: 'header', complete: true, filter: { scoped: true } });
    const checkpoints = lines.filter((line) => line.kind === 'checkpoint');
    expect(checkpoints).toHaveLength(1);
    const checkpoint = checkpoints[0] as unknown as Checkpoint & { proofs: InclusionProof[] };
    expect(checkpoint).not.toHaveProperty('heads');
    expect(checkpoint.caseCount).toBe(3);
    expect(signatureIsValid(checkpoint, publicKey)).toBe(true);
    expect(checkpoint.proofs.map((proof) => proof.caseId).sort()).toEqual([caseA1, caseA2].sort());
    for (const proof of checkpoint.proofs) {
      expect(proofLeadsToRoot(proof, checkpoint.caseCount, checkpoint.root)).toBe(true);
      const last = lines.filter((line) => line.kind === 'event' && line.caseId === proof.caseId);
      expect(proof).toMatchObject({ seq: last.length, hash: last[last.length - 1].hash });
    }

    // Asking for B by id: the header repeats the question, and nothing else mentions B.
    const ofB = await download(auditorA, `caseId=${caseB}`);
    const [ofBHeader, ...ofBRest] = (ofB.body as string).split('\n');
    expect(JSON.parse(ofBHeader).filter).toEqual({ caseId: caseB, scoped: true });
    expect(ofBRest.join('\n')).not.toContain(caseB);
    expect(verify(ofB.body, publicKey)).toMatchObject({ ok: true, cases: 0, events: 0 });
  });

  test('verify-export catches a scoped export with a forged proof or a case taken out', async () => {
    const text = (await download(auditorA)).body as string;
    const lines = text.trimEnd().split('\n');
    const checkpointAt = lines.findIndex((line) => line.includes('"kind":"checkpoint"'));
    const checkpoint = JSON.parse(lines[checkpointAt]);
    const check = async (name: string, tampered: string[]) => {
      const file = join(directory, `${name}-${dialect}.jsonl`);
      writeFileSync(file, `${tampered.join('\n')}\n`);
      return verifyExportFile(file, publicKey);
    };
    expect(await check('scoped', lines)).toMatchObject({ ok: true });

    // A proof whose path was altered: it no longer reaches the signed root.
    const forged = [...lines];
    const [first, ...rest] = checkpoint.proofs as InclusionProof[];
    forged[checkpointAt] = JSON.stringify({
      ...checkpoint,
      proofs: [{ ...first, path: ['0'.repeat(64), ...first.path.slice(1)] }, ...rest],
    });
    expect((await check('forged', forged)).problem).toMatchObject({
      code: 'CHECKPOINT_PROOF_INVALID',
      caseId: first.caseId,
    });

    // Case A2 taken out of the file, and the footer recounted to hide it: its proof remains.
    const footer = JSON.parse(lines[lines.length - 1]);
    const withoutA2 = lines
      .slice(0, -1)
      .filter((line) => !(line.includes('"kind":"event"') && line.includes(caseA2)));
    withoutA2.push(
      JSON.stringify({ ...footer, cases: footer.cases - 1, events: footer.events - 1 }),
    );
    expect((await check('removed', withoutA2)).problem).toMatchObject({
      code: 'CASE_MISSING',
      caseId: caseA2,
    });
  });

  test('a filtered export is not complete, and holds what the filter names', async () => {
    const response = await download(auditor, `caseId=${caseA1}&eventType=DISMISS`);
    const lines = jsonLines(response.body);
    expect(lines[0]).toMatchObject({
      complete: false,
      filter: { caseId: caseA1, eventType: 'DISMISS' },
    });
    // Narrowed to one case, the checkpoint proves that case's head and lists no other.
    expect(response.body).not.toContain(caseB);
    const [checkpoint] = lines.filter((line) => line.kind === 'checkpoint');
    expect((checkpoint.proofs as InclusionProof[]).map((proof) => proof.caseId)).toEqual([caseA1]);
    const events = lines.filter((line) => line.kind === 'event');
    expect(events.map((event) => [event.caseId, event.seq])).toEqual([[caseA1, 3]]);
  });

  test('the export reads the trail page by page, and the pages join up whatever their size', async () => {
    const trail = t.app.get<AuditTrailRepository>(AUDIT_TRAIL_REPOSITORY);
    const read = async (filter: AuditEventFilter, pageSize: number) => {
      const found: string[] = [];
      for await (const record of trail.streamEvents(filter, pageSize)) {
        found.push(`${record.caseId}#${record.seq}`);
      }
      return found;
    };
    const whole = await read({ scopes: null }, 1000);
    expect(whole).toHaveLength(6);
    for (const pageSize of [1, 2, 5]) {
      expect(await read({ scopes: null }, pageSize)).toEqual(whole);
    }
    expect(await read({ scopes: null, toState: 'verifying' }, 1)).toEqual(
      whole.filter((key) => key.endsWith('#2')),
    );
  });

  test('as CSV: BOM, header row, one row per record, text intact', async () => {
    const response = await download(auditor, 'format=csv');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/\.csv"$/);
    const text = response.body as string;
    expect(text.startsWith('\uFEFFcaseId,seq,at,')).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(6);
    const dismissed = rows.find((row) => row.eventType === 'DISMISS')!;
    expect(dismissed).toMatchObject({ caseId: caseA1, seq: '3', fromState: 'verifying' });
    expect(JSON.parse(dismissed.payload)).toEqual({ reason: DISMISS_REASON });
    const opened = rows.find((row) => row.caseId === caseA1 && row.seq === '1')!;
    expect(opened.fromState).toBe('');
    expect(opened.eventType).toBe('CASE_OPENED');

    const scoped = await download(auditorA, 'format=csv');
    const scopedRows = parse(scoped.body, { bom: true, columns: true }) as { caseId: string }[];
    expect(new Set(scopedRows.map((row) => row.caseId))).toEqual(new Set([caseA1, caseA2]));
  });

  test('each export is in the read log; a bad query answers 400', async () => {
    const exporter = await t.userWith('auditor');
    await download(exporter, `format=csv&caseId=${caseA2}`).expect(200);
    for (const query of ['format=xml', 'from=2026-13-01', 'caseId=1', 'cursor=abc']) {
      const refused = await t.getAs(exporter.token, `/api/v1/audit/export?${query}`);
      expectProblem(refused, 400, 'VALIDATION.FAILED');
    }
    const log = await t.getAs(exporter.token, '/api/v1/audit/reads');
    expect(log.body.items).toEqual([
      expect.objectContaining({
        userId: exporter.id,
        action: 'export',
        query: { format: 'csv', caseId: caseA2 },
        resultCount: null,
      }),
    ]);
  });

  async function exportCommand(
    ...args: string[]
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
    const cli = await CommandFactory.createWithoutRunning(CliModule.forRoot(), { logger: false });
    try {
      await cli.get(CommandRunnerService).run(['node', 'cli.js', 'export', ...args]);
      return { exitCode: Number(process.exitCode ?? 0), stdout, stderr };
    } finally {
      process.exitCode = 0;
      spies.forEach((spy) => spy.mockRestore());
      await cli.close();
    }
  }

  test('the export command writes the whole trail, complete and verifiable', async () => {
    const out = join(directory, `all-${dialect}.jsonl`);
    const run = await exportCommand('--format', 'jsonl', '--out', out);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`exported 6 events of 3 cases (jsonl, complete) to ${out}`);
    // Not a terminal: no progress bar.
    expect(run.stderr).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(verify(text, publicKey)).toMatchObject({ ok: true, cases: 3, events: 6 });
    expect(jsonLines(text)[0]).toMatchObject({ complete: true });

    const again = await exportCommand('--out', out);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('exists');
    expect(readFileSync(out, 'utf8')).toBe(text);
  });

  test('the export command filters by case and time, and writes CSV', async () => {
    const out = join(directory, `case-${dialect}.csv`);
    const run = await exportCommand('--format', 'csv', '--out', out, '--case', caseA1);
    expect(run.stdout).toContain(
      'exported 3 events of 1 cases (csv, every record of the cases selected)',
    );
    const rows = parse(readFileSync(out, 'utf8'), { bom: true, columns: true }) as {
      caseId: string;
      payload: string;
    }[];
    expect(rows.map((row) => row.caseId)).toEqual([caseA1, caseA1, caseA1]);
    expect(JSON.parse(rows[2].payload)).toEqual({ reason: DISMISS_REASON });

    const before = join(directory, `none-${dialect}.jsonl`);
    const empty = await exportCommand('--out', before, '--to', '2000-01-01');
    expect(empty.stdout).toContain('exported 0 events of 0 cases (jsonl, filtered)');
    expect(verify(readFileSync(before, 'utf8'))).toMatchObject({ ok: true, events: 0 });
  });

  test('the export command for one unit proves its cases and names no other', async () => {
    const out = join(directory, `unit-${dialect}.jsonl`);
    const run = await exportCommand('--out', out, '--unit', unitAId);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(
      `exported 4 events of 2 cases (jsonl, every record of the cases selected) to ${out}`,
    );
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain(caseB);
    expect(verify(text, publicKey)).toMatchObject({ ok: true, cases: 2, signedCases: 2 });
    expect(jsonLines(text)[0]).toMatchObject({
      complete: true,
      filter: { unitId: unitAId, scoped: true },
    });

    const missing = await exportCommand('--out', join(directory, 'none.jsonl'), '--unit', caseB);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('no such unit');
  });

  test.each([
    [['--out', 'x', '--unit', 'not-a-uuid']],
    [['--format', 'xml', '--out', 'x']],
    [['--format', 'csv']],
    [['--out', 'x', '--case', 'not-a-uuid']],
    [['--out', 'x', '--from', 'yesterday']],
    [['--out', 'x', '--to', '2026-02-30']],
  ])('the export command refuses %j', async (args) => {
    const run = await exportCommand(...args);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/--(out|format|case|unit|from|to)/);
  });
});
