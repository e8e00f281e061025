import type { DataSource } from 'typeorm';
import { Database } from '../../../src/persistence/database';
import { CertificateChecksService } from '../../../src/nominations/certificate-checks.service';
import { DIALECTS } from '../../support/databases';
import { startTestApp, type TestApp } from '../../support/test-app';
import {
  announcedAward,
  LAST_YEAR,
  signedDecision,
  step,
  type StoryTokens,
} from './nomination-steps';

const CODE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;

interface VerificationRow {
  head_seq: number | string;
  head_hash: string;
  intact: boolean | number;
  problem: string | null;
  first_bad_seq: number | string | null;
  verified_at: string;
}

/**
 * Story: anyone may check a certificate's printed code, without signing in, as often as they
 * like. Re-hashing the whole case on every check would let anyone keep the server busy, so the
 * check reads the case's chain verification stored at its current head: made once (in a worker
 * thread), reused while nothing is appended. A record rewritten behind the application's back
 * shows as soon as the case moves on (a new head), or at the latest when the background re-check
 * redoes a day-old result; until then the stored result stands (the `verify` command and the
 * checkpoints catch it independently).
 */
describe.each(DIALECTS)(
  'the public certificate check reads a stored verification (%s)',
  (dialect) => {
    let t: TestApp;
    let tokens: StoryTokens;
    let dataSource: DataSource;

    beforeAll(async () => {
      t = await startTestApp(dialect);
      dataSource = t.app.get(Database).dataSource;
      const [leader, secretariat, chair] = await t.tokensFor(
        'unit_leader',
        'secretariat',
        'council_chair',
      );
      tokens = { leader, secretariat, chair };
    });
    afterAll(() => t.close());

    /** Raw SQL; `?` placeholders work on both engines. */
    const sql = (text: string, params: unknown[] = []) => {
      let n = 0;
      const query = dialect === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
      return dataSource.query(query, params);
    };

    const storedVerification = async (caseId: string): Promise<VerificationRow | undefined> =>
      (await sql('SELECT * FROM case_chain_verifications WHERE case_id = ?', [caseId]))[0];

    const headOf = async (caseId: string): Promise<{ seq: number; hash: string }> => {
      const [row] = await sql('SELECT version, head_hash FROM cases WHERE id = ?', [caseId]);
      return { seq: Number(row.version), hash: row.head_hash };
    };

    /** An announced award and its printed code (from the decision list). */
    async function announced(name: string): Promise<{ caseId: string; code: string }> {
      const person = await t.createPerson(name);
      const caseId = await announcedAward(t, tokens, person.id, 'lao_dong_tien_tien', LAST_YEAR);
      const list = await t.getAs(
        tokens.secretariat,
        `/api/v1/cases/${caseId}/decision-list?format=csv`,
      );
      return { caseId, code: CODE.exec(list.text)![0] };
    }

    const check = (code: string) => t.http.get(`/api/v1/public/certificates/${code}`);

    /** A DBA rewrites record `seq` of the case, with the append-only triggers switched off. */
    async function rewriteRecord(caseId: string, seq: number): Promise<void> {
      if (dialect === 'postgres') {
        await sql('ALTER TABLE case_events DISABLE TRIGGER case_events_no_update_delete');
      } else {
        await sql('DROP TRIGGER case_events_no_update');
      }
      try {
        await sql(`UPDATE case_events SET payload_json = ? WHERE case_id = ? AND seq = ?`, [
          JSON.stringify({ note: 'viết lại' }),
          caseId,
          seq,
        ]);
      } finally {
        if (dialect === 'postgres') {
          await sql('ALTER TABLE case_events ENABLE TRIGGER case_events_no_update_delete');
        } else {
          await sql(
            `CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events ` +
              `BEGIN SELECT RAISE(ABORT, 'case_events is append-only: UPDATE refused'); END`,
          );
        }
      }
      t.expectTampered(caseId);
    }

    test('the first check stores the verification at the head; the next ones read it', async () => {
      const { caseId, code } = await announced('Hoàng Thị Thu Trang');
      expect(await storedVerification(caseId)).toBeUndefined();

      const first = await check(code);
      expect(first.status).toBe(200);
      expect(first.body.audit.chainIntact).toBe(true);
      const stored = await storedVerification(caseId);
      const head = await headOf(caseId);
      expect(stored).toMatchObject({ head_hash: head.hash, problem: null, first_bad_seq: null });
      expect(Number(stored!.head_seq)).toBe(head.seq);
      expect(Boolean(stored!.intact)).toBe(true);

      // An hour later nothing was appended: the chain is not hashed again.
      t.advanceClock(3600);
      const again = await check(code);
      expect(again.body).toEqual(first.body);
      expect((await storedVerification(caseId))!.verified_at).toBe(stored!.verified_at);
    });

    test('a rewritten record shows as soon as the head moves on', async () => {
      const { caseId, code } = await announced('Đinh Công Tráng');
      expect((await check(code)).body.audit.chainIntact).toBe(true);
      await rewriteRecord(caseId, 2);

      await step(t, tokens.chair, caseId, 'REVOKE', 'revoked', {
        ...signedDecision('Chủ tịch Hội đồng'),
        ground: 'false_dossier',
        reason: 'Hồ sơ không trung thực',
      });
      const answer = await check(code);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ status: 'revoked', audit: { chainIntact: false } });
      const stored = await storedVerification(caseId);
      expect(Number(stored!.head_seq)).toBe((await headOf(caseId)).seq);
      expect(stored).toMatchObject({ problem: 'HASH_MISMATCH' });
      expect(Number(stored!.first_bad_seq)).toBe(2);
    });

    test('with the head unchanged, the background re-check of day-old results finds it', async () => {
      const { caseId, code } = await announced('Mai Thị Xuân Hương');
      expect((await check(code)).body.audit.chainIntact).toBe(true);
      await rewriteRecord(caseId, 3);

      // Same head: the stored result stands until it is re-checked.
      expect((await check(code)).body.audit.chainIntact).toBe(true);
      t.advanceClock(25 * 3600);
      await t.app.get(CertificateChecksService).recheckOldChains();

      expect((await check(code)).body.audit.chainIntact).toBe(false);
      expect(await storedVerification(caseId)).toMatchObject({ problem: 'HASH_MISMATCH' });
    });
  },
);
