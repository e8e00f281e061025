import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RuleSetCatalogue } from '../../../src/domain/rules/rule-set-catalogue';
import { timeLimitCodesOf, unknownTimeLimits } from '../../../src/domain/workflow/timers';
import {
  assertTimeLimitsKnown,
  loadWorkflowCatalogue,
} from '../../../src/workflows/workflow-files';

/*
 * Rule set v5's time limits: how long a step may take, by code. Workflow timers name the code, never
 * the number, and start-up refuses a workflow naming a code the newest rule set does not have.
 */

const RULESETS = join(__dirname, '../../../data/rulesets');
const WORKFLOWS = join(__dirname, '../../../workflows');
const ruleSets = RuleSetCatalogue.load(
  readdirSync(RULESETS)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({
      source: join(RULESETS, name),
      text: readFileSync(join(RULESETS, name), 'utf8'),
    })),
);
const workflows = loadWorkflowCatalogue(WORKFLOWS);
const ID = 'vn-law-06-2022-decree-152-2025';

describe('time limits (rule set v5)', () => {
  const v5 = ruleSets.get(ID, 5).ruleSet;

  test('v5 is the newest rule set and lists each handling time with its unit and source', () => {
    expect(ruleSets.latest().ruleSet.version).toBe(5);
    expect(
      Object.fromEntries((v5.timeLimits ?? []).map((l) => [l.code, `${l.value} ${l.kind}`])),
    ).toEqual({
      nomination_verification: '10 working_days',
      supplement_response: '10 working_days',
      decision_announcement: '5 working_days',
      violation_verification: '10 working_days',
      discipline_handling: '90 days',
    });
    for (const limit of v5.timeLimits ?? []) {
      expect(limit.source.length).toBeGreaterThan(0);
      // None is settled by a text in force for every organisation: each says so, in both languages.
      expect(limit.confirmed).toBe(false);
      expect(limit.note?.vi).toMatch(/CHƯA XÁC NHẬN/);
      expect(limit.note?.en).toMatch(/UNCONFIRMED/);
    }
  });

  test('earlier rule sets have none (a case under them keeps a failed timer, not a guessed one)', () => {
    for (const version of [1, 2, 3, 4]) {
      expect(ruleSets.get(ID, version).ruleSet.timeLimits).toBeUndefined();
    }
  });

  test('every time limit a shipped workflow names is in the newest rule set', () => {
    const definitions = workflows.all().map((w) => w.definition);
    expect(unknownTimeLimits(definitions, v5)).toEqual([]);
    expect(timeLimitCodesOf(workflows.get('nomination', 8).definition).sort()).toEqual([
      'decision_announcement',
      'nomination_verification',
      'supplement_response',
    ]);
    expect(timeLimitCodesOf(workflows.get('violation', 5).definition).sort()).toEqual([
      'decision_announcement',
      'discipline_handling',
      'violation_verification',
    ]);
    expect(() => assertTimeLimitsKnown(workflows, ruleSets)).not.toThrow();
  });

  test('a workflow naming a time limit no rule set has is refused at start-up, by file and code', () => {
    const v4Only = RuleSetCatalogue.load(
      [1, 2, 3, 4].map((version) => {
        const source = join(RULESETS, `${ID}.v${version}.json`);
        return { source, text: readFileSync(source, 'utf8') };
      }),
    );
    expect(() => assertTimeLimitsKnown(workflows, v4Only)).toThrow(
      /nomination\.v8\.json[\s\S]*timer time limit "nomination_verification" is not in rule set/,
    );
  });
});
