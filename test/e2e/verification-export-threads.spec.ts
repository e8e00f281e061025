import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyExportFile } from '../../src/verify-export';

const VECTORS = join(__dirname, '../vectors/audit-export');
const publicKey = createPublicKey(readFileSync(join(VECTORS, 'public-key.pem'), 'utf8'));
const vectors = readdirSync(VECTORS)
  .filter((name) => name.endsWith('.jsonl'))
  .map((name) => name.replace(/\.jsonl$/, ''));

/**
 * Story: an auditor verifies a large export; it is read in chunks that worker threads parse and
 * hash ahead of the checks. Whatever the chunking, the outcome is the one of reading it line by
 * line: every shipped vector (sound or broken) gives the same result, the same first problem on
 * the same line, with tiny chunks that cut every line, with blank lines and CRLF line ends, and
 * with a file that ends without a line break.
 */
describe('the offline verifier in worker threads', () => {
  let directory: string;
  beforeAll(() => (directory = mkdtempSync(join(tmpdir(), 'verify-threads-'))));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test.each(vectors)('%s: the same outcome as line by line', async (name) => {
    const file = join(VECTORS, `${name}.jsonl`);
    const alone = await verifyExportFile(file, publicKey, { threads: 0 });
    for (const chunkBytes of [64, 1 << 20]) {
      expect(await verifyExportFile(file, publicKey, { threads: 2, chunkBytes })).toEqual(alone);
    }
  });

  test('blank lines, CRLF, a missing final line break: the same lines, the same outcome', async () => {
    const good = readFileSync(join(VECTORS, 'good.jsonl'), 'utf8').trimEnd().split('\n');
    const variants = {
      crlf: good.join('\r\n') + '\r\n',
      blank: [good[0], '', '   ', ...good.slice(1)].join('\n'),
      // A broken line after blank ones: the line number must count the blank ones.
      malformed: [...good.slice(0, 3), '', '{not json', ...good.slice(3)].join('\n') + '\n',
      cut: good.slice(0, -1).join('\n'),
    };
    for (const [variant, text] of Object.entries(variants)) {
      const file = join(directory, `${variant}.jsonl`);
      writeFileSync(file, text);
      const alone = await verifyExportFile(file, publicKey, { threads: 0 });
      const threaded = await verifyExportFile(file, publicKey, { threads: 2, chunkBytes: 97 });
      expect({ variant, ...threaded }).toEqual({ variant, ...alone });
    }
    const ok = (variant: string) => verifyExportFile(join(directory, `${variant}.jsonl`), null);
    expect((await ok('crlf')).ok).toBe(true);
    expect((await ok('blank')).ok).toBe(true);
    expect((await ok('malformed')).problem).toMatchObject({ code: 'MALFORMED_LINE', line: 5 });
    expect((await ok('cut')).problem).toMatchObject({ code: 'MISSING_FOOTER' });
  });

  test('an altered payload is caught in a thread as line by line: HASH_MISMATCH', async () => {
    const file = join(VECTORS, 'altered-payload.jsonl');
    const result = await verifyExportFile(file, publicKey, { threads: 2, chunkBytes: 128 });
    expect(result.ok).toBe(false);
    expect(result.problem?.code).toBe('HASH_MISMATCH');
  });
});
