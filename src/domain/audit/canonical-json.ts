import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** RFC 8785 (JCS) canonical JSON: the same value always serialises to the same bytes. */
export function canonicalJson(value: unknown): string {
  // JSON.stringify is native and several times faster than the canonicalize package; for plain
  // data whose keys are already in JCS order (every record read back from canonical stored text)
  // both produce the same bytes, so the package is needed only for everything else.
  if (isCanonicallyOrdered(value)) return JSON.stringify(value);
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value cannot be represented as JSON');
  return text;
}

export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/**
 * Whether JSON.stringify(value) is already the canonical JSON of value: plain data only (null,
 * booleans, strings, finite numbers, arrays without holes, objects straight from a literal or
 * JSON.parse), no toJSON anywhere, and every object's keys in ascending UTF-16 code-unit order
 * (JCS's order, and the one the canonicalize package sorts into). Anything else (a Date, a class
 * instance, NaN, integer-like keys that JavaScript reorders, an unsorted object) answers false
 * and is serialised by the package, which stays the reference.
 */
export function isCanonicallyOrdered(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (prototype !== Array.prototype || 'toJSON' in value) return false;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (item === undefined || !isCanonicallyOrdered(item)) return false;
    }
    return true;
  }
  if (prototype !== Object.prototype && prototype !== null) return false;
  const object = value as Record<string, unknown>;
  let previous: string | null = null;
  for (const key of Object.keys(object)) {
    if (key === 'toJSON' || (previous !== null && !(previous < key))) return false;
    previous = key;
    const item = object[key];
    if (item !== undefined && !isCanonicallyOrdered(item)) return false;
  }
  return true;
}
