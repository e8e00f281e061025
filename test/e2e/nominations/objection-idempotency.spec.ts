import { DIALECTS } from '../../support/databases';
import { expectProblem, type TestApp } from '../../support/test-app';
import { startStory, underPublicNotice, type StoryTokens } from './nomination-steps';

const OBJECTION = {
  objection: 'Thành tích nêu trong báo cáo thuộc về cả tổ, không riêng cá nhân được đề nghị.',
  name: 'Phạm Thị Lan',
  contact: '0912 345 678',
};

/**
 * Story: on a poor connection a citizen's browser sends the same objection twice (the form sends
 * an Idempotency-Key). One objection is recorded, with one identity; both answers are the same,
 * the second marked as a replay. The same key with another text is refused; another key is a new
 * objection.
 */
describe.each(DIALECTS)('objections honour Idempotency-Key (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;
  let caseId: string;

  beforeAll(async () => {
    ({ t, tokens } = await startStory(dialect));
    ({ caseId } = await underPublicNotice(t, tokens, 'Võ Thị Hồng Nhung'));
  });
  afterAll(() => t.close());

  const object = (body: object, key?: string) => {
    const post = t.http.post(`/api/v1/public/notices/${caseId}/objections`);
    if (key !== undefined) post.set('Idempotency-Key', key);
    return post.send(body);
  };
  const recorded = async () =>
    (await t.history(tokens.secretariat, caseId)).body.items.filter(
      (r: { eventType: string }) => r.eventType === 'FILE_OBJECTION',
    );

  test('the same key twice records one objection and answers the same', async () => {
    const first = await object(OBJECTION, 'objection-7f3a');
    const again = await object(OBJECTION, 'objection-7f3a');
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(await recorded()).toHaveLength(1);
    const listed = await t.getAs(tokens.secretariat, `/api/v1/cases/${caseId}/objections`);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].objector).toEqual({
      name: OBJECTION.name,
      contact: OBJECTION.contact,
    });
  });

  test('the same key with another objection is refused; another key is a new one', async () => {
    const changed = await object(
      { ...OBJECTION, objection: 'Một nội dung phản ánh khác hẳn nội dung trước.' },
      'objection-7f3a',
    );
    expectProblem(changed, 422, 'IDEMPOTENCY.KEY_REUSED');
    expect(await recorded()).toHaveLength(1);

    const other = await object(OBJECTION, 'objection-91bc');
    expect(other.status).toBe(202);
    expect(await recorded()).toHaveLength(2);
  });

  test('a key that is not 1–128 visible characters is refused', async () => {
    const bad = await object(OBJECTION, 'two words');
    expectProblem(bad, 400, 'VALIDATION.FAILED');
    expect(await recorded()).toHaveLength(2);
  });

  test('an objection of spaces says nothing and is refused by name, recording nothing', async () => {
    const blank = await object(
      { ...OBJECTION, objection: ' '.repeat(12) + '\n\t' },
      'objection-blank',
    );
    expectProblem(blank, 400, 'VALIDATION.FAILED');
    expect(blank.body.errors.map((error: { field: string }) => error.field)).toEqual(['objection']);
    expect(await recorded()).toHaveLength(2);
  });
});
