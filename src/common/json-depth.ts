import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from '../domain/json-syntax';

/**
 * Whether the JSON `text` opens more than `limit` objects or arrays inside each other, found by
 * scanning the text before it is parsed (JSON.parse would first build the whole tree, and a
 * recursive walk of it would exhaust the stack). Strings are skipped with indexOf, so a body of
 * long texts costs next to nothing; measured on 1 MiB bodies, the scan costs from a seventh of
 * JSON.parse (small objects) to as much (a long array of numbers). It stops at the first level
 * too deep. Malformed text may be judged either way: JSON.parse refuses it next.
 */
export function nestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === QUOTE) {
      index = closingQuote(text, index);
      if (index < 0) return false;
    } else if (char === OPEN_BRACE || char === OPEN_BRACKET) {
      depth += 1;
      if (depth > limit) return true;
    } else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
  return false;
}

/** The index of the quote that ends the string opened at `open`, or -1 if none does. */
function closingQuote(text: string, open: number): number {
  let from = open + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    // The quote is escaped if an odd number of backslashes precede it.
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}
