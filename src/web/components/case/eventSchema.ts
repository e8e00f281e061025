import type { Localized } from '../../i18n/language';
import type { JsonSchema, LegalDateRule } from './caseApi';
import { splitFieldErrors, type ProblemFieldError } from '../fieldErrors';

/*
 * Turns an event's payload schema (JSON Schema, as workflows/*.json declare it) into the fields of
 * a form, and the form's values back into a payload. Pure: no React, no antd, so it is easy to
 * test and any screen can build its own form from the same descriptors.
 */

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'enum'
  | 'date'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'object'
  | 'stringList'
  | 'unsupported';

export interface FieldOption {
  value: string | number;
  /** From the schema (oneOf titles, x-labels) when it names its values; else null. */
  label: Localized | string | null;
}

export interface FieldDescriptor {
  /** Where the value sits in the payload: ['decision', 'date']. */
  path: string[];
  /** The dotted path (`decision.date`), as problems and legal dates name fields. */
  name: string;
  /** The property's own name (`date`). */
  key: string;
  kind: FieldKind;
  required: boolean;
  /** The schema allows null (`oneOf: [{ type: 'null' }, …]`): the form offers "none". */
  nullable: boolean;
  /** The schema's own title or description (English in the shipped workflows). */
  title?: string;
  description?: string;
  /** A label the schema or the event's legal dates give in both languages. */
  label?: Localized;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  maxItems?: number;
  options?: FieldOption[];
  /** A legal date of the event: absent means today; never in the future. */
  legalDate?: LegalDateRule;
  children?: FieldDescriptor[];
}

/** Names of text fields that hold prose, whatever their length limit. */
const PROSE = /(reason|ground|objection|summary|comment|note|description|content|text)$/i;
const LONG_TEXT = 200;

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : [];
}

/** A label the schema carries in both languages: `x-label`, `title` as {vi,en}. */
function localizedLabel(schema: JsonSchema): Localized | undefined {
  for (const key of ['x-label', 'x-labels', 'label']) {
    const value = schema[key] as unknown;
    if (isLocalized(value)) return value;
  }
  return undefined;
}

export function isLocalized(value: unknown): value is Localized {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Localized).vi === 'string' &&
    typeof (value as Localized).en === 'string'
  );
}

/**
 * The values of an enumerated field with whatever labels the schema gives: `oneOf`/`anyOf` of
 * `{ const, title }` (a title may be a string or {vi,en}), or `enum` with `x-enumLabels` /
 * `x-labels` / `enumLabels` ({ value: {vi,en} } or an array in enum order).
 */
function optionsOf(schema: JsonSchema): FieldOption[] | undefined {
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives && alternatives.length > 0 && alternatives.every((a) => 'const' in a)) {
    return alternatives.map((alternative) => ({
      value: alternative.const as string | number,
      label:
        localizedLabel(alternative) ??
        (isLocalized(alternative.title) ? alternative.title : null) ??
        (typeof alternative.title === 'string' ? alternative.title : null) ??
        (typeof alternative.description === 'string' ? alternative.description : null),
    }));
  }
  if (!Array.isArray(schema.enum)) return undefined;
  const labels = (schema['x-enumLabels'] ?? schema['x-labels'] ?? schema.enumLabels) as unknown;
  return schema.enum
    .filter(
      (value): value is string | number => typeof value === 'string' || typeof value === 'number',
    )
    .map((value, index) => {
      let label: Localized | string | null = null;
      if (Array.isArray(labels)) {
        const found = labels[index] as unknown;
        label = isLocalized(found) || typeof found === 'string' ? found : null;
      } else if (typeof labels === 'object' && labels !== null) {
        const found = (labels as Record<string, unknown>)[String(value)];
        label = isLocalized(found) || typeof found === 'string' ? found : null;
      }
      return { value, label };
    });
}

/** `oneOf: [{ type: 'null' }, X]` (or anyOf, or `type: ['null', …]`): X, nullable. */
function unwrapNullable(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives && alternatives.length === 2) {
    const nonNull = alternatives.filter(
      (a) => !(typesOf(a).length === 1 && typesOf(a)[0] === 'null'),
    );
    if (nonNull.length === 1) {
      const outer = { ...schema };
      delete outer.oneOf;
      delete outer.anyOf;
      return { schema: { ...outer, ...nonNull[0] }, nullable: true };
    }
  }
  const types = typesOf(schema);
  if (types.length === 2 && types.includes('null')) {
    return { schema: { ...schema, type: types.find((t) => t !== 'null') }, nullable: true };
  }
  return { schema, nullable: false };
}

function kindOf(key: string, schema: JsonSchema, options: FieldOption[] | undefined): FieldKind {
  const types = typesOf(schema);
  const type = types[0] ?? (schema.properties ? 'object' : options ? 'string' : undefined);
  if (options) return 'enum';
  switch (type) {
    case 'string':
      if (schema.format === 'date') return 'date';
      if ((schema.maxLength ?? 0) > LONG_TEXT || PROSE.test(key)) return 'textarea';
      return 'text';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
    case 'array': {
      const items = schema.items;
      return items && typesOf(items)[0] === 'string' && !items.enum ? 'stringList' : 'unsupported';
    }
    default:
      return 'unsupported';
  }
}

/**
 * The fields of a payload schema, in the schema's order, nested objects as groups.
 * `legalDates` (the event's, keyed by dotted path) marks and labels the legal date fields.
 */
export function schemaToFields(
  schema: JsonSchema | null | undefined,
  legalDates: Record<string, LegalDateRule> = {},
  parent: string[] = [],
): FieldDescriptor[] {
  if (!schema || typeof schema !== 'object') return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, raw]) => {
    const path = [...parent, key];
    const name = path.join('.');
    const { schema: property, nullable } = unwrapNullable(raw);
    const options = optionsOf(property);
    const kind = kindOf(key, property, options);
    const legalDate = legalDates[name];
    const field: FieldDescriptor = {
      path,
      name,
      key,
      kind,
      required: required.has(key),
      nullable,
      title: typeof property.title === 'string' ? property.title : undefined,
      description: property.description ?? raw.description,
      label: legalDate?.label ?? localizedLabel(property) ?? localizedLabel(raw),
      minLength: property.minLength,
      maxLength: property.maxLength,
      minimum: property.minimum,
      maximum: property.maximum,
      pattern: property.pattern,
      maxItems: property.maxItems,
      options,
      legalDate,
    };
    if (kind === 'object') field.children = schemaToFields(property, legalDates, path);
    return stripUndefined(field);
  });
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** Every field, nested ones included (depth first). */
export function flattenFields(fields: FieldDescriptor[]): FieldDescriptor[] {
  return fields.flatMap((field) => [field, ...flattenFields(field.children ?? [])]);
}

/** The form key that says a nullable field is "none": `decision.__none` style, one per field. */
export const NONE_KEY = '__none';

/** A date value as the form holds it: anything with `format` (a dayjs), or a YYYY-MM-DD string. */
interface DateLike {
  format(template: string): string;
}

function isDateLike(value: unknown): value is DateLike {
  return (
    typeof value === 'object' && value !== null && typeof (value as DateLike).format === 'function'
  );
}

/**
 * The payload for the form's values: dates as YYYY-MM-DD, text trimmed, empty optional fields
 * left out (a legal date left empty then means today, as the server reads it), a nullable group
 * marked "none" sent as null, an optional group with nothing filled left out.
 */
export function buildPayload(
  fields: FieldDescriptor[],
  values: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values?.[field.key];
    const converted = convert(field, value, values);
    if (converted !== undefined) payload[field.key] = converted;
  }
  return payload;
}

function convert(
  field: FieldDescriptor,
  value: unknown,
  siblings: Record<string, unknown> | undefined,
): unknown {
  if (field.nullable && siblings?.[`${field.key}${NONE_KEY}`] === true) return null;
  switch (field.kind) {
    case 'object': {
      const inner = buildPayload(
        field.children ?? [],
        typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {},
      );
      return Object.keys(inner).length === 0 && !field.required ? undefined : inner;
    }
    case 'date':
      if (isDateLike(value)) return value.format('YYYY-MM-DD');
      return typeof value === 'string' && value !== '' ? value : undefined;
    case 'text':
    case 'textarea': {
      if (typeof value !== 'string') return undefined;
      const text = value.trim();
      return text === '' ? undefined : text;
    }
    case 'integer':
    case 'number': {
      if (value === null || value === undefined || value === '') return undefined;
      const number = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(number) ? number : value;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'stringList': {
      // The form edits a list as lines of text.
      const list = typeof value === 'string' ? value.split('\n') : value;
      if (!Array.isArray(list)) return undefined;
      const items = list
        .filter((item): item is string => typeof item === 'string')
        .map((item) => item.trim())
        .filter((item) => item !== '');
      return items.length === 0 && !field.required ? undefined : items;
    }
    case 'enum':
      return value === null || value === undefined || value === '' ? undefined : value;
    default:
      // A field no control fits is edited as JSON (the form checks that it parses).
      if (typeof value !== 'string') return value ?? undefined;
      if (value.trim() === '') return undefined;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return value;
      }
  }
}

/** A server problem's field (`payload.decision.date`) as a form path (['decision', 'date']). */
export function problemFieldPath(field: string): string[] | null {
  const parts = field.split('.');
  if (parts[0] !== 'payload' || parts.length < 2) return null;
  return parts.slice(1);
}

/** A problem's field errors: those on a field the form has (by path), and the rest. */
export function mapFieldErrors(
  fields: FieldDescriptor[],
  errors: ProblemFieldError[] | undefined,
  language: 'vi' | 'en',
): { onFields: { name: string[]; errors: string[] }[]; unplaced: string[] } {
  const known = new Set(flattenFields(fields).map((field) => field.name));
  return splitFieldErrors(errors, language, (field) => {
    const path = problemFieldPath(field);
    // A problem on a group's missing member lands on the member when the form has it.
    return path && known.has(path.join('.')) ? path : null;
  });
}

const REASON: JsonSchema = { type: 'string', minLength: 5, maxLength: 4000 };
const SIGNER: JsonSchema = { type: 'string', minLength: 1, maxLength: 200 };
const DATE: JsonSchema = { type: 'string', format: 'date' };

/**
 * What the guards of a workflow version without payload schemas (v1, v2) read from the payload,
 * by guard name (src/domain/workflow/named-implementations.ts, commendation-steps.ts), so their
 * events get a form too. Those versions date nothing themselves: dates are required.
 */
const GUARD_FIELDS: Record<string, { properties: Record<string, JsonSchema>; required: string[] }> =
  {
    hasReason: { properties: { reason: REASON }, required: ['reason'] },
    hasDecision: {
      properties: {
        decision: {
          type: 'object',
          properties: {
            number: { type: 'string', minLength: 1, maxLength: 100 },
            date: DATE,
            signer: SIGNER,
          },
          required: ['number', 'date', 'signer'],
        },
      },
      required: ['decision'],
    },
    hasSignedDecision: {
      properties: {
        decision: {
          type: 'object',
          properties: { date: DATE, signer: SIGNER },
          required: ['date', 'signer'],
        },
      },
      required: ['decision'],
    },
    hasRevocationGround: {
      properties: {
        ground: {
          type: 'string',
          enum: [
            'fraudulent_achievements',
            'false_dossier',
            'unlawful_procedure',
            'violation_in_period',
          ],
        },
      },
      required: ['ground'],
    },
    hasObjection: {
      properties: { objection: { type: 'string', minLength: 10, maxLength: 4000 } },
      required: ['objection'],
    },
    hasDisciplineOutcome: {
      properties: {
        discipline: {
          oneOf: [
            { type: 'null' },
            {
              type: 'object',
              properties: { subjectType: { type: 'string' }, form: { type: 'string' } },
              required: ['subjectType', 'form'],
            },
          ],
        },
      },
      required: ['discipline'],
    },
  };

/** A payload schema for an event that has none, from the names of the guards it must pass. */
export function schemaFromGuards(guards: string[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required = new Set<string>();
  for (const guard of guards) {
    const fields = GUARD_FIELDS[guard];
    if (!fields) continue;
    Object.assign(properties, fields.properties);
    fields.required.forEach((name) => required.add(name));
  }
  return { type: 'object', properties, required: [...required] };
}
