import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseCommands } from '../../src/cases/case-commands.service';
import { Clock } from '../../src/common/clock';
import { CouncilSessionsService } from '../../src/councils/council-sessions.service';
import { CouncilsService } from '../../src/councils/councils.service';
import {
  DEMO_NOMINATIONS,
  DEMO_ENTERPRISE_SIGNER,
  DEMO_SIGNER,
  DEMO_VIOLATIONS,
  DemoCasesLoader,
  type DemoCasesResult,
} from '../../src/demo/demo-cases';
import { DEMO_COUNCIL, DemoCouncilLoader } from '../../src/demo/demo-council';
import { DemoLoader } from '../../src/demo/demo-loader';
import { DossierDocumentsService } from '../../src/nominations/dossier-documents.service';
import { PublicNoticesService } from '../../src/nominations/public-notices.service';
import { CASES_REPOSITORY } from '../../src/persistence/repositories/cases.repository';
import {
  HISTORICAL_AWARDS_REPOSITORY,
  type HistoricalAwardsRepository,
} from '../../src/persistence/repositories/historical-awards.repository';
import { ORGANISATION_REPOSITORY } from '../../src/persistence/repositories/organisation.repository';
import { USERS_REPOSITORY } from '../../src/persistence/repositories/users.repository';
import {
  UNIT_AUTHORITIES_REPOSITORY,
  type UnitAuthoritiesRepository,
} from '../../src/persistence/repositories/unit-authorities.repository';
import { RuleSetCatalogue } from '../../src/domain/rules/rule-set-catalogue';
import { readPdf } from '../domain/outputs/read-pdf';
import { UsersService } from '../../src/users/users.service';
import { DIALECTS } from '../support/databases';
import { OpenApiContract } from '../support/openapi-contract';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';
import { timeLimit } from '../support/time-limits';

const PASSWORD = 'demo-password-for-tests';

const statesOf = (file: string): string[] =>
  Object.keys(
    (
      JSON.parse(readFileSync(join(__dirname, '../../workflows', file), 'utf8')) as {
        machine: { states: Record<string, unknown> };
      }
    ).machine.states,
  ).sort();

interface ListedCase {
  id: string;
  state: string;
  subject: { name: string };
  context: Record<string, unknown>;
}

/**
 * Story: a newcomer runs `npm run demo` and, logged in as the committee's office (secretariat),
 * finds nominations in every state of the workflow (one on hold because of a traffic violation
 * being verified, one under public notice that anyone can read, one the council recommended and
 * one it did not), violation cases in every state, the committee's council with its roster and a
 * closed session with its minutes, and past awards; every case's audit chain verifies, and running
 * the demo again adds nothing.
 */
describe.each(DIALECTS)('the demo cases (%s)', (dialect) => {
  let t: TestApp;
  let organisation: DemoLoader;
  let loader: DemoCasesLoader;
  let first: DemoCasesResult;
  let secretariat: string;

  const allCases = async (type: string): Promise<ListedCase[]> => {
    const items: ListedCase[] = [];
    let cursor: string | null = null;
    do {
      const page = await t.getAs(
        secretariat,
        `/api/v1/cases?type=${type}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items;
  };
  const caseOf = (key: string, kind = 'nomination') =>
    first.cases.find((line) => line.kind === kind && line.key === key)!;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    organisation = new DemoLoader(
      t.app.get(ORGANISATION_REPOSITORY),
      t.app.get(USERS_REPOSITORY),
      t.app.get(UsersService),
      t.app.get(Clock),
      t.app.get(UNIT_AUTHORITIES_REPOSITORY),
    );
    loader = new DemoCasesLoader(
      t.app.get(CaseCommands),
      t.app.get(DossierDocumentsService),
      t.app.get(PublicNoticesService),
      t.app.get(CASES_REPOSITORY),
      t.app.get(USERS_REPOSITORY),
      t.app.get(HISTORICAL_AWARDS_REPOSITORY),
      new DemoCouncilLoader(
        t.app.get(CouncilsService),
        t.app.get(CouncilSessionsService),
        t.app.get(CaseCommands),
        t.app.get(Clock),
      ),
      t.app.get(Clock),
      t.app.get(CouncilsService),
    );
    await organisation.load(PASSWORD);
    first = await loader.load();
    secretariat = await t.login('demo.vanphong', PASSWORD);
  }, timeLimit(240_000));
  afterAll(() => t.close());

  test('creates a nomination in every state of the workflow, and a violation case in every state', async () => {
    const thisYear = Number(t.app.get(Clock).todayInVietnam().slice(0, 4));
    expect(first.evaluationYear).toBe(thisYear - 1);
    expect(first.cases.every((line) => line.created)).toBe(true);
    const nominationStates = statesOf('nomination.v9.json');
    expect([...new Set(DEMO_NOMINATIONS.map((spec) => spec.state))].sort()).toEqual(
      nominationStates,
    );
    for (const state of nominationStates) {
      const page = await t.getAs(secretariat, `/api/v1/cases?type=nomination&state=${state}`);
      expect({ state, status: page.status }).toEqual({ state, status: 200 });
      expect({ state, found: page.body.items.length > 0 }).toEqual({ state, found: true });
    }
    const violationStates = statesOf('violation.v3.json');
    expect([...new Set(DEMO_VIOLATIONS.map((spec) => spec.state))].sort()).toEqual(violationStates);
    for (const state of violationStates) {
      const page = await t.getAs(secretariat, `/api/v1/cases?type=violation&state=${state}`);
      expect({ state, found: page.body.items.length > 0 }).toEqual({ state, found: true });
    }
  });

  test('cases opened before the latest versions still run on theirs; the others are on the latest', async () => {
    for (const [key, kind] of [
      ['verifying_v2', 'nomination'],
      ['deciding_v2', 'violation'],
    ] as const) {
      const read = await t.getCase(secretariat, caseOf(key, kind).caseId);
      expect({ key, version: read.body.workflow.version }).toEqual({ key, version: 2 });
    }
    // Decided before nomination v5 put the public notice before the council's vote.
    for (const key of ['approved', 'public_notice', 'announced', 'rejected']) {
      const read = await t.getCase(secretariat, caseOf(key).caseId);
      expect({ key, version: read.body.workflow.version }).toEqual({ key, version: 4 });
    }
    for (const key of ['verifying', 'verified', 'council_review', 'recommended']) {
      const read = await t.getCase(secretariat, caseOf(key).caseId);
      expect({ key, version: read.body.workflow.version }).toEqual({ key, version: 9 });
    }
    // On v7 the secretariat resolved, with evidence, each line its verification left for review.
    const verified = (await t.getCase(secretariat, caseOf('verified').caseId)).body.context as {
      eligibility: { linesNotPassed: { rule: string; outcome: string }[] };
      reviewResolutions?: { line: string; outcome: string; event: string; evidence: string }[];
    };
    const leftForReview = verified.eligibility.linesNotPassed
      .filter((line) => line.outcome === 'needs_review')
      .map((line) => line.rule);
    expect((verified.reviewResolutions ?? []).map((r) => r.line).sort()).toEqual(
      [...new Set(leftForReview)].sort(),
    );
    for (const resolution of verified.reviewResolutions ?? []) {
      expect(resolution).toMatchObject({
        event: 'MARK_VERIFIED',
        outcome: 'pass',
        evidence: expect.any(String),
      });
    }
    // From v3 on the legal dates are what the official entered, days before they were typed in.
    const closed = await t.getCase(secretariat, caseOf('closed', 'violation').caseId);
    const { confirmedOn, announcedOn, decision } = closed.body.context;
    const today = t.app.get(Clock).todayInVietnam();
    expect(confirmedOn < decision.date && decision.date < announcedOn).toBe(true);
    expect(announcedOn < today).toBe(true);
  });

  test('the nominee with a traffic violation being verified is on hold: MARK_VERIFIED is refused', async () => {
    const onHold = caseOf('on_hold');
    const violation = caseOf('verifying', 'violation');
    expect(onHold.subject).toBe(violation.subject);
    const refused = await t.postEvent(secretariat, onHold.caseId, { type: 'MARK_VERIFIED' });
    expectProblem(refused, 422, 'CASE.GUARD_FAILED');
    expect(refused.body.eligibility.outcome).toBe('on_hold');
    // The refusal goes to whoever sent the event; the pending case is need-to-know (its v3 too,
    // workflows/access/), so the refusal only says a matter is pending. The live report names it
    // to the secretariat, who may read it.
    expect(JSON.stringify(refused.body.eligibility.lines)).not.toContain(violation.caseId);
    const live = await t.getAs(secretariat, `/api/v1/cases/${onHold.caseId}/eligibility`);
    expect(JSON.stringify(live.body.lines)).toContain(violation.caseId);
    const after = await t.getCase(secretariat, onHold.caseId);
    expect(after.body.state).toBe('verifying');

    const reported = await t.getCase(secretariat, violation.caseId);
    expect(reported.body.data).toMatchObject({ category: 'traffic' });
    expect(reported.body.data.summary).toContain('Công an');
  });

  test('no decision is issued by a body that may not grant it; Party documents carry Party numbers', async () => {
    const { ruleSet } = t.app.get(RuleSetCatalogue).latest(t.app.get(Clock).todayInVietnam());
    const registry = t.app.get<UnitAuthoritiesRepository>(UNIT_AUTHORITIES_REPOSITORY);
    const formatOfUnit = async (unitId: string) => {
      const [unit] = await registry.activeAuthoritiesOf([unitId]);
      const codes = unit?.authorities.map((a) => a.authorityCode) ?? [];
      const formats = new Set(
        codes.map((code) => ruleSet.authorities.find((a) => a.code === code)?.format ?? 'state'),
      );
      expect({ unitId, formats: formats.size }).toEqual({ unitId, formats: 1 });
      return { codes, format: [...formats][0], series: unit!.authorities[0].seriesCode };
    };
    const partyNumber = /^\d+-QĐ\/[^/]+$/;
    const stateNumber = /^\d+\/QĐ-[^/]+$/;
    let decisions = 0;
    for (const listed of await allCases('nomination')) {
      const read = (await t.getCase(secretariat, listed.id)).body;
      const award = ruleSet.awards.find((a) => a.code === read.data.awardCode)!;
      for (const recorded of [read.context.decision, read.context.revocation]) {
        if (recorded?.number === undefined || recorded.number === null) continue;
        decisions += 1;
        const issuer = await formatOfUnit(recorded.issuingUnit.id);
        // The issuing unit acts as an authority that grants the award, as the decision says.
        expect(award.grantor.authorities).toContain(recorded.authority?.code);
        expect(issuer.codes).toContain(recorded.authority?.code);
        expect(recorded.number).toMatch(issuer.format === 'party' ? partyNumber : stateNumber);
        expect(recorded.number.endsWith(issuer.series)).toBe(true);
      }
    }
    expect(decisions).toBeGreaterThanOrEqual(3);
    // The Party award's certificate carries the Party heading; the enterprise's the national one.
    const heading = async (key: string) => {
      const pdf = await t
        .getAs(secretariat, `/api/v1/cases/${caseOf(key).caseId}/certificate`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(pdf.status).toBe(200);
      return readPdf(pdf.body as Buffer)
        .lines.slice(0, 3)
        .join('\n');
    };
    expect(await heading('announced_collective')).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(await heading('announced')).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    // The committee's discipline decisions are Party documents too, in the same series.
    let discipline = 0;
    for (const listed of await allCases('violation')) {
      const read = (await t.getCase(secretariat, listed.id)).body;
      for (const decision of (read.context.decisions ?? []) as {
        number: string;
        format: string;
        issuingUnit: { id: string };
      }[]) {
        discipline += 1;
        expect(decision.number).toMatch(decision.format === 'party' ? partyNumber : stateNumber);
        const [unit] = await registry.activeAuthoritiesOf([decision.issuingUnit.id]);
        if ((unit?.authorities.length ?? 0) > 0) {
          const issuer = await formatOfUnit(decision.issuingUnit.id);
          expect({ number: decision.number, format: decision.format }).toEqual({
            number: expect.stringMatching(new RegExp(`${issuer.series}$`)),
            format: issuer.format,
          });
        }
      }
    }
    expect(discipline).toBeGreaterThan(0);
  });

  test('the returned, announced, revoked and decided cases carry their Vietnamese details', async () => {
    const returned = await t.getCase(secretariat, caseOf('returned_for_supplement').caseId);
    const history = await t.history(secretariat, returned.body.id);
    const returnRecord = history.body.items.find(
      (record: { eventType: string }) => record.eventType === 'RETURN_FOR_SUPPLEMENT',
    );
    expect(returnRecord.payload.reason).toMatch(/bổ sung/);

    // Issue 17: the water company's director grants its worker's title (State numbering); the
    // committee's standing committee grants the Party cell its Party award (Party numbering).
    const announced = await t.getCase(secretariat, caseOf('announced').caseId);
    expect(announced.body.state).toBe('announced');
    expect(announced.body.context.decision).toMatchObject({
      number: expect.stringMatching(/^\d+\/QĐ-DUK-CN-DN$/),
      signer: DEMO_ENTERPRISE_SIGNER,
      authority: { code: 'enterprise_director', format: 'state', series: 'DUK-CN-DN' },
    });
    const collective = await t.getCase(secretariat, caseOf('announced_collective').caseId);
    expect(collective.body.state).toBe('announced');
    expect(collective.body.subject.kind).toBe('unit');
    expect(collective.body.context.decision).toMatchObject({
      number: expect.stringMatching(/^\d+-QĐ\/ĐUK$/),
      signer: DEMO_SIGNER,
      authority: { code: 'superior_party_standing_committee', format: 'party', series: 'ĐUK' },
    });

    const revoked = await t.getCase(secretariat, caseOf('revoked').caseId);
    expect(revoked.body.context.revocation).toMatchObject({
      ground: 'false_dossier',
      number: expect.stringMatching(/^\d+\/QĐ-DUK-CN-DN$/),
      reason: expect.stringMatching(/\S/),
    });
    expect(revoked.body.context.revocation.number).not.toBe(revoked.body.context.decision.number);

    const decided = await t.getCase(secretariat, caseOf('decided', 'violation').caseId);
    expect(decided.body.context.discipline).toEqual({
      subjectType: 'party_member',
      form: 'khien_trach',
    });

    const draft = await t.getCase(secretariat, caseOf('draft').caseId);
    expect(draft.body.context.documents.length).toBeGreaterThan(0);
    const document = draft.body.context.documents[0] as { id: string };
    const file = await t
      .getAs(secretariat, `/api/v1/cases/${draft.body.id}/documents/${document.id}`)
      .responseType('blob');
    expect(file.status).toBe(200);
    expect((file.body as Buffer).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
  });

  test('the committee’s council met: one nomination recommended for the head’s decision, one not, the minutes in both dossiers', async () => {
    const councils = await t.getAs(secretariat, '/api/v1/councils');
    expect(councils.status).toBe(200);
    const council = councils.body.items.find(
      (item: { id: string }) => item.id === first.council.id,
    );
    expect(council).toMatchObject({ name: DEMO_COUNCIL.name, unit: { code: 'DUK' } });
    expect(council.members.map((m: { role: string; votes: boolean }) => [m.role, m.votes])).toEqual(
      [
        ['chair', true],
        ['member', true],
        ['member', true],
        ['secretary', false],
      ],
    );
    expect(council.members[0].person.name).toBe('Trần Xuân Lâm');

    const sessions = await t.getAs(secretariat, '/api/v1/council-sessions?state=closed');
    expect(sessions.body.items.map((item: { id: string }) => item.id)).toEqual([
      first.council.sessionId,
    ]);
    const session = await t.getAs(
      secretariat,
      `/api/v1/council-sessions/${first.council.sessionId}`,
    );
    const recommended = caseOf('recommended');
    const notRecommended = caseOf('not_recommended');
    const proposed = caseOf('with_superior');
    // The agenda was the three nominations awaiting it, not the one sent to the council since.
    expect(
      session.body.tally.map((item: Record<string, unknown>) => [
        item.caseId,
        item.approve,
        item.reject,
        item.abstain,
        item.recommended,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [recommended.caseId, 3, 0, 0, true],
        [notRecommended.caseId, 1, 1, 1, false],
        [proposed.caseId, 3, 0, 0, true],
      ]),
    );
    expect(session.body.tally).toHaveLength(3);
    expect(session.body.minutes.sha256).toMatch(/^[0-9a-f]{64}$/);
    const minutes = await t
      .getAs(secretariat, `/api/v1/council-sessions/${first.council.sessionId}/minutes`)
      .responseType('blob');
    expect(minutes.status).toBe(200);
    expect((minutes.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    expect(recommended.state).toBe('recommended');
    expect(notRecommended.state).toBe('not_recommended');
    // The provincial diploma went up in the committee's letter, numbered in the Party format, to
    // the provincial chair, whom no unit here acts as.
    expect(proposed.state).toBe('with_superior');
    const letters = await t.getAs(secretariat, '/api/v1/proposals?direction=out');
    expect(letters.status).toBe(200);
    expect(letters.body.items).toEqual([
      expect.objectContaining({
        number: expect.stringMatching(/^\d+-TTr\/ĐUK$/),
        format: 'party',
        nominationCount: 1,
      }),
    ]);
    for (const line of [recommended, notRecommended]) {
      const read = await t.getCase(secretariat, line.caseId);
      expect({ key: line.key, documents: read.body.context.documents }).toEqual({
        key: line.key,
        documents: expect.arrayContaining([
          expect.objectContaining({
            code: 'bien_ban_hop_hoi_dong',
            sha256: session.body.minutes.sha256,
          }),
        ]),
      });
    }
    // The chair, as head of the committee, decides on what the council recommended.
    const head = await t.login('demo.chutich', PASSWORD);
    const awaiting = await t.getCase(head, recommended.caseId);
    expect(awaiting.body.allowedEvents.map((event: { type: string }) => event.type)).toEqual([
      'APPROVE',
      'REJECT',
    ]);
    const stillWaiting = await t.getCase(secretariat, caseOf('council_review').caseId);
    expect(stillWaiting.body.state).toBe('council_review');
  });

  test('the public notice list, read without signing in, shows the noticed nominees', async () => {
    const notices = await t.http.get('/api/v1/public/notices');
    expect(notices.status).toBe(200);
    const byId = new Map(
      notices.body.items.map((item: { caseId: string }) => [item.caseId, item] as const),
    );
    const noticed = caseOf('public_notice');
    expect(byId.get(noticed.caseId)).toMatchObject({
      nominee: { name: noticed.subject },
      award: { code: 'chien_si_thi_dua_toan_quoc' },
      onHold: false,
    });
    expect(byId.get(caseOf('objection_review').caseId)).toMatchObject({ onHold: true });
  });

  test('records past awards of a few people, one revoked', async () => {
    const history = t.app.get<HistoricalAwardsRepository>(HISTORICAL_AWARDS_REPOSITORY);
    const [{ id }] = await history.transaction((tx) => tx.findPeopleByCodes(['DUK-0102']));
    const held = (await history.heldBy({ personIds: [id], unitIds: [] })).get(id)!;
    expect(held.map((award) => [award.awardCode, award.year, award.status])).toEqual([
      ['lao_dong_tien_tien', first.evaluationYear - 3, 'granted'],
      ['lao_dong_tien_tien', first.evaluationYear - 2, 'revoked'],
      ['lao_dong_tien_tien', first.evaluationYear - 1, 'granted'],
    ]);
  });

  test('every demo case verifies, and running the demo again adds nothing', async () => {
    const before = [...(await allCases('nomination')), ...(await allCases('violation'))];
    expect(before).toHaveLength(DEMO_NOMINATIONS.length + DEMO_VIOLATIONS.length);
    for (const listed of [...before, { id: first.council.sessionId! }]) {
      const check = await t.verify(secretariat, listed.id);
      expect({ id: listed.id, status: check.status, ok: check.body.ok }).toEqual({
        id: listed.id,
        status: 200,
        ok: true,
      });
    }

    await organisation.load(PASSWORD);
    const again = await loader.load();
    expect(again.cases.filter((line) => line.created)).toEqual([]);
    expect(again.pastAwards.created).toBe(0);
    expect(again.cases.map((line) => line.caseId)).toEqual(first.cases.map((line) => line.caseId));
    expect(again.council).toEqual({ ...first.council, sessionId: null });
    const sessions = await t.getAs(secretariat, '/api/v1/council-sessions');
    expect(sessions.body.items).toHaveLength(1);
    const after = [...(await allCases('nomination')), ...(await allCases('violation'))];
    expect(after.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
  });

  test('the read routes answer the demo as the OpenAPI document describes them', async () => {
    const contract = new OpenApiContract((await t.http.get('/api/docs-json')).body);
    const auditor = await t.login('demo.kiemtra', PASSWORD);
    const leader = await t.login('demo.dienluc', PASSWORD);
    const first = async (token: string, path: string) => {
      const page = await t.getAs(token, path);
      expect(page.status).toBe(200);
      return page.body.items[0] as { id: string; version?: number };
    };
    const unit = await first(secretariat, '/api/v1/units?limit=5');
    const person = await first(secretariat, '/api/v1/people?limit=5');
    const user = await first(t.adminToken, '/api/v1/users?limit=5');
    const ruleSet = await first(secretariat, '/api/v1/rulesets');
    const council = await first(secretariat, '/api/v1/councils');
    const announced = caseOf('announced').caseId;
    const onHold = caseOf('on_hold').caseId;
    const violation = caseOf('verifying', 'violation').caseId;
    // [who, the path as the document writes it, the path asked]
    const reads: [string | null, string, string][] = [
      [secretariat, '/api/v1/cases', '/api/v1/cases?limit=20'],
      [leader, '/api/v1/cases', '/api/v1/cases?type=violation'],
      [secretariat, '/api/v1/cases/{id}', `/api/v1/cases/${announced}`],
      [leader, '/api/v1/cases/{id}', `/api/v1/cases/${violation}`],
      [secretariat, '/api/v1/cases/{id}/history', `/api/v1/cases/${announced}/history`],
      [secretariat, '/api/v1/cases/{id}/verify', `/api/v1/cases/${announced}/verify`],
      [secretariat, '/api/v1/cases/{id}/holds', `/api/v1/cases/${onHold}/holds`],
      [secretariat, '/api/v1/cases/{id}/eligibility', `/api/v1/cases/${onHold}/eligibility`],
      [
        secretariat,
        '/api/v1/cases/{id}/eligibility/recorded',
        `/api/v1/cases/${announced}/eligibility/recorded`,
      ],
      [
        secretariat,
        '/api/v1/cases/{id}/eligibility/sealed',
        `/api/v1/cases/${onHold}/eligibility/sealed`,
      ],
      [secretariat, '/api/v1/cases/{id}/deadlines', `/api/v1/cases/${onHold}/deadlines`],
      [secretariat, '/api/v1/units', '/api/v1/units'],
      [secretariat, '/api/v1/units/{id}', `/api/v1/units/${unit.id}`],
      [auditor, '/api/v1/units/{id}/changes', `/api/v1/units/${unit.id}/changes`],
      [secretariat, '/api/v1/people', '/api/v1/people?q=nguyen'],
      [secretariat, '/api/v1/people/{id}', `/api/v1/people/${person.id}`],
      [auditor, '/api/v1/people/{id}/changes', `/api/v1/people/${person.id}/changes`],
      [t.adminToken, '/api/v1/users', '/api/v1/users'],
      [t.adminToken, '/api/v1/users/{id}', `/api/v1/users/${user.id}`],
      [t.adminToken, '/api/v1/users/{id}/changes', `/api/v1/users/${user.id}/changes`],
      [secretariat, '/api/v1/workflows', '/api/v1/workflows'],
      [
        secretariat,
        '/api/v1/workflows/{id}/versions/{version}',
        '/api/v1/workflows/nomination/versions/9',
      ],
      [secretariat, '/api/v1/rulesets', '/api/v1/rulesets'],
      [
        secretariat,
        '/api/v1/rulesets/{id}/versions/{version}',
        `/api/v1/rulesets/${ruleSet.id}/versions/${ruleSet.version}`,
      ],
      [secretariat, '/api/v1/councils/{id}', `/api/v1/councils/${council.id}`],
      [secretariat, '/api/v1/council-sessions', '/api/v1/council-sessions'],
      [secretariat, '/api/v1/movements', '/api/v1/movements'],
      [secretariat, '/api/v1/me/notifications', '/api/v1/me/notifications'],
      [secretariat, '/api/v1/deadlines', '/api/v1/deadlines'],
      [auditor, '/api/v1/audit/events', '/api/v1/audit/events?limit=20'],
      [auditor, '/api/v1/audit/reads', '/api/v1/audit/reads'],
      [auditor, '/api/v1/audit/checkpoints', '/api/v1/audit/checkpoints'],
      [t.adminToken, '/api/v1/admin/outbox', '/api/v1/admin/outbox'],
      [null, '/api/v1/public/notices', '/api/v1/public/notices'],
    ];
    const problems: string[] = [];
    for (const [token, template, path] of reads) {
      const answer = token === null ? await t.http.get(path) : await t.getAs(token, path);
      if (answer.status !== 200) problems.push(`GET ${path}: ${answer.status}`);
      else problems.push(...contract.problems('GET', template, 200, answer.body));
    }
    expect(problems).toEqual([]);

    // The check finds a field the document does not name, and one it names that is missing.
    const read = (await t.getAs(secretariat, `/api/v1/units/${unit.id}`)).body;
    const nameless: Record<string, unknown> = { ...read };
    delete nameless.name;
    expect(contract.problems('GET', '/api/v1/units/{id}', 200, { ...read, extra: 1 })).toEqual([
      'GET /api/v1/units/{id}: (body) has extra, which is not documented',
    ]);
    expect(contract.problems('GET', '/api/v1/units/{id}', 200, nameless)).toEqual([
      "GET /api/v1/units/{id}: (body) must have required property 'name'",
    ]);
  });
});
