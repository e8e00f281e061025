import { nestedDeeperThan } from '../../src/common/json-depth';

/** The scan that refuses absurd nesting before JSON.parse builds anything. */
describe('nesting depth of a JSON text', () => {
  const objects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const arrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  test.each([
    ['a flat object', '{"a":1,"b":[1,2,3]}', 2, false],
    ['objects at the limit', objects(32), 32, false],
    ['objects one past it', objects(33), 32, true],
    ['arrays one past it', arrays(33), 32, true],
    ['siblings do not add up', `[${Array(100).fill('[[1]]').join(',')}]`, 3, false],
    ['brackets in strings', JSON.stringify({ a: '[[[[[[{{{{{{' }), 1, false],
    ['an escaped quote does not end a string', JSON.stringify({ a: '"[[[[' }), 1, false],
    [
      'an escaped backslash before the closing quote',
      JSON.stringify({ a: '\\', b: [[1]] }),
      2,
      true,
    ],
    ['a text that never ends, too deep', `{"a":${'['.repeat(1000)}`, 32, true],
    ['an unterminated string', '{"a":"[[[[[[[', 1, false],
    ['a bare scalar', '42', 0, false],
  ])('%s', (_label, text, limit, expected) => {
    expect(nestedDeeperThan(text, limit)).toBe(expected);
  });
});
