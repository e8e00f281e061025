import { CaseEffects } from '../../src/cases/plugins/case-effects';
import { AppError } from '../../src/common/errors';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../../src/persistence/repositories/cases.repository';
import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';
import { openNomination, verify, type StoryTokens } from './nominations/nomination-steps';
import { trafficReport } from './violation-reports';

/**
 * Story (issue 14 item 6, the transaction): a report about Phan Văn Khải, whose nomination is
 * verified, holds that nomination; then something after the hold, in the same transaction, fails
 * (here an effect registered after the holds, which refuses reports about him). Nothing of it
 * stays: the report does not exist, the nomination's history has no HOLD and no reference to the
 * report is kept. Once the failing
 * step is out of the way, the same report holds the nomination.
 */
describe.each(DIALECTS)('a failure after the hold rolls both back (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;
  let failFor: string | null = null;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const [leader, secretariat, chair] = await t.tokensFor(
      'unit_leader',
      'secretariat',
      'council_chair',
    );
    tokens = { leader, secretariat, chair };
    // Registered after the application's own effects, so it runs after the holds were appended.
    t.app.get(CaseEffects, { strict: false }).register({
      name: 'testFailsAfterTheHold',
      appliesTo: ({ after }) => after.caseType === 'violation' && after.subject.id === failFor,
      apply: () => {
        throw new AppError(
          'TEST.FAILED_AFTER_HOLD',
          'conflict',
          'A later step failed.',
          {},
          {
            vi: 'Một bước sau đó không thành công.',
            en: 'A later step failed.',
          },
        );
      },
    });
  });
  afterAll(() => t.close());

  test('the report and the nomination’s HOLD are rolled back together', async () => {
    const nominee = await t.createPerson('Phan Văn Khải');
    const nomination = await openNomination(t, tokens.leader, nominee.id);
    await t.attachDossier(tokens.leader, nomination);
    await verify(t, tokens, nomination);
    const before = (await t.getCase(tokens.secretariat, nomination)).body;
    const report = {
      type: 'violation',
      subject: { kind: 'person', personId: nominee.id },
      data: trafficReport(t, 'Không đội mũ bảo hiểm (Công an phường thông báo)'),
    };

    failFor = nominee.id;
    const refused = await t.openCase(tokens.secretariat, report);
    expectProblem(refused, 409, 'TEST.FAILED_AFTER_HOLD');

    const cases = t.app.get<CasesRepository>(CASES_REPOSITORY);
    expect(await cases.casesAbout({ personIds: [nominee.id], unitIds: [] }, ['violation'])).toEqual(
      [],
    );
    const after = (await t.getCase(tokens.secretariat, nomination)).body;
    expect({ version: after.version, holds: after.context.holds }).toEqual({
      version: before.version,
      holds: undefined,
    });
    const history = await t.history(tokens.secretariat, nomination);
    expect(history.body.items.map((r: { eventType: string }) => r.eventType)).not.toContain('HOLD');
    const holdsOf = () => t.getAs(tokens.secretariat, `/api/v1/cases/${nomination}/holds`);
    expect((await holdsOf()).body).toEqual({ items: [], withheld: 0 });

    // The same report, nothing failing after it: the hold is there, so the rollback above was it.
    failFor = null;
    const reported = await t.openCase(tokens.secretariat, report);
    expect(reported.status).toBe(201);
    const held = (await t.getCase(tokens.secretariat, nomination)).body;
    const [reference] = (await holdsOf()).body.items;
    expect(reference).toMatchObject({ violationCaseId: reported.body.id, current: true });
    expect({ version: held.version, holds: held.context.holds }).toEqual({
      version: before.version + 1,
      holds: [expect.objectContaining({ caseId: reference.reference })],
    });
  });
});
