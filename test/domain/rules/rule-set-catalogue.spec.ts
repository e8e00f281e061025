import { canonicalJson, sha256Hex } from '../../../src/domain/audit/canonical-json';
import type { RuleSet } from '../../../src/domain/rules/rule-set';
import {
  RuleSetCatalogue,
  RuleSetNotFoundError,
  ruleSetHash,
  type RuleSetFile,
} from '../../../src/domain/rules/rule-set-catalogue';
import { minimal } from './sample-rule-set';

/*
 * A decision records the rule set's id, version and content hash, so the hash must depend on the
 * rules only (not on formatting), and the catalogue must say which rule set governs on a given day.
 */

function file(ruleSet: RuleSet, space?: number): RuleSetFile {
  return {
    source: `data/rulesets/${ruleSet.id}.v${ruleSet.version}.json`,
    text: JSON.stringify(ruleSet, null, space),
  };
}

function variant(id: string, version: number, validFrom: string): RuleSet {
  return { ...minimal(), id, version, validFrom };
}

/** Reverses the key order of every object, as an editor that sorts keys differently would. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, child]) => [key, reordered(child)]),
  );
}

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

describe('the content hash', () => {
  const hashOf = (text: string) =>
    RuleSetCatalogue.load([{ source: 'data/rulesets/sample.v1.json', text }]).get('sample', 1).hash;

  test('is SHA-256 of the RFC 8785 canonical JSON', () => {
    const expected = sha256Hex(canonicalJson(minimal()));
    expect(ruleSetHash(minimal())).toBe(expected);
    expect(hashOf(file(minimal()).text)).toBe(expected);
  });

  test.each([
    ['indented with two spaces', () => JSON.stringify(minimal(), null, 2)],
    ['indented with tabs', () => JSON.stringify(minimal(), null, '\t')],
    ['with keys in another order', () => JSON.stringify(reordered(minimal()), null, 4)],
    ['with CRLF line ends', () => JSON.stringify(minimal(), null, 2).replace(/\n/g, '\r\n')],
  ])('does not change when the file is %s', (_label, text) => {
    expect(hashOf(text())).toBe(hashOf(JSON.stringify(minimal())));
  });

  test.each<[string, (r: RuleSet) => void]>([
    ['a vote ratio', (r) => (r.awards[0].councilVote.ratio = 0.75)],
    [
      'a confirmed flag',
      (r) => {
        r.awards[0].grantor.confirmed = false;
        r.awards[0].grantor.note = { vi: 'Giá trị mặc định', en: 'Configurable default' };
      },
    ],
    ['a source provision', (r) => (r.awards[0].source[0].provision = 'Art 2')],
    ['a Vietnamese name', (r) => (r.awards[0].name.vi = 'Lao động tiên tiến')],
    ['the order of awards', (r) => r.awards.reverse()],
  ])('changes when %s changes', (_label, mutate) => {
    const changed = minimal();
    mutate(changed);
    expect(hashOf(JSON.stringify(changed))).not.toBe(hashOf(JSON.stringify(minimal())));
  });
});

describe('looking rule sets up', () => {
  const catalogue = RuleSetCatalogue.load([
    file(variant('national', 1, '2024-01-01')),
    file(variant('national', 2, '2025-07-01')),
    file(variant('national', 3, '2025-07-01')),
    file(variant('province', 1, '2026-01-01')),
  ]);

  test('lists every rule set by id, then version', () => {
    expect(catalogue.all().map(({ ruleSet }) => `${ruleSet.id}@${ruleSet.version}`)).toEqual([
      'national@1',
      'national@2',
      'national@3',
      'province@1',
    ]);
  });

  test('finds a rule set by id and version', () => {
    const { ruleSet, hash } = catalogue.get('national', 2);
    expect(ruleSet.validFrom).toBe('2025-07-01');
    expect(hash).toBe(ruleSetHash(variant('national', 2, '2025-07-01')));
  });

  test.each([
    ['national', 4],
    ['national', 0],
    ['ministry', 1],
  ])('reports %s version %i as not found', (id, version) => {
    const error = thrownBy(() => catalogue.get(id, version));
    expect(error).toBeInstanceOf(RuleSetNotFoundError);
    expect(error).toMatchObject({ code: 'RULESET.NOT_FOUND', kind: 'not_found' });
  });

  test.each([
    ['2024-01-01', 'national@1'],
    ['2025-06-30', 'national@1'],
    ['2025-07-01', 'national@3'],
    ['2025-12-31', 'national@3'],
    ['2026-01-01', 'province@1'],
    ['2030-05-19', 'province@1'],
    [undefined, 'province@1'],
  ])('on %s the rules in force are %s', (asOf, expected) => {
    const { ruleSet } = catalogue.latest(asOf);
    expect(`${ruleSet.id}@${ruleSet.version}`).toBe(expected);
  });

  test('has no rules in force before the first start', () => {
    const error = thrownBy(() => catalogue.latest('2023-12-31'));
    expect(error).toBeInstanceOf(RuleSetNotFoundError);
    expect((error as RuleSetNotFoundError).details).toEqual({ asOf: '2023-12-31' });
  });

  test('has no rules at all when nothing is loaded', () => {
    expect(thrownBy(() => RuleSetCatalogue.load([]).latest())).toBeInstanceOf(RuleSetNotFoundError);
  });

  test.each(['2025-02-30', '01/07/2025', '2025-7-1'])('refuses the date %s', (asOf) => {
    expect(thrownBy(() => catalogue.latest(asOf))).toBeInstanceOf(TypeError);
  });
});
