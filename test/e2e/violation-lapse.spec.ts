import { addDays } from '../../src/domain/calendar/iso-date';
import { addMonths } from '../../src/domain/rules/eligibility-text';
import { todayInVietnam } from '../support/dates';
import { DIALECTS } from '../support/databases';
import type { TestApp } from '../support/test-app';
import { announceDecision, registerPerson } from '../support/violations';
import {
  decidedViolation,
  LAST_YEAR,
  lineOf,
  openNomination,
  startStory,
  type StoryTokens,
} from './nominations/nomination-steps';

/**
 * Story: three Party members of the same cell were each given a warning (cảnh cáo) about a year
 * ago; the secretariat records the announcements weeks after the fact, on the days they really
 * happened, a day apart. A Party discipline lapses twelve months after its announcement, and the
 * case stores that day. Nominated today for an award of an earlier year (one the warning's period
 * does not touch), the one whose warning lapses tomorrow is still barred today; the one whose
 * warning lapses today, and the one whose lapsed yesterday, are not.
 */
describe.each(DIALECTS)('a warning bars commendation until the day it lapses (%s)', (dialect) => {
  let t: TestApp;
  let tokens: StoryTokens;

  beforeAll(async () => {
    ({ t, tokens } = await startStory(dialect));
  });
  afterAll(() => t.close());

  test('the day before its lapse, the day of it and the day after', async () => {
    const today = todayInVietnam();
    const cell = await t.createUnit('Chi bộ Phòng Tổ chức', 'party_cell');
    const outcomes: Record<string, { lapsesOn: unknown; discipline: string }> = {};
    for (const [name, lapsesIn] of [
      ['Phan Văn Ngày Mai', 1],
      ['Phan Văn Hôm Nay', 0],
      ['Phan Văn Hôm Qua', -1],
    ] as const) {
      const person = await registerPerson(t, name, {
        unitId: cell.id,
        partyMember: true,
        partyJoinedOn: '2010-05-19',
      });
      const lapsesOn = addDays(today, lapsesIn);
      const announcedOn = addMonths(lapsesOn, -12);
      const { id, number } = await decidedViolation(
        t,
        tokens,
        person.id,
        addDays(announcedOn, -7),
        {
          subjectType: 'party_member',
          form: 'canh_cao',
        },
      );
      const announced = await announceDecision(t, tokens.secretariat, id, number, announcedOn);
      expect(announced.status).toBe(200);
      const nomination = await openNomination(
        t,
        tokens.leader,
        person.id,
        'lao_dong_tien_tien',
        LAST_YEAR - 1,
      );
      const eligibility = await t.getAs(
        tokens.secretariat,
        `/api/v1/cases/${nomination}/eligibility`,
      );
      expect(eligibility.status).toBe(200);
      outcomes[name] = {
        lapsesOn: (announced.body.context.decisions as { lapsesOn?: unknown }[])[0].lapsesOn,
        discipline: lineOf(eligibility.body, 'discipline.in_force').outcome,
      };
      expect(outcomes[name].lapsesOn).toBe(lapsesOn);
    }
    expect(Object.values(outcomes).map((o) => o.discipline)).toEqual(['fail', 'pass', 'pass']);
  });
});
