import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/verify-export';

const VECTORS = join(__dirname, '../vectors/audit-export');
const expected = JSON.parse(readFileSync(join(VECTORS, 'expected.json'), 'utf8')) as Record<
  string,
  { problem: { code: string; line: number; caseId?: string } | null }
>;

/**
 * Story: an auditor, offline, runs `npm run verify-export -- export.jsonl --public-key key.pem` on
 * each shipped test vector. The good exports pass (exit 0): a whole one, the same in format
 * version 1, and one scoped to a unit whose cases are proved against the checkpoints; every broken
 * one fails (exit 1) with a line naming the problem, its line and the case; a bad invocation exits
 * 2.
 */
const SOUND = ['good', 'version-1', 'scoped-good'];
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

  test('the good vectors pass', async () => {
    expect(await run('good')).toBe(0);
    expect(await run('version-1')).toBe(0);
    expect(await run('scoped-good')).toBe(0);
    expect(output).toEqual([
      'OK: 2 checkpoints, 3 cases, 11 records verified',
      'OK: 2 checkpoints, 3 cases, 11 records verified',
      'OK: 2 checkpoints, 2 cases, 8 records verified',
    ]);
  });

  test.each(Object.keys(expected).filter((name) => !SOUND.includes(name)))(
    '%s fails, naming the problem',
    async (name) => {
      const problem = expected[name].problem!;
      expect(await run(name)).toBe(1);
      const failure = output.find((line) => line.startsWith('FAILED:'));
      expect(failure).toContain(`FAILED: ${problem.code} at line ${problem.line}`);
      if (problem.caseId) expect(failure).toContain(`case ${problem.caseId}`);
    },
  );

  test('it says how many cases no checkpoint covers yet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-export-'));
    try {
      // The good export as if taken before the first checkpoint: no checkpoint lines.
      const lines = readFileSync(join(VECTORS, 'good.jsonl'), 'utf8').trimEnd().split('\n');
      const footer = { ...JSON.parse(lines[lines.length - 1]), checkpoints: 0 };
      const early = [lines[0], ...lines.slice(3, -1), JSON.stringify(footer)];
      writeFileSync(join(dir, 'early.jsonl'), `${early.join('\n')}\n`);
      expect(await main([join(dir, 'early.jsonl')])).toBe(0);
      expect(output).toContain(
        '3 of the 3 cases began after the last checkpoint: only their own hash chains vouch for them',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

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
