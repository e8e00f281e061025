import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { trimForValidation } from '../../src/common/body-shape';

class Grant {
  @IsString()
  role: string;
}

class Account {
  @IsString()
  @MaxLength(64)
  name: string;

  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;

  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => Grant)
  grants: Grant[];

  @IsOptional()
  @ValidateNested()
  @Type(() => Grant)
  main?: Grant;
}

/** What the validation pipe is given of a body: only what the DTO's rules need to judge. */
describe('trimming a body for validation', () => {
  const trim = (body: Record<string, unknown>, keepUnknown = 2) =>
    trimForValidation(body, Account, keepUnknown);

  test('a well-formed body is given as it is', () => {
    const body = { name: 'an', grants: [{ role: 'auditor' }], main: { role: 'admin' } };
    expect(trim(body).value).toEqual(body);
  });

  test('objects and arrays where a value belongs are judged on a stand-in', () => {
    const numbers = Array.from({ length: 10_000 }, () => 0);
    const { value } = trim({ name: numbers, grants: [], main: numbers });
    expect(value).toEqual({ name: [], grants: [], main: [] });
  });

  test('an array over its maximum becomes one element too many', () => {
    const grants = Array.from({ length: 10_000 }, () => ({ role: 'x' }));
    expect(trim({ name: 'an', grants }).value.grants).toEqual([null, null, null, null]);
  });

  test('unknown fields past the kept few are counted, at any depth', () => {
    const trimmed = trim({
      name: 'an',
      a: 1,
      grants: [{ role: 'x', b: 2, c: 3 }],
      main: { role: 'y', d: 4 },
    });
    expect(trimmed.value).toEqual({
      name: 'an',
      a: null,
      grants: [{ role: 'x', b: null }],
      main: { role: 'y' },
    });
    expect(trimmed.unlistedUnknown).toBe(2);
  });

  test('free-form data is set aside and put back as sent', () => {
    const data = { deep: { list: [1, 2, { three: 3 }] } };
    const trimmed = trim({ name: 'an', data, grants: [] });
    expect(trimmed.value.data).toEqual({});
    const instance = { ...trimmed.value };
    trimmed.restore(instance);
    expect(instance.data).toBe(data);
  });
});
