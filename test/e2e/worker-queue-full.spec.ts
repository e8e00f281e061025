import { DIALECTS } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';
import { announcedAward, LAST_YEAR, type StoryTokens } from './nominations/nomination-steps';
import { binary } from '../support/binary-body';

const NAMES = [
  'Bùi Thị Lan Anh',
  'Cao Văn Lộc',
  'Dương Thị Mỹ Duyên',
  'Hà Quang Vinh',
  'Kiều Thị Phượng',
  'Lâm Văn Thịnh',
];

/**
 * Story: six people download six different certificates at the same moment on a server set up
 * with one worker thread and room for one waiting task (WORKER_THREADS=1, WORKER_QUEUE_LIMIT=1).
 * Those that do not fit are told at once that the server is busy (503, Retry-After, in Vietnamese
 * and English) instead of waiting in an endless queue, and get their certificate when they retry.
 */
describe.each(DIALECTS)('a full worker queue answers 503 with Retry-After (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;
  const caseIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(dialect, { WORKER_THREADS: '1', WORKER_QUEUE_LIMIT: '1' });
    const [leader, secretariat, chair] = await t.tokensFor(
      'unit_leader',
      'secretariat',
      'council_chair',
    );
    tokens = { leader, secretariat, chair };
    for (const name of NAMES) {
      const person = await t.createPerson(name);
      caseIds.push(await announcedAward(t, tokens, person.id, 'lao_dong_tien_tien', LAST_YEAR));
    }
  });
  afterAll(() => t.close());

  const certificate = (caseId: string) =>
    t.getAs(tokens.secretariat, `/api/v1/cases/${caseId}/certificate`).buffer(true).parse(binary);

  test('those that do not fit are refused at once, and served when they retry', async () => {
    const answers = await Promise.all(caseIds.map(certificate));
    const served = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status !== 200);
    // At most one rendering and one waiting at any moment: six at once cannot all fit.
    expect(served.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const answer of refused) {
      const problem = JSON.parse((answer.body as Buffer).toString('utf8'));
      expect({ status: answer.status, code: problem.code }).toEqual({
        status: 503,
        code: 'SERVER.BUSY',
      });
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
      expect(problem.detailVi).toEqual(expect.any(String));
    }

    for (const [index, answer] of answers.entries()) {
      if (answer.status === 200) continue;
      const retried = await certificate(caseIds[index]);
      expect(retried.status).toBe(200);
      expect((retried.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  });
});
