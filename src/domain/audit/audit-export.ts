import type { KeyObject } from 'node:crypto';
import { GENESIS_HASH, hashOf, hashedContentText, type AuditRecord } from './audit-record';
import { sha256Hex } from './canonical-json';
import {
  CHECKPOINT_TREE_VERSION,
  checkpointHash,
  checkpointRoot,
  compareCaseIds,
  leafOrder,
  signatureIsValid,
  type ChainHead,
  type Checkpoint,
} from './checkpoint';
import {
  inclusionProofsInLeafOrder,
  proofLeadsToRoot,
  type InclusionProof,
} from './inclusion-proof';

/**
 * The audit export (JSON Lines, one object a line), and its verification: an auditor can check an
 * export with nothing but the file and the engine's public key. The format, in order:
 *
 *   1. one `header`: { kind, format, version, exportedAt, complete, filter }
 *   2. every `checkpoint`, by seq: the checkpoint fields plus either `heads`: [caseId, seq, hash][]
 *      (every case's head: an organisation-wide export) or `proofs`: InclusionProof[] (only the
 *      cases the export covers, each proved against the signed root: a scoped export, which must
 *      not show other cases)
 *   3. every `event` (an audit record plus `kind`), by case id (byte order), then seq
 *   4. one `footer`: { kind, checkpoints, cases, events }
 *
 * Checking it (docs/audit-export.md says the same in prose):
 *   - each checkpoint's hash is SHA-256 of the canonical JSON of its body, its prevHash is the
 *     previous one's hash (zeros for the first), its Ed25519 signature verifies under the public
 *     key, and its Merkle root is recomputed from its heads, or reached by every proof;
 *   - each case's records run seq 1, 2, 3… with prevHash links and hashes that recompute;
 *   - every head a checkpoint signed is found in the export with the same hash (a case cut short
 *     is TRUNCATED, another record there is FORKED, a case absent from a complete export MISSING);
 *   - the footer's counts match what was read (a file cut short is caught).
 *
 * Version 1 (heads only) is still read. A checkpoint line lists its heads (or proves them) in its
 * leaf order, which for a version 2 checkpoint (checkpoint.ts) is not the case ids' order.
 */
export const EXPORT_FORMAT = 'thidua.audit-export';
export const EXPORT_VERSION = 2;
const READABLE_VERSIONS: readonly number[] = [1, EXPORT_VERSION];

export interface ExportHeader {
  kind: 'header';
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  /**
   * True when every case a checkpoint line names (its heads or its proofs) must be in the export
   * with all its records: no filter picked records rather than cases.
   */
  complete: boolean;
  filter: Record<string, unknown>;
}

export type HeadTuple = [caseId: string, seq: number, hash: string];

export type ExportCheckpoint = Checkpoint & { kind: 'checkpoint' } & (
    { heads: HeadTuple[]; proofs?: undefined } | { proofs: InclusionProof[]; heads?: undefined }
  );

export interface ExportEvent extends AuditRecord {
  kind: 'event';
}

export interface ExportFooter {
  kind: 'footer';
  checkpoints: number;
  cases: number;
  events: number;
}

export type ExportLine = ExportHeader | ExportCheckpoint | ExportEvent | ExportFooter;

export function eventLine(record: AuditRecord): ExportEvent {
  return { kind: 'event', ...record };
}

const CANONICAL_LINE_HEAD = '{"kind":"event",';
const CANONICAL_LINE_HASH = ',"hash":"';
/** `,"hash":"` + 64 hex digits + `"}`. */
const CANONICAL_LINE_TAIL_LENGTH = CANONICAL_LINE_HASH.length + 64 + 2;

/**
 * The event line in canonical layout: `{"kind":"event",` + the members of the record's hashed
 * text (RFC 8785, as hashed) + `,"hash":"…"}`. The same JSON object as eventLine's, in another
 * key order, and one a verifier checks with a SHA-256 over part of the line, without
 * re-serialising the record (sealedCanonicalLine).
 */
export function canonicalEventLineText(record: AuditRecord): string {
  const content = hashedContentText(record);
  return `${CANONICAL_LINE_HEAD}${content.slice(1, -1)}${CANONICAL_LINE_HASH}${record.hash}"}`;
}

/**
 * Whether an event line in canonical layout carries the content its hash was computed over.
 * True only when the text between the head and the hash, as an object, hashes to the line's hash:
 * then that text is a sealed record's canonical JSON, whose keys never include "kind" or "hash", so
 * the line parses to exactly that record plus kind and hash. False for any other line (other key
 * order, spaces, a changed value…), which the caller then checks the general way (hashOf). As
 * with sealedByStoredText, the two agree for every hash the engine sealed (so for every record a
 * signed head vouches for, through the links); they can differ only for a hash someone else
 * recomputed over non-canonical text, which, like one recomputed over canonical text, only the
 * links and the checkpoints can catch.
 */
export function sealedCanonicalLine(text: string): boolean {
  const tailAt = text.length - CANONICAL_LINE_TAIL_LENGTH;
  if (
    tailAt <= CANONICAL_LINE_HEAD.length ||
    !text.startsWith(CANONICAL_LINE_HEAD) ||
    !text.startsWith(CANONICAL_LINE_HASH, tailAt) ||
    !text.endsWith('"}')
  ) {
    return false;
  }
  const hash = text.slice(text.length - 66, text.length - 2);
  return sha256Hex(`{${text.slice(CANONICAL_LINE_HEAD.length, tailAt)}}`) === hash;
}

/** A checkpoint with every case's head: for an organisation-wide export. */
export function checkpointLine(
  checkpoint: Checkpoint,
  heads: readonly ChainHead[],
): ExportCheckpoint {
  const tuples = leafOrder(checkpoint, heads).map((h): HeadTuple => [h.caseId, h.seq, h.hash]);
  return { kind: 'checkpoint', ...checkpoint, heads: tuples };
}

/**
 * A checkpoint with proofs for the heads of the cases `covers` accepts, and nothing about any
 * other case: for an export scoped to some units or cases.
 */
export function provedCheckpointLine(
  checkpoint: Checkpoint,
  heads: readonly ChainHead[],
  covers: (caseId: string) => boolean,
): ExportCheckpoint {
  const proofs = inclusionProofsInLeafOrder(leafOrder(checkpoint, heads), covers);
  return { kind: 'checkpoint', ...checkpoint, proofs };
}

export type ExportProblemCode =
  | 'MALFORMED_LINE'
  | 'MISSING_HEADER'
  | 'UNSUPPORTED_FORMAT'
  | 'OUT_OF_ORDER'
  | 'CHECKPOINT_HASH_MISMATCH'
  | 'CHECKPOINT_CHAIN_BROKEN'
  | 'CHECKPOINT_ROOT_MISMATCH'
  | 'CHECKPOINT_PROOF_INVALID'
  | 'CHECKPOINT_UNSIGNED'
  | 'CHECKPOINT_SIGNATURE_INVALID'
  | 'SEQUENCE_GAP'
  | 'PREV_HASH_MISMATCH'
  | 'HASH_MISMATCH'
  | 'CASE_FORKED'
  | 'CASE_TRUNCATED'
  | 'CASE_MISSING'
  | 'COUNT_MISMATCH'
  | 'MISSING_FOOTER';

export interface ExportProblem {
  code: ExportProblemCode;
  /** 1-based line of the file where it was found (the footer's line for end-of-file checks). */
  line: number;
  caseId?: string;
  seq?: number;
  checkpoint?: number;
  message: string;
}

export interface ExportVerification {
  ok: boolean;
  problem: ExportProblem | null;
  checkpoints: number;
  cases: number;
  /** Of those cases, how many a checkpoint in the file signed (the rest are newer than the last). */
  signedCases: number;
  events: number;
}

interface CaseProgress {
  caseId: string;
  lastSeq: number;
  lastHash: string;
}

/** A record's hash: SHA-256 in hex. */
export const SEALED_RUN_HASH_LENGTH = 64;

/**
 * Consecutive event lines of one case that a thread reading ahead has already checked among
 * themselves: each one's hash is that of its content, and each follows the one before it (seq
 * one more, prevHash its hash). Left to check: how the first meets what came before it, and each
 * against the heads the checkpoints signed (AuditExportVerifier.acceptRun).
 */
export interface SealedRun {
  caseId: string;
  firstSeq: number;
  /** The first line's prevHash. */
  prevHash: string;
  /** The lines' hashes one after the other, SEALED_RUN_HASH_LENGTH characters each. */
  hashes: string;
}

/**
 * Verifies an export line by line, in constant memory apart from the checkpoints' heads: feed it
 * each line, then ask for the result. It stops at the first problem and names it.
 */
export class AuditExportVerifier {
  private problem: ExportProblem | null = null;
  private header: ExportHeader | null = null;
  private footerSeen = false;
  private lastCheckpoint: Checkpoint | null = null;
  private checkpoints = 0;
  private cases = 0;
  private signedCases = 0;
  private events = 0;
  private current: CaseProgress | null = null;
  /** caseId → seq → [hash, checkpoint seq]: what the checkpoints signed. */
  private readonly signed = new Map<string, Map<number, [string, number]>>();
  private readonly seen = new Set<string>();

  constructor(private readonly publicKey: KeyObject | null) {}

  get failed(): boolean {
    return this.problem !== null;
  }

  accept(text: string, line: number): void {
    if (this.problem !== null || text.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return this.malformed(line);
    }
    this.acceptParsed(parsed, line, sealedCanonicalLine(text) || undefined);
  }

  /** A line that is not JSON (read elsewhere, e.g. by a thread parsing lines ahead). */
  malformed(line: number): void {
    this.fail({ code: 'MALFORMED_LINE', line, message: 'not valid JSON' });
  }

  /**
   * A line already parsed. For an event, `contentSealed` may say whether its hash is that of its
   * content (hashOf(line) === line.hash), worked out by a thread ahead of the sequential checks;
   * then `parsed` needs only kind, caseId, seq, prevHash and hash. Left out, it is worked out here.
   */
  acceptParsed(parsed: unknown, line: number, contentSealed?: boolean): void {
    if (this.problem !== null) return;
    const kind = (parsed as { kind?: unknown })?.kind;
    if (this.header === null && kind !== 'header') {
      return this.fail({
        code: 'MISSING_HEADER',
        line,
        message: 'the first line must be the header',
      });
    }
    if (this.footerSeen) {
      return this.fail({ code: 'OUT_OF_ORDER', line, message: 'a line after the footer' });
    }
    switch (kind) {
      case 'header':
        return this.acceptHeader(parsed as ExportHeader, line);
      case 'checkpoint':
        return this.acceptCheckpoint(parsed as ExportCheckpoint, line);
      case 'event':
        return this.acceptEvent(parsed as ExportEvent, line, contentSealed);
      case 'footer':
        return this.acceptFooter(parsed as ExportFooter, line);
      default:
        return this.fail({ code: 'MALFORMED_LINE', line, message: `unknown kind ${String(kind)}` });
    }
  }

  /**
   * The event lines of a SealedRun, the first on line `line`: the outcome is acceptParsed's for
   * each in turn. The first is checked in full; of the others (whose order, links and hashes the
   * thread checked) only the heads the checkpoints signed are left to compare.
   */
  acceptRun(run: SealedRun, line: number): void {
    const { caseId, firstSeq, prevHash, hashes } = run;
    const hashAt = (index: number) =>
      hashes.slice(index * SEALED_RUN_HASH_LENGTH, (index + 1) * SEALED_RUN_HASH_LENGTH);
    const count = hashes.length / SEALED_RUN_HASH_LENGTH;
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`a run holds whole hashes, at least one (${hashes.length} characters)`);
    }
    this.acceptParsed(
      { kind: 'event', caseId, seq: firstSeq, prevHash, hash: hashAt(0) },
      line,
      true,
    );
    if (this.problem !== null || count === 1) return;
    // The lines accepted, as acceptEvent counts them: up to the first a checkpoint forked.
    let accepted = count;
    const signed = this.signed.get(caseId);
    for (let index = 1; signed !== undefined && index < count; index++) {
      const at = { line: line + index, caseId, seq: firstSeq + index };
      if (this.forkedAt(signed, at, hashAt(index))) {
        accepted = index;
        break;
      }
    }
    const progress = this.current!;
    progress.lastSeq = firstSeq + accepted - 1;
    progress.lastHash = hashAt(accepted - 1);
    this.events += accepted - 1;
  }

  /** Call after the last line; `lines` is how many lines were read. */
  finish(lines: number): ExportVerification {
    if (this.problem === null && !this.footerSeen) {
      this.fail({
        code: 'MISSING_FOOTER',
        line: lines,
        message: 'the file ends without its footer: it was cut short',
      });
    }
    return {
      ok: this.problem === null,
      problem: this.problem,
      checkpoints: this.checkpoints,
      cases: this.cases,
      signedCases: this.signedCases,
      events: this.events,
    };
  }

  private acceptHeader(header: ExportHeader, line: number): void {
    if (this.header !== null) {
      return this.fail({ code: 'OUT_OF_ORDER', line, message: 'a second header' });
    }
    if (header.format !== EXPORT_FORMAT || !READABLE_VERSIONS.includes(header.version)) {
      return this.fail({
        code: 'UNSUPPORTED_FORMAT',
        line,
        message: `expected ${EXPORT_FORMAT} version ${READABLE_VERSIONS.join(' or ')}`,
      });
    }
    this.header = header;
  }

  private acceptCheckpoint(checkpoint: ExportCheckpoint, line: number): void {
    const at = { line, checkpoint: checkpoint.seq };
    if (this.current !== null) {
      return this.fail({ ...at, code: 'OUT_OF_ORDER', message: 'checkpoints come before events' });
    }
    const expectedSeq = (this.lastCheckpoint?.seq ?? 0) + 1;
    if (checkpoint.seq !== expectedSeq) {
      return this.fail({
        ...at,
        code: 'CHECKPOINT_CHAIN_BROKEN',
        message: `checkpoint ${expectedSeq} expected, found ${checkpoint.seq}`,
      });
    }
    if (checkpoint.prevHash !== (this.lastCheckpoint?.hash ?? GENESIS_HASH)) {
      return this.fail({
        ...at,
        code: 'CHECKPOINT_CHAIN_BROKEN',
        message: 'prevHash is not the previous checkpoint’s hash',
      });
    }
    if (checkpointHash(checkpoint) !== checkpoint.hash) {
      return this.fail({
        ...at,
        code: 'CHECKPOINT_HASH_MISMATCH',
        message: 'the checkpoint’s content does not match its hash',
      });
    }
    if (this.publicKey !== null) {
      if (checkpoint.signature === null) {
        return this.fail({ ...at, code: 'CHECKPOINT_UNSIGNED', message: 'no signature' });
      }
      if (!signatureIsValid(checkpoint, this.publicKey)) {
        return this.fail({
          ...at,
          code: 'CHECKPOINT_SIGNATURE_INVALID',
          message: 'the signature does not verify under the given public key',
        });
      }
    }
    const signed = this.signedHeadsOf(checkpoint, line);
    if (signed === null) return;
    for (const head of signed) {
      let bySeq = this.signed.get(head.caseId);
      if (bySeq === undefined) this.signed.set(head.caseId, (bySeq = new Map()));
      bySeq.set(head.seq, [head.hash, checkpoint.seq]);
    }
    this.lastCheckpoint = checkpoint;
    this.checkpoints += 1;
  }

  private acceptEvent(record: ExportEvent, line: number, contentSealed?: boolean): void {
    const { caseId, seq } = record;
    const at = { line, caseId, seq };
    if (this.current === null || this.current.caseId !== caseId) {
      if (this.current !== null && compareCaseIds(caseId, this.current.caseId) < 0) {
        return this.fail({
          ...at,
          code: 'OUT_OF_ORDER',
          message: 'cases must come in case-id order, each case’s records together',
        });
      }
      if (this.current !== null && !this.closeCase(line)) return;
      if (this.seen.has(caseId)) {
        return this.fail({ ...at, code: 'OUT_OF_ORDER', message: 'the case’s records are split' });
      }
      this.seen.add(caseId);
      this.current = { caseId, lastSeq: 0, lastHash: GENESIS_HASH };
      this.cases += 1;
      if (this.signed.has(caseId)) this.signedCases += 1;
    }
    const progress = this.current;
    if (seq !== progress.lastSeq + 1) {
      return this.fail({
        ...at,
        seq: progress.lastSeq + 1,
        code: 'SEQUENCE_GAP',
        message: `record ${progress.lastSeq + 1} expected, found ${seq}`,
      });
    }
    if (record.prevHash !== progress.lastHash) {
      return this.fail({ ...at, code: 'PREV_HASH_MISMATCH', message: 'prevHash breaks the chain' });
    }
    if (!(contentSealed ?? hashOf(record) === record.hash)) {
      return this.fail({
        ...at,
        code: 'HASH_MISMATCH',
        message: 'the record’s content does not match its hash',
      });
    }
    const signed = this.signed.get(caseId);
    if (signed !== undefined && this.forkedAt(signed, at, record.hash)) return;
    progress.lastSeq = seq;
    progress.lastHash = record.hash;
    this.events += 1;
  }

  /**
   * Fails, and says so, when a checkpoint signed another record than `hash` at this position of
   * the case (`signed`: what the checkpoints signed of it).
   */
  private forkedAt(
    signed: Map<number, [string, number]>,
    at: { line: number; caseId: string; seq: number },
    hash: string,
  ): boolean {
    const position = signed.get(at.seq);
    if (position === undefined || position[0] === hash) return false;
    this.fail({
      ...at,
      checkpoint: position[1],
      code: 'CASE_FORKED',
      message: `checkpoint ${position[1]} signed another record at this position`,
    });
    return true;
  }

  /**
   * The heads a checkpoint line shows as signed: all of them, which must give the root and the
   * counts, or some, each of whose proofs must lead to the root. Null once a problem is recorded.
   */
  private signedHeadsOf(checkpoint: ExportCheckpoint, line: number): ChainHead[] | null {
    const at = { line, checkpoint: checkpoint.seq };
    const { heads, proofs } = checkpoint as { heads?: unknown; proofs?: unknown };
    const version = this.header?.version;
    if (proofs === undefined && Array.isArray(heads) && heads.every(isHeadTuple)) {
      const listed = heads.map(([caseId, seq, hash]) => ({ caseId, seq, hash }));
      const eventCount = listed.reduce((sum, head) => sum + head.seq, 0);
      if (
        checkpointRoot(checkpoint, listed) !== checkpoint.root ||
        new Set(listed.map((head) => head.caseId)).size !== listed.length ||
        listed.length !== checkpoint.caseCount ||
        eventCount !== checkpoint.eventCount
      ) {
        this.fail({
          ...at,
          code: 'CHECKPOINT_ROOT_MISMATCH',
          message: 'the heads listed do not give the signed Merkle root and counts',
        });
        return null;
      }
      return listed;
    }
    if (
      heads !== undefined ||
      version === 1 ||
      !Array.isArray(proofs) ||
      !proofs.every(isInclusionProof)
    ) {
      this.fail({
        ...at,
        code: 'MALFORMED_LINE',
        message:
          version === 1
            ? 'a version 1 checkpoint lists every head ("heads")'
            : 'a checkpoint lists every head ("heads") or proves some ("proofs"): one of them, well formed',
      });
      return null;
    }
    let previous: InclusionProof | null = null;
    const proved = new Set<string>();
    for (const proof of proofs) {
      const where = { ...at, caseId: proof.caseId, seq: proof.seq };
      // Version 1 leaves are in case-id order, so proofs in leaf order are in case-id order too: a
      // case proved twice, or two proofs claiming each other's places, cannot both be right.
      // Version 2 leaves are not, so a case proved twice is refused by name.
      const outOfOrder =
        checkpoint.version === CHECKPOINT_TREE_VERSION
          ? proved.has(proof.caseId)
          : previous !== null && compareCaseIds(proof.caseId, previous.caseId) <= 0;
      proved.add(proof.caseId);
      if (outOfOrder || (previous !== null && proof.leafIndex <= previous.leafIndex)) {
        this.fail({
          ...where,
          code: 'CHECKPOINT_PROOF_INVALID',
          message: 'proofs must come in leaf order, one per case',
        });
        return null;
      }
      if (!proofLeadsToRoot(proof, checkpoint.caseCount, checkpoint.root)) {
        this.fail({
          ...where,
          code: 'CHECKPOINT_PROOF_INVALID',
          message: `the proof of this head does not lead to the signed root of checkpoint ${checkpoint.seq}`,
        });
        return null;
      }
      previous = proof;
    }
    return proofs.map(({ caseId, seq, hash }) => ({ caseId, seq, hash }));
  }

  /** A case's records are over: every head signed for it must have been reached. */
  private closeCase(line: number): boolean {
    const progress = this.current!;
    for (const [seq, [, checkpoint]] of this.signed.get(progress.caseId) ?? []) {
      if (seq > progress.lastSeq) {
        this.fail({
          line,
          caseId: progress.caseId,
          seq,
          checkpoint,
          code: 'CASE_TRUNCATED',
          message: `checkpoint ${checkpoint} signed record ${seq}; the export ends at ${progress.lastSeq}`,
        });
        return false;
      }
    }
    return true;
  }

  private acceptFooter(footer: ExportFooter, line: number): void {
    if (this.current !== null && !this.closeCase(line)) return;
    this.footerSeen = true;
    if (this.header?.complete) {
      for (const [caseId, bySeq] of this.signed) {
        if (!this.seen.has(caseId)) {
          const [seq, [, checkpoint]] = [...bySeq][0];
          return this.fail({
            line,
            caseId,
            seq,
            checkpoint,
            code: 'CASE_MISSING',
            message: `checkpoint ${checkpoint} signed this case; it is not in the export`,
          });
        }
      }
    }
    const counts = { checkpoints: this.checkpoints, cases: this.cases, events: this.events };
    if (
      footer.checkpoints !== counts.checkpoints ||
      footer.cases !== counts.cases ||
      footer.events !== counts.events
    ) {
      this.fail({
        line,
        code: 'COUNT_MISMATCH',
        message: `the footer says ${footer.checkpoints}/${footer.cases}/${footer.events} checkpoints/cases/events; read ${counts.checkpoints}/${counts.cases}/${counts.events}`,
      });
    }
  }

  private fail(problem: ExportProblem): void {
    this.problem ??= problem;
  }
}

const HEX_HASH = /^[0-9a-f]{64}$/;

const isPosition = (seq: unknown): seq is number => Number.isSafeInteger(seq) && Number(seq) >= 1;

function isHeadTuple(value: unknown): value is HeadTuple {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === 'string' &&
    isPosition(value[1]) &&
    typeof value[2] === 'string'
  );
}

function isInclusionProof(value: unknown): value is InclusionProof {
  const proof = value as Partial<InclusionProof> | null;
  return (
    typeof proof === 'object' &&
    proof !== null &&
    typeof proof.caseId === 'string' &&
    isPosition(proof.seq) &&
    typeof proof.hash === 'string' &&
    Number.isSafeInteger(proof.leafIndex) &&
    Array.isArray(proof.path) &&
    proof.path.every((sibling) => typeof sibling === 'string' && HEX_HASH.test(sibling))
  );
}
