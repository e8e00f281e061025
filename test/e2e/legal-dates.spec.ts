import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { holdCouncilSession, unitOfCase } from '../support/council';
import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';
import {
  decideDiscipline,
  disciplinePayload,
  registerPerson,
  violationReport,
} from '../support/violations';
import {
  lineOf,
  recordedEligibility,
  step,
  type StoryTokens,
} from './nominations/nomination-steps';

/*
 * Story: officials record decisions signed on paper weeks or months earlier. The dates the law
 * counts from (a violation's conclusion, its decision, its announcement; an award decision's
 * signature) are what they enter, checked; the record also keeps when they were entered. A Party
 * reprimand announced a year and a half ago bars the nominee until twelve months after that
 * announcement, not after the day someone typed it in. The rule set here limits a discipline bar to
 * the achievement period it overlaps, and backdating to 1,000 days; it is the shipped rule set
 * (who decides, the vote) taken to be in force since two years before the evaluation year, so
 * decisions signed then are judged by it.
 */

const SHIPPED_RULE_SET = 'data/rulesets/vn-law-06-2022-decree-152-2025.v5.json';
const THIS_YEAR = new Date().getUTCFullYear();
/** The evaluation year of the nominations; the discipline was announced the year before. */
const YEAR = THIS_YEAR - 1;
const ANNOUNCED = `${YEAR - 1}-06-01`;
/** Twelve months after the announcement: the first day achievements count again. */
const LAPSE = `${YEAR}-06-01`;
const today = () => new Date().toISOString().slice(0, 10);

function ruleSetLimitingBarsToThePeriod(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rulesets-'));
  const ruleSet = JSON.parse(readFileSync(SHIPPED_RULE_SET, 'utf8'));
  const note = {
    vi: 'Giá trị thử nghiệm: mỗi tổ chức tự quy định.',
    en: 'Test value: each organisation sets its own.',
  };
  ruleSet.discipline.barScope = {
    value: 'achievement_period',
    source: [{ text: 'decree_152_2025', provision: 'Art 4' }],
    confirmed: false,
    note,
  };
  ruleSet.validFrom = `${YEAR - 2}-01-01`;
  ruleSet.legalDates = {
    maxDaysBack: 1000,
    source: [{ text: 'decree_152_2025' }],
    confirmed: false,
    note,
  };
  writeFileSync(path.join(dir, path.basename(SHIPPED_RULE_SET)), JSON.stringify(ruleSet));
  return dir;
}

describe.each(DIALECTS)('legal dates are data the official enters (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;
  let ruleSets: string;
  let cell: { id: string; code: string };

  beforeAll(async () => {
    ruleSets = ruleSetLimitingBarsToThePeriod();
    t = await startTestApp(dialect, { RULESETS_DIR: ruleSets });
    const [leader, secretariat, chair] = await t.tokensFor(
      'unit_leader',
      'secretariat',
      'council_chair',
    );
    tokens = { leader, secretariat, chair };
    cell = await t.createUnit('Chi bộ Phòng Tổng hợp', 'party_cell');
  });
  afterAll(async () => {
    await t.close();
    rmSync(ruleSets, { recursive: true, force: true });
  });

  const openViolation = async (personId: string) => {
    const opened = await t.openCase(tokens.secretariat, {
      type: 'violation',
      subject: { kind: 'person', personId },
      data: violationReport({
        category: 'other',
        source: 'inspection',
        occurredOn: `${YEAR - 1}-04-10`,
        summary: 'Vi phạm quy chế',
      }),
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    await step(t, tokens.secretariat, id, 'START_VERIFICATION', 'verifying');
    return id;
  };

  /** A Party member of the cell, a member since long before the case. */
  const partyMember = (fullName: string) =>
    registerPerson(t, fullName, {
      unitId: cell.id,
      partyMember: true,
      partyJoinedOn: '2012-02-03',
    });

  /** A Party reprimand concluded, decided by the cell's vote and announced on the given (past) days. */
  const reprimand = async (personId: string, announcedOn?: string) => {
    const id = await openViolation(personId);
    await step(t, tokens.secretariat, id, 'CONFIRM', 'confirmed', {
      reason: 'Đã xác minh, có vi phạm',
      confirmedOn: `${YEAR - 1}-05-15`,
    });
    await step(t, tokens.secretariat, id, 'REFER_FOR_DECISION', 'deciding');
    const decisionNumber = await decideDiscipline(t, tokens.chair, id, {
      subjectType: 'party_member',
      form: 'khien_trach',
      date: `${YEAR - 1}-05-20`,
      signer: 'Trần Văn Sơn',
    });
    const payload =
      announcedOn === undefined ? { decisionNumber } : { decisionNumber, announcedOn };
    return step(t, tokens.secretariat, id, 'ANNOUNCE', 'announced', payload);
  };

  /** The discipline line of a nomination for an achievement from `from` to the end of November. */
  const disciplineLineFor = async (personId: string, from: string) => {
    const opened = await t.openCase(tokens.leader, {
      type: 'nomination',
      subject: { kind: 'person', personId },
      data: {
        awardCode: 'lao_dong_tien_tien',
        evaluationYear: YEAR,
        achievementPeriod: { from, to: `${YEAR}-11-30` },
      },
    });
    expect(opened.status).toBe(201);
    await t.attachDossier(tokens.leader, opened.body.id);
    const submitted = await t.sendEvent(tokens.leader, opened.body.id, 'SUBMIT');
    // Refused: the answer carries the report; accepted: the SUBMIT's record keeps it.
    const eligibility =
      submitted.status === 200
        ? await recordedEligibility(t, tokens.leader, opened.body.id)
        : submitted.body.eligibility;
    return {
      line: lineOf(eligibility, 'discipline.in_force'),
      nomination: opened.body.id as string,
    };
  };

  /** The discipline line as the secretariat, who may read the violation, sees it. */
  const disciplineLineAsSecretariat = async (nomination: string) => {
    const report = await t.getAs(tokens.secretariat, `/api/v1/cases/${nomination}/eligibility`);
    expect(report.status).toBe(200);
    return lineOf(report.body, 'discipline.in_force');
  };

  test('a backdated announcement bars until twelve months after it: the day before, of and after the lapse', async () => {
    const dayBefore = await partyMember('Nguyễn Thị Lan Anh');
    const dayOf = await partyMember('Trần Quốc Bảo');
    const dayAfter = await partyMember('Lê Hoàng Yến');
    for (const person of [dayBefore, dayOf, dayAfter]) {
      const announced = await reprimand(person.id, ANNOUNCED);
      expect(announced.body.context.decisions).toEqual([
        expect.objectContaining({ announcedOn: ANNOUNCED, lapsesOn: LAPSE }),
      ]);
    }
    const barred = await disciplineLineFor(dayBefore.id, `${YEAR}-05-31`);
    expect(barred.line.outcome).toBe('fail');
    expect(barred.line.reason.vi).toContain('01/06/');
    // The unit leader learns the bar and its end, not the Party's discipline: the secretariat does.
    expect(barred.line.reason.vi).not.toContain('khiển trách');
    const judged = await disciplineLineAsSecretariat(barred.nomination);
    expect(judged.outcome).toBe('fail');
    expect(judged.reason.vi).toContain('khiển trách');
    expect(judged.reason.vi).toContain('01/06/');
    expect((await disciplineLineFor(dayOf.id, LAPSE)).line.outcome).toBe('pass');
    expect((await disciplineLineFor(dayAfter.id, `${YEAR}-06-02`)).line.outcome).toBe('pass');
  });

  test('an announcement recorded without its date counts from the day it is entered', async () => {
    const person = await partyMember('Phạm Minh Đức');
    const announced = await reprimand(person.id);
    const [decision] = announced.body.context.decisions as {
      number: string;
      announcedOn: string;
    }[];
    const entered = decision.announcedOn;
    expect(entered >= today()).toBe(true);
    // Still in force today: the nominee is barred whatever the period.
    expect((await disciplineLineFor(person.id, `${YEAR}-06-02`)).line.outcome).toBe('fail');
    const history = (await t.history(tokens.secretariat, announced.body.id)).body.items;
    const record = history.find((r: { eventType: string }) => r.eventType === 'ANNOUNCE');
    // The record keeps the legal date it settled on and, separately, when it was entered.
    expect(record.payload).toEqual({ decisionNumber: decision.number, announcedOn: entered });
    expect(record.at.slice(0, 4)).toBe(String(THIS_YEAR));
  });

  test('a legal date in the future, before the case’s earlier one, or older than allowed is a 400 naming it', async () => {
    const person = await t.createPerson('Đinh Thị Hương');
    const id = await openViolation(person.id);
    const refusals: [object, string, RegExp][] = [
      [
        { reason: 'Đã xác minh', confirmedOn: `${THIS_YEAR + 1}-01-01` },
        'payload.confirmedOn',
        /hôm nay/,
      ],
      [
        { reason: 'Đã xác minh', confirmedOn: `${YEAR - 1}-04-09` },
        'payload.confirmedOn',
        /ngày xảy ra vi phạm/,
      ],
      [
        { reason: 'Đã xác minh', confirmedOn: `${YEAR - 3}-01-01` },
        'payload.confirmedOn',
        /1000 ngày/,
      ],
      [
        { reason: 'Đã xác minh', confirmedOn: `${YEAR}-02-30` },
        'payload.confirmedOn',
        /phải là một ngày có thật/,
      ],
      [
        { reason: 'Đã xác minh', concludedOn: `${YEAR}-02-03` },
        'payload.concludedOn',
        /concludedOn/,
      ],
    ];
    for (const [payload, field, vi] of refusals) {
      const refused = await t.sendEvent(tokens.secretariat, id, 'CONFIRM', payload);
      expectProblem(refused, 400, 'CASE.PAYLOAD_INVALID');
      const fields = refused.body.errors.map((e: { field: string }) => e.field);
      expect([...new Set(fields)]).toEqual([field]);
      expect(refused.body.errors[0].messagesVi[0]).toMatch(vi);
    }
    expect((await t.getCase(tokens.secretariat, id)).body).toMatchObject({
      state: 'verifying',
      version: 2,
    });
    const confirmed = await step(t, tokens.secretariat, id, 'CONFIRM', 'confirmed', {
      reason: 'Đã xác minh',
      confirmedOn: `${YEAR}-02-03`,
    });
    expect(confirmed.body.context.confirmedOn).toBe(`${YEAR}-02-03`);
    await step(t, tokens.secretariat, id, 'REFER_FOR_DECISION', 'deciding');
    const early = await t.sendEvent(
      tokens.chair,
      id,
      'DECIDE',
      await disciplinePayload(t, tokens.chair, id, {
        outcome: 'no_discipline',
        date: `${YEAR}-02-02`,
        signer: 'Trần Văn Sơn',
      }),
    );
    expectProblem(early, 400, 'CASE.PAYLOAD_INVALID');
    expect(early.body.errors[0]).toMatchObject({ field: 'payload.decision.date' });
    expect(early.body.detail).toContain('the day the violation was concluded');
  });

  test('a violation dated in the future cannot be reported (it could never be concluded)', async () => {
    const person = await t.createPerson('Tạ Văn Lực');
    const refused = await t.openCase(tokens.secretariat, {
      type: 'violation',
      subject: { kind: 'person', personId: person.id },
      data: violationReport({ occurredOn: `${THIS_YEAR + 1}-03-01` }),
    });
    expectProblem(refused, 422, 'CASE.INVALID_DATA');
    expect(refused.body.detailVi).toContain('không được sau ngày hôm nay');
  });

  test('an award decision signed last year takes last year’s number', async () => {
    const person = await t.createPerson('Hồ Ngọc Trâm');
    const opened = await t.openCase(tokens.leader, {
      type: 'nomination',
      subject: { kind: 'person', personId: person.id },
      data: { awardCode: 'lao_dong_tien_tien', evaluationYear: YEAR },
    });
    const id = opened.body.id as string;
    await t.attachDossier(tokens.leader, id);
    await step(t, tokens.leader, id, 'SUBMIT', 'submitted');
    await step(t, tokens.secretariat, id, 'START_VERIFICATION', 'verifying');
    await step(t, tokens.secretariat, id, 'MARK_VERIFIED', 'verified');
    await step(t, tokens.secretariat, id, 'SEND_TO_COUNCIL', 'council_review');
    // The council met in December too, before the decision (recorded after the fact).
    const unitId = await unitOfCase(t, tokens.secretariat, id);
    await holdCouncilSession(t, tokens.secretariat, unitId, undefined, `${YEAR}-12-15`);
    await step(t, tokens.chair, id, 'APPROVE', 'approved');
    const announced = await step(t, tokens.secretariat, id, 'ANNOUNCE', 'announced', {
      decision: { date: `${YEAR}-12-20`, signer: 'Nguyễn Văn Thành' },
    });
    expect(announced.body.context.decision).toMatchObject({
      date: `${YEAR}-12-20`,
      number: expect.stringMatching(/^1\/QĐ-/),
    });
    const record = (await t.history(tokens.secretariat, id)).body.items.at(-1);
    expect(record.facts.decisionNumber.year).toBe(YEAR);
  });
});
