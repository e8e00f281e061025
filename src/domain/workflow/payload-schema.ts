import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isIsoDate } from '../calendar/iso-date';
import type { Localized } from '../localized';

/** One thing wrong with an event's payload, at a field a client can point a form at. */
export interface PayloadProblem {
  /** `payload.decision.date`, or `payload` for the payload as a whole. */
  field: string;
  /** What is wrong with the field, without its name ("is required"). */
  message: Localized;
}

/** Compiles the schemas workflow files carry (case data, event payloads). */
export const schemaCompiler = new Ajv({ allErrors: true, strict: true });
// A calendar date that exists (2026-02-30 does not), as every legal date is written.
schemaCompiler.addFormat('date', { type: 'string', validate: isIsoDate });

const compiled = new Map<string, ValidateFunction>();

/**
 * Compiles a workflow file's schema once per process: a definition is checked at load (does every
 * schema compile?) and compiled again for use, and an app, its command line and a test suite's
 * many apps load the same files. Keyed by the schema's text; a validator is used synchronously
 * (its `errors` read right after the call), so one serves every caller.
 */
export function compileSchema(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (validate === undefined) {
    validate = schemaCompiler.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

/**
 * The most problems one payload reports, the last saying how many more there were: a form has
 * fewer fields, and a payload built to fail on thousands of keys must not get an answer (and a
 * mapping of every error) as large as itself.
 */
export const MAX_PAYLOAD_PROBLEMS = 20;

/** Checks an event's payload against its schema: every problem (up to a bound), by field. */
export function compilePayloadSchema(
  schema: Record<string, unknown>,
): (payload: unknown) => PayloadProblem[] {
  const validate = compileSchema(schema);
  return (payload) => (validate(payload) ? [] : boundedProblems(validate.errors ?? []));
}

function boundedProblems(errors: ErrorObject[]): PayloadProblem[] {
  if (errors.length <= MAX_PAYLOAD_PROBLEMS) return errors.map(toProblem);
  const listed = errors.slice(0, MAX_PAYLOAD_PROBLEMS - 1).map(toProblem);
  const more = errors.length - listed.length;
  return [
    ...listed,
    {
      field: 'payload',
      message: {
        vi: `còn ${more} lỗi khác không được liệt kê`,
        en: `has ${more} more problems, not listed`,
      },
    },
  ];
}

function toProblem(error: ErrorObject): PayloadProblem {
  const at = `payload${error.instancePath.replaceAll('/', '.')}`;
  const params = error.params as { additionalProperty?: string; missingProperty?: string };
  if (params.additionalProperty !== undefined) {
    return {
      field: `${at}.${params.additionalProperty}`,
      message: { vi: 'không phải là trường của sự kiện này', en: 'is not a field of this event' },
    };
  }
  if (params.missingProperty !== undefined) {
    return {
      field: `${at}.${params.missingProperty}`,
      message: { vi: 'là bắt buộc', en: 'is required' },
    };
  }
  const en = error.message ?? 'is invalid';
  return { field: at, message: { vi: inVietnamese(error) ?? en, en } };
}

const TYPE_NAMES_VI: Record<string, string> = {
  string: 'chuỗi ký tự',
  integer: 'số nguyên',
  number: 'số',
  boolean: 'đúng/sai',
  object: 'đối tượng',
  array: 'danh sách',
  null: 'rỗng (null)',
};

/**
 * Ajv speaks English only (ajv-i18n has no Vietnamese); these are the keywords workflow payload
 * schemas use. Another keyword falls back to Ajv's English, which a test would show.
 */
function inVietnamese(error: ErrorObject): string | undefined {
  const params = error.params as {
    limit?: number | string;
    allowedValues?: unknown[];
    allowedValue?: unknown;
    type?: string | string[];
    format?: string;
    comparison?: string;
  };
  switch (error.keyword) {
    case 'minLength':
      return `cần ít nhất ${params.limit} ký tự`;
    case 'maxLength':
      return `được dài tối đa ${params.limit} ký tự`;
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return `phải ${params.comparison} ${params.limit}`;
    case 'minItems':
      return `cần ít nhất ${params.limit} mục`;
    case 'maxItems':
      return `được có tối đa ${params.limit} mục`;
    case 'enum':
      return `phải là một trong các giá trị: ${(params.allowedValues ?? []).map(String).join(', ')}`;
    case 'const':
      return `phải là ${String(params.allowedValue)}`;
    case 'type':
      return `phải là ${[params.type ?? []]
        .flat()
        .map((type) => TYPE_NAMES_VI[type] ?? type)
        .join(' hoặc ')}`;
    case 'format':
      return params.format === 'date'
        ? 'phải là một ngày có thật, viết theo dạng YYYY-MM-DD'
        : `không đúng định dạng ${params.format}`;
    case 'pattern':
      return 'không đúng định dạng';
    default:
      return undefined;
  }
}

/**
 * What a schema author must not leave open: every object in a payload schema refuses unknown
 * keys, so a field the workflow does not know is a 400 naming it, never silently dropped.
 */
export function payloadSchemaProblems(schema: unknown, at = ''): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const problems: string[] = [];
  // Schemas share one compiler: an $id would clash between versions that copy each other.
  if (node.$id !== undefined) problems.push(`${at || '/'}: "$id" is not allowed`);
  const isObject =
    node.type === 'object' ||
    (Array.isArray(node.type) && node.type.includes('object')) ||
    node.properties !== undefined;
  if (isObject && node.additionalProperties !== false) {
    problems.push(`${at || '/'}: an object schema must set "additionalProperties": false`);
  }
  if (at === '' && node.type !== 'object') problems.push('/: the payload must be an object');
  for (const [name, child] of Object.entries((node.properties as Record<string, unknown>) ?? {})) {
    problems.push(...payloadSchemaProblems(child, `${at}/properties/${name}`));
  }
  if (node.items !== undefined) problems.push(...payloadSchemaProblems(node.items, `${at}/items`));
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    if (Array.isArray(node[key])) {
      (node[key] as unknown[]).forEach((child, index) =>
        problems.push(...payloadSchemaProblems(child, `${at}/${key}/${index}`)),
      );
    }
  }
  return problems;
}

/** The schema of the property at a dotted payload path (`decision.date`), if the schema has it. */
export function schemaAt(
  schema: Record<string, unknown>,
  path: string,
): Record<string, unknown> | undefined {
  let node: Record<string, unknown> | undefined = schema;
  for (const name of path.split('.')) {
    const properties = node?.properties as Record<string, Record<string, unknown>> | undefined;
    node =
      properties !== undefined && Object.hasOwn(properties, name) ? properties[name] : undefined;
  }
  return node;
}

/** The value at a dotted path in a plain object (`decision.date`), or undefined. */
export function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const name of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, name)) return undefined;
    node = (node as Record<string, unknown>)[name];
  }
  return node;
}
