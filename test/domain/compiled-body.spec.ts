import 'reflect-metadata';
import { IsString } from 'class-validator';
import { SendEventDto } from '../../src/cases/dto/case.dto';
import { AppError } from '../../src/common/errors';
import { MAX_LISTED_ERRORS, createValidationPipe } from '../../src/common/validation';

class Note {
  @IsString()
  text: string;
}

/**
 * The transition route's body (SendEventDto) is checked by a compiled schema, not by
 * class-validator: its answers must be what the validation pipe gives for any other body.
 */
describe('a body checked by its compiled schema', () => {
  const pipe = createValidationPipe();
  const check = (value: unknown, metatype: new () => unknown = SendEventDto) =>
    pipe.transform(value, { type: 'body', metatype });

  async function refusal(value: unknown): Promise<AppError> {
    const error = await check(value).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  const fieldsOf = (error: AppError) =>
    (error.details.errors as { field: string }[]).map((e) => e.field).sort();

  it('passes a right body on as the DTO, values untouched', async () => {
    const payload = { reason: 'Bổ sung hồ sơ của ông Nguyễn Văn Ất', items: [1, { a: null }] };
    const body = await check({ type: 'RETURN_FOR_SUPPLEMENT', expectedVersion: 7, payload });
    expect(body).toBeInstanceOf(SendEventDto);
    expect(body).toEqual({ type: 'RETURN_FOR_SUPPLEMENT', expectedVersion: 7, payload });
    expect(await check({ type: 'SUBMIT' })).toEqual({ type: 'SUBMIT' });
  });

  it.each([
    [{ type: 'submit' }, ['type'], 'type must be an event name such as "SUBMIT"'],
    [{ type: ['SUBMIT'] }, ['type'], 'type must be an event name such as "SUBMIT"'],
    [{ payload: {} }, ['type'], 'type must be an event name such as "SUBMIT"'],
    [{ type: 'SUBMIT', expectedVersion: 0 }, ['expectedVersion'], 'from 1 to 2147483647'],
    [{ type: 'SUBMIT', expectedVersion: 1.5 }, ['expectedVersion'], 'must be an integer'],
    [{ type: 'SUBMIT', expectedVersion: '1' }, ['expectedVersion'], 'must be an integer'],
    [{ type: 'SUBMIT', expectedVersion: 2 ** 31 }, ['expectedVersion'], 'from 1 to 2147483647'],
    [{ type: 'SUBMIT', payload: [1, 2] }, ['payload'], 'payload must be an object'],
    [{ type: 'SUBMIT', payload: null }, ['payload'], 'payload must be an object'],
    [{ type: 'SUBMIT', colour: 'red' }, ['colour'], 'property colour should not exist'],
  ])('refuses %j naming %j', async (body, fields, message) => {
    const error = await refusal(body);
    expect(error.code).toBe('VALIDATION.FAILED');
    expect(error.kind).toBe('invalid');
    expect(fieldsOf(error)).toEqual(fields);
    expect((error.details.errors as { messages: string[] }[])[0].messages[0]).toContain(message);
  });

  it('names every wrong field once, in one answer', async () => {
    const error = await refusal({ type: 'submit', expectedVersion: 'abc', payload: 'x', a: 1 });
    expect(fieldsOf(error)).toEqual(['a', 'expectedVersion', 'payload', 'type']);
    expect(error.details.moreErrors).toBeUndefined();
  });

  it('lists at most MAX_LISTED_ERRORS problems and counts the rest', async () => {
    const unknown = Object.fromEntries(
      Array.from({ length: MAX_LISTED_ERRORS + 5 }, (_, i) => [`extra${i}`, i]),
    );
    const error = await refusal({ type: 'SUBMIT', ...unknown });
    expect(error.details.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(error.details.moreErrors).toBe(5);
  });

  it('refuses a body that is not an object before any schema', async () => {
    for (const body of [null, [{ type: 'SUBMIT' }], 'SUBMIT', 42]) {
      expect((await refusal(body)).code).toBe('REQUEST.BODY_NOT_OBJECT');
    }
  });

  it('leaves every other DTO to class-validator', async () => {
    expect(await check({ text: 'Ghi chú' }, Note)).toBeInstanceOf(Note);
    const error = await check({ text: 3 }, Note).then(
      () => undefined,
      (thrown: AppError) => thrown,
    );
    expect(error?.details.errors).toEqual([{ field: 'text', messages: ['text must be a string'] }]);
  });
});
