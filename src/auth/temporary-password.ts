import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another when read out or copied by hand. */
const TEMPORARY_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A password an administrator hands over once (a reset): 20 characters from 56, about 116 bits,
 * in groups of five for reading out, e.g. `h7Kqm-2xPzR-...`. Not put to the strength check: it is
 * random, and good for one sign-in only.
 */
export function generateTemporaryPassword(): string {
  const characters = Array.from(
    { length: 20 },
    () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)],
  );
  return [0, 5, 10, 15].map((start) => characters.slice(start, start + 5).join('')).join('-');
}
