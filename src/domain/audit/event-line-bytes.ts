import { hash as digest } from 'node:crypto';
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from '../json-syntax';

/** What the sequential checks of an export read of an event line whose hash is proved already. */
export interface SealedEventFields {
  kind: 'event';
  caseId: string;
  seq: number;
  prevHash: string;
  hash: string;
}

const ascii = (text: string) => Uint8Array.from(text, (character) => character.charCodeAt(0));

/**
 * The members an object may have, by position: the line's record (the hashed members in the
 * hashed text's order, RFC 8785's order of keys, then the line's own two), the actor's and the
 * workflow's (each in its hashed order).
 */
const LINE_KEYS = [
  'actor',
  'at',
  'caseId',
  'eventType',
  'facts',
  'fromState',
  'payload',
  'prevHash',
  'seq',
  'toState',
  'workflow',
  'kind',
  'hash',
] as const;
const HASHED_COUNT = 11;
const [ACTOR, , CASE_ID, , FACTS, , , PREV_HASH, SEQ, , WORKFLOW, KIND, HASH] = LINE_KEYS.map(
  (_, index) => index,
);
const ACTOR_KEYS = ['role', 'userId', 'username'] as const;
const WORKFLOW_KEYS = ['hash', 'id', 'version'] as const;

interface Keys {
  /** Each key with its quotes, as bytes. */
  quoted: Uint8Array[];
  /** `{"key":` for the first member of the hashed text, `,"key":` for the others. */
  first: Uint8Array[];
  next: Uint8Array[];
}
const keysOf = (keys: readonly string[]): Keys => ({
  quoted: keys.map((key) => ascii(`"${key}"`)),
  first: keys.map((key) => ascii(`{"${key}":`)),
  next: keys.map((key) => ascii(`,"${key}":`)),
});
const LINE = keysOf(LINE_KEYS);
const ACTOR_OBJECT = keysOf(ACTOR_KEYS);
const WORKFLOW_OBJECT = keysOf(WORKFLOW_KEYS);
const EVENT = ascii('"event"');
const HEX_HASH = /^"[0-9a-f]{64}"$/;
const PLAIN_STRING = /^"[\x20-\x21\x23-\x5b\x5d-\x7e]*"$/;
const PLAIN_INTEGER = /^(0|[1-9][0-9]{0,15})$/;

/**
 * Where each member's value starts and ends in the line ([start, end), -1: absent), by key
 * position; one set for the line and one for each nested object, reused line after line (lines
 * are proved one at a time).
 */
class Spans {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  constructor(size: number) {
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
  }
}
const LINE_SPANS = new Spans(LINE_KEYS.length);
const ACTOR_SPANS = new Spans(3);
const WORKFLOW_SPANS = new Spans(3);
/** The hashed text is never longer than its line (the same members, less kind and hash). */
let hashedText = new Uint8Array(64 * 1024);

/**
 * An export's event line (either layout: eventLine's or canonicalEventLineText's) proved from its
 * bytes, without decoding its UTF-8 or parsing its payload and facts: the line's members are
 * found by a scan of its brackets and strings, the record's hashed text is put together from
 * their bytes in the canonical order (as assembledText writes it), and its SHA-256 must be the
 * line's hash. Returns the fields the sequential checks need; null for any other line (not an
 * event, members other than a record's, spaces between them, a hash that does not match, an id
 * that is not plain ASCII), which the caller then reads the general way, the authority. Decoding
 * and parsing the Vietnamese text of a record's facts cost several times the SHA-256.
 *
 * Why a match proves the line says the sealed record: the sealed text is the canonical JSON of
 * the record, so its members sit at depth one, where no string and no nested value can hide a
 * separator. Each span this scan cuts is balanced (its brackets close within it, its strings end
 * in it), so the text put together has its member boundaries at depth one too: the same
 * boundaries a JSON parser finds in the sealed text. Equal hashes (equal bytes) then mean each
 * member's bytes are the sealed member's, and the ids, seq and hashes read from them are the
 * sealed ones. A line that is not valid JSON cannot match: the sealed text is.
 */
export function sealedEventLineBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
): SealedEventFields | null {
  if (membersEnd(bytes, start, end, LINE, LINE_SPANS) !== end) return null;
  const { starts, ends } = LINE_SPANS;
  for (let key = 0; key < LINE_KEYS.length; key++) {
    if (starts[key] === -1 && key !== FACTS) return null;
  }
  if (!spells(bytes, starts[KIND], ends[KIND], EVENT)) return null;
  if (
    membersEnd(bytes, starts[ACTOR], ends[ACTOR], ACTOR_OBJECT, ACTOR_SPANS) !== ends[ACTOR] ||
    !allPresent(ACTOR_SPANS) ||
    membersEnd(bytes, starts[WORKFLOW], ends[WORKFLOW], WORKFLOW_OBJECT, WORKFLOW_SPANS) !==
      ends[WORKFLOW] ||
    !allPresent(WORKFLOW_SPANS)
  ) {
    return null;
  }
  const caseId = text(bytes, starts[CASE_ID], ends[CASE_ID]);
  const prevHash = text(bytes, starts[PREV_HASH], ends[PREV_HASH]);
  const hash = text(bytes, starts[HASH], ends[HASH]);
  const seq = text(bytes, starts[SEQ], ends[SEQ]);
  if (
    !PLAIN_STRING.test(caseId) ||
    !PLAIN_STRING.test(prevHash) ||
    !HEX_HASH.test(hash) ||
    !PLAIN_INTEGER.test(seq)
  ) {
    return null;
  }

  if (hashedText.length < end - start) hashedText = new Uint8Array(2 * (end - start));
  let length = 0;
  const append = (from: number, to: number) => {
    if (to - from > 64) {
      hashedText.set(bytes.subarray(from, to), length);
      length += to - from;
    } else {
      // Short spans (ids, states, numbers) byte by byte: a subarray for each costs more.
      for (let i = from; i < to; i++) hashedText[length++] = bytes[i];
    }
  };
  const appendAll = (part: Uint8Array) => {
    hashedText.set(part, length);
    length += part.length;
  };
  const appendObject = (object: Keys, spans: Spans) => {
    for (let key = 0; key < 3; key++) {
      appendAll(key === 0 ? object.first[key] : object.next[key]);
      append(spans.starts[key], spans.ends[key]);
    }
    hashedText[length++] = CLOSE_BRACE;
  };
  for (let key = 0; key < HASHED_COUNT; key++) {
    if (starts[key] === -1) continue;
    appendAll(key === ACTOR ? LINE.first[key] : LINE.next[key]);
    if (key === ACTOR) appendObject(ACTOR_OBJECT, ACTOR_SPANS);
    else if (key === WORKFLOW) appendObject(WORKFLOW_OBJECT, WORKFLOW_SPANS);
    else append(starts[key], ends[key]);
  }
  hashedText[length++] = CLOSE_BRACE;
  const unquoted = (quoted: string) => quoted.slice(1, -1);
  if (digest('sha256', hashedText.subarray(0, length), 'hex') !== unquoted(hash)) return null;
  return {
    kind: 'event',
    caseId: unquoted(caseId),
    seq: Number(seq),
    prevHash: unquoted(prevHash),
    hash: unquoted(hash),
  };
}

/**
 * Scans the object whose `{` is at bytes[start], written without spaces, into `spans` (each of
 * its keys must be one of `keys`, spelled plainly, and none twice). Returns the index just after
 * its `}`, or -1 if it is not such an object or runs past `limit`.
 */
function membersEnd(
  bytes: Uint8Array,
  start: number,
  limit: number,
  keys: Keys,
  spans: Spans,
): number {
  spans.starts.fill(-1);
  if (bytes[start] !== OPEN_BRACE) return -1;
  let at = start + 1;
  for (;;) {
    if (bytes[at] !== QUOTE) return -1;
    const keyEnd = stringEnd(bytes, at, limit);
    if (keyEnd === -1 || bytes[keyEnd] !== COLON) return -1;
    const key = keyAt(bytes, at, keyEnd, keys);
    if (key === -1 || spans.starts[key] !== -1) return -1;
    const valueEnd = valueEndAt(bytes, keyEnd + 1, limit);
    if (valueEnd === -1) return -1;
    spans.starts[key] = keyEnd + 1;
    spans.ends[key] = valueEnd;
    if (bytes[valueEnd] === CLOSE_BRACE) return valueEnd + 1;
    if (bytes[valueEnd] !== COMMA) return -1;
    at = valueEnd + 1;
  }
}

/** The position in `keys` of the key (quotes included) at [start, end), or -1. */
function keyAt(bytes: Uint8Array, start: number, end: number, keys: Keys): number {
  for (let key = 0; key < keys.quoted.length; key++) {
    if (spells(bytes, start, end, keys.quoted[key])) return key;
  }
  return -1;
}

function allPresent(spans: Spans): boolean {
  return spans.starts.every((start) => start !== -1);
}

/** Just after the string whose opening quote is at bytes[at]; -1 if it does not end by `limit`. */
function stringEnd(bytes: Uint8Array, at: number, limit: number): number {
  for (let i = at + 1; i < limit; i++) {
    const byte = bytes[i];
    if (byte === BACKSLASH) i++;
    else if (byte === QUOTE) return i + 1;
  }
  return -1;
}

/**
 * Just after the value that starts at bytes[at]: a string, a balanced object or array (strings
 * in it skipped whole), or a literal or number running to the next `,` `}` or `]`. -1 if it does
 * not end by `limit`, or is empty.
 */
function valueEndAt(bytes: Uint8Array, at: number, limit: number): number {
  const first = bytes[at];
  if (first === QUOTE) return stringEnd(bytes, at, limit);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    for (let i = at; i < limit; i++) {
      const byte = bytes[i];
      if (byte === QUOTE) {
        // Inline (not stringEnd): most of a payload's bytes are in its strings.
        for (i++; i < limit; i++) {
          const inString = bytes[i];
          if (inString === BACKSLASH) i++;
          else if (inString === QUOTE) break;
        }
        if (i >= limit) return -1;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        depth++;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        if (--depth === 0) return i + 1;
      }
    }
    return -1;
  }
  let i = at;
  while (i < limit) {
    const byte = bytes[i];
    if (
      byte === COMMA ||
      byte === CLOSE_BRACE ||
      byte === CLOSE_BRACKET ||
      byte === QUOTE ||
      byte === OPEN_BRACE ||
      byte === OPEN_BRACKET
    ) {
      break;
    }
    i++;
  }
  return i === at ? -1 : i;
}

/** Whether bytes[start, end) are exactly `expected`. */
function spells(bytes: Uint8Array, start: number, end: number, expected: Uint8Array): boolean {
  if (end - start !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (bytes[start + i] !== expected[i]) return false;
  return true;
}

/** The bytes as characters one for one (ids, numbers: short). */
function text(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
}
