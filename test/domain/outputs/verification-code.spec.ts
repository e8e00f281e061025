import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  normaliseVerificationCode,
  parseDecisionDate,
  vietnameseLongDate,
  vietnameseShortDate,
  verificationCodeFor,
} from '../../../src/outputs/award-decision';

const CASE_ID = 'c0ffee00-0000-4000-8000-000000000042';
/** SHA-256 of "test", standing in for an announcing audit record's hash. */
const RECORD_HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

const sha256Hex = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((bytes) => Buffer.from(bytes).toString('hex'));
const caseId = fc.uuid();

/** Decodes a code's 16 symbols back to the 10 bytes they spell, independently of the encoder. */
function decodeCrockford(code: string): Buffer {
  const bits = [...code.replace(/-/g, '')]
    .map((symbol) => CROCKFORD.indexOf(symbol).toString(2).padStart(5, '0'))
    .join('');
  return Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
}

describe('verificationCodeFor', () => {
  it('is pinned: printed certificates must keep resolving after any refactoring', () => {
    expect(verificationCodeFor(CASE_ID, RECORD_HASH)).toBe('J84Z-4ZZ6-VW3P-NJ75');
  });

  it('spells the first 80 bits of SHA-256 over a tagged, NUL-separated (case, hash) pair', () => {
    const digest = createHash('sha256')
      .update(`thidua/verification-code/v1\0${CASE_ID}\0${RECORD_HASH}`)
      .digest();
    expect(decodeCrockford(verificationCodeFor(CASE_ID, RECORD_HASH))).toEqual(
      digest.subarray(0, 10),
    );
  });

  it('is deterministic and always four groups of four unambiguous symbols', () => {
    fc.assert(
      fc.property(caseId, sha256Hex, (id, hash) => {
        const code = verificationCodeFor(id, hash);
        expect(code).toMatch(CODE_FORMAT);
        expect(code).not.toMatch(/[ILOU]/);
        expect(verificationCodeFor(id, hash)).toBe(code);
      }),
    );
  });

  it('changes with the case and with the audit record', () => {
    const other = '1'.repeat(64);
    const code = verificationCodeFor(CASE_ID, RECORD_HASH);
    expect(verificationCodeFor(CASE_ID.replace(/42$/, '43'), RECORD_HASH)).not.toBe(code);
    expect(verificationCodeFor(CASE_ID, other)).not.toBe(code);
  });

  it.each([
    ['an empty case id', '', RECORD_HASH],
    ['a blank case id', '   ', RECORD_HASH],
    ['an upper-case hash', CASE_ID, RECORD_HASH.toUpperCase()],
    ['a short hash', CASE_ID, RECORD_HASH.slice(1)],
    ['a hash that is not hex', CASE_ID, `${RECORD_HASH.slice(1)}g`],
  ])('refuses %s', (_what, id, hash) => {
    expect(() => verificationCodeFor(id, hash)).toThrow(/verificationCodeFor/);
  });
});

describe('normaliseVerificationCode', () => {
  const code = verificationCodeFor(CASE_ID, RECORD_HASH); // J84Z-4ZZ6-VW3P-NJ75

  it.each([
    ['the canonical form', 'J84Z-4ZZ6-VW3P-NJ75'],
    ['lower case', 'j84z-4zz6-vw3p-nj75'],
    ['no dashes', 'J84Z4ZZ6VW3PNJ75'],
    ['spaces instead of dashes', 'j84z 4zz6 vw3p nj75'],
    ['surrounding and stray whitespace', '  J84Z-4ZZ6 -VW3P-NJ75\n'],
    ['typographic dashes', 'J84Z\u20134ZZ6\u2014VW3P\u2011NJ75'],
    ['a non-breaking space', 'J84Z\u00a04ZZ6-VW3P-NJ75'],
    ['other groupings', 'J8-4Z4Z-Z6V-W3PNJ75'],
  ])('accepts %s', (_what, typed) => {
    expect(normaliseVerificationCode(typed)).toBe(code);
  });

  it('reads O as 0 and I or L as 1, as Crockford prescribes', () => {
    expect(normaliseVerificationCode('oooo-iiii-llll-1O1o')).toBe('0000-1111-1111-1010');
  });

  it.each([
    ['nothing', ''],
    ['only separators', ' - - - '],
    ['one symbol short', 'J84Z-4ZZ6-VW3P-NJ7'],
    ['one symbol long', 'J84Z-4ZZ6-VW3P-NJ755'],
    ['U, which the alphabet leaves out', 'J84Z-4ZZ6-VW3P-NJ7U'],
    ['punctuation', 'J84Z.4ZZ6.VW3P.NJ75'],
    ['a Vietnamese letter', 'J84Z-4ZZ6-VW3P-NJ7Đ'],
    ['a pasted essay', `${'J84Z-'.repeat(20)}NJ75`],
    ['a URL', 'https://thidua.example.vn/xac-thuc/J84Z-4ZZ6-VW3P-NJ75'],
  ])('refuses %s', (_what, typed) => {
    expect(normaliseVerificationCode(typed)).toBeNull();
  });

  it('round-trips every code through the ways people retype it', () => {
    const retype = fc.record({
      lower: fc.boolean(),
      separator: fc.constantFrom('-', '', ' ', '  ', '\u2013'),
    });
    fc.assert(
      fc.property(caseId, sha256Hex, retype, (id, hash, { lower, separator }) => {
        const canonical = verificationCodeFor(id, hash);
        let typed = canonical.split('-').join(separator);
        typed = lower ? typed.toLowerCase() : typed;
        expect(normaliseVerificationCode(typed)).toBe(canonical);
      }),
    );
  });

  it('returns either null or a canonical code for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (typed) => {
        const normalised = normaliseVerificationCode(typed);
        if (normalised !== null) {
          expect(normalised).toMatch(CODE_FORMAT);
        }
      }),
    );
  });
});

describe('decision dates', () => {
  it.each([
    ['2026-01-05', 'ngày 05 tháng 01 năm 2026', '05/01/2026'],
    ['2026-02-28', 'ngày 28 tháng 02 năm 2026', '28/02/2026'],
    ['2026-03-09', 'ngày 09 tháng 3 năm 2026', '09/03/2026'],
    ['2025-12-31', 'ngày 31 tháng 12 năm 2025', '31/12/2025'],
  ])(
    'writes %s as "%s" (Decree 30/2020: zero before days < 10, months 1 and 2)',
    (iso, long, short) => {
      expect(vietnameseLongDate(iso)).toBe(long);
      expect(vietnameseShortDate(iso)).toBe(short);
    },
  );

  it.each(['2026-02-30', '2026-13-01', '2026-1-5', '05/01/2026', '2026-01-05T00:00:00Z', ''])(
    'refuses "%s"',
    (date) => {
      expect(() => parseDecisionDate(date)).toThrow(/YYYY-MM-DD/);
    },
  );
});
