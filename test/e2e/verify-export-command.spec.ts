import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/verify-export';

const VECTORS = join(__dirname, '../vectors/audit-export');
const expected = JSON.parse(readFileSync(join(VECTORS, 'expected.json'), 'utf8')) as Record<
  string,
  { problem: { code: string; line: number; caseId?: string } | null }
>;

/**
 * Story: an auditor, offline, runs `npm run verify-export -- export.jsonl --public-key key.pem` on
 * each shipped test vector. The good export passes (exit 0); every broken one fails (exit 1) with
 * a line naming the problem, its line and the case; a bad invocation exits 2.
 */
describe('the offline verifier command', () => {
  let output: string[];
  beforeEach(() => {
    output = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((text: string | Uint8Array) => {
      output.push(String(text).replace(/\n$/, ''));
      return true;
    });
    jest.spyOn(console, 'error').mockImplementation((text: string) => output.push(text));
  });
  afterEach(() => jest.restoreAllMocks());

  const run = (name: string, withKey = true) =>
    main([
      join(VECTORS, `${name}.jsonl`),
      ...(withKey ? ['--public-key', join(VECTORS, 'public-key.pem')] : []),
    ]);

  test('the good vector passes', async () => {
    expect(await run('good')).toBe(0);
    expect(output).toContain('OK: 2 checkpoints, 3 cases, 11 records verified');
  });

  test.each(Object.keys(expected).filter((name) => name !== 'good'))(
    '%s fails, naming the problem',
    async (name) => {
      const problem = expected[name].problem!;
      expect(await run(name)).toBe(1);
      const failure = output.find((line) => line.startsWith('FAILED:'));
      expect(failure).toContain(`FAILED: ${problem.code} at line ${problem.line}`);
      if (problem.caseId) expect(failure).toContain(`case ${problem.caseId}`);
    },
  );

  test('without a key it warns that signatures were not checked', async () => {
    expect(await run('good', false)).toBe(0);
    expect(output).toContain('warning: no --public-key: checkpoint signatures were not checked');
  });

  test('bad invocations exit 2 with the usage', async () => {
    expect(await main([])).toBe(2);
    expect(await main(['a', 'b'])).toBe(2);
    expect(
      await main([join(VECTORS, 'good.jsonl'), '--public-key', join(VECTORS, 'good.jsonl')]),
    ).toBe(2);
    expect(output.some((line) => line.startsWith('usage: verify-export'))).toBe(true);
  });
});
