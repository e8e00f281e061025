import {
  compilePayloadSchema,
  MAX_PAYLOAD_PROBLEMS,
} from '../../../src/domain/workflow/payload-schema';

/** Payload schemas check every field, but a payload built to fail everywhere lists a few. */
describe('payload problems are bounded', () => {
  const check = compilePayloadSchema({
    type: 'object',
    additionalProperties: false,
    properties: { reason: { type: 'string', maxLength: 10 } },
  });

  test('a few problems are all listed', () => {
    expect(check({ reason: 'x'.repeat(11), extra: 1 }).map((problem) => problem.field)).toEqual([
      'payload.extra',
      'payload.reason',
    ]);
  });

  test('thousands of problems: the first ones, and how many more', () => {
    const payload = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
    const problems = check(payload);
    expect(problems).toHaveLength(MAX_PAYLOAD_PROBLEMS);
    expect(problems[0].field).toBe('payload.k0');
    expect(problems.at(-1)).toEqual({
      field: 'payload',
      message: {
        vi: `còn ${5000 - MAX_PAYLOAD_PROBLEMS + 1} lỗi khác không được liệt kê`,
        en: `has ${5000 - MAX_PAYLOAD_PROBLEMS + 1} more problems, not listed`,
      },
    });
  });
});
