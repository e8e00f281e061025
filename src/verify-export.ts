import { createPublicKey, type KeyObject } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { AuditExportVerifier, type ExportVerification } from './domain/audit/audit-export';

/**
 * The offline verifier: checks an audit export (JSON Lines) with nothing but the file and the
 * engine's public key: no server, no database, no configuration. A scoped export's inclusion
 * proofs are checked against the signed checkpoints like a full one's heads. The algorithm is in
 * docs/audit-export.md, for auditors who prefer to write their own.
 *
 *   npm run verify-export -- <export.jsonl> [--public-key <key.pem>]
 *
 * Exit 0: sound. Exit 1: the first problem, named (line, case, record, checkpoint). Exit 2: usage.
 */
export async function verifyExportFile(
  file: string,
  publicKey: KeyObject | null,
): Promise<ExportVerification> {
  const verifier = new AuditExportVerifier(publicKey);
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let count = 0;
  for await (const line of lines) {
    count += 1;
    verifier.accept(line, count);
    if (verifier.failed) {
      lines.close();
      break;
    }
  }
  return verifier.finish(count);
}

export async function main(args: string[] = process.argv.slice(2)): Promise<number> {
  let file: string;
  let publicKey: KeyObject | null = null;
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { 'public-key': { type: 'string' } },
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new Error('give exactly one export file');
    file = positionals[0];
    const keyFile = values['public-key'];
    if (keyFile !== undefined) {
      publicKey = createPublicKey(readFileSync(keyFile, 'utf8'));
      if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('the key is not Ed25519');
    }
  } catch (error) {
    console.error(`verify-export: ${(error as Error).message}`);
    console.error('usage: verify-export <export.jsonl> [--public-key <key.pem>]');
    return 2;
  }
  const result = await verifyExportFile(file, publicKey);
  if (publicKey === null) {
    console.error('warning: no --public-key: checkpoint signatures were not checked');
  }
  const counts = `${result.checkpoints} checkpoints, ${result.cases} cases, ${result.events} records`;
  if (result.ok) {
    process.stdout.write(`OK: ${counts} verified\n`);
    const unsigned = result.cases - result.signedCases;
    if (unsigned > 0) {
      process.stdout.write(
        `${unsigned} of the ${result.cases} cases began after the last checkpoint: ` +
          'only their own hash chains vouch for them\n',
      );
    }
    return 0;
  }
  const p = result.problem!;
  const where = [
    `line ${p.line}`,
    p.caseId && `case ${p.caseId}`,
    p.seq !== undefined && `record ${p.seq}`,
    p.checkpoint !== undefined && `checkpoint ${p.checkpoint}`,
  ]
    .filter(Boolean)
    .join(', ');
  process.stdout.write(`FAILED: ${p.code} at ${where}: ${p.message} (before it: ${counts} read)\n`);
  return 1;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(`verify-export: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
}
