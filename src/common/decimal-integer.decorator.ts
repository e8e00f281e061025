import { Transform } from 'class-transformer';

/**
 * A number of a query or path, written in decimal digits: "25" is 25, while "0x19", "1e1", " 25"
 * and "" stay text and fail the field's IsInt (Number(), as @Type(() => Number) applied it, read
 * them as 25, 10, 25 and 0: a value the caller did not write, silently accepted). A JSON number
 * is left as it is. Put the field's @IsInt() last, by the property: the last decorator is checked
 * first, so "0x10" is refused as not an integer rather than as "greater than 100".
 */
export const DecimalInteger = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value,
  );
