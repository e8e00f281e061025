import fc from 'fast-check';

/**
 * fast-check arbitraries for requests, derived from the OpenAPI document: every documented
 * operation gets requests built from its declared path and query parameters and its request body
 * schema, so a new route or field is fuzzed without touching this file.
 */

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/* eslint-disable @typescript-eslint/no-explicit-any */
type Schema = Record<string, any>;

export interface Operation {
  method: HttpMethod;
  /** The path template, e.g. `/api/v1/cases/{id}/events`. */
  template: string;
  parameters: { name: string; in: string; schema?: Schema }[];
  /** Media type → schema. */
  requestBody?: Record<string, Schema>;
}

/** What the fuzz knows about the world: ids and names that exist, and the callers. */
export interface FuzzContext {
  /**
   * Ids of real things (units, people, cases, users, grants) in and out of the callers' scope;
   * the spec appends the ids that accepted requests create.
   */
  ids: string[];
  /**
   * The same ids by kind, named as the paths name them: cases, units, people, users, grants,
   * councils, members (terms of office), council-sessions.
   */
  idsOf: Record<string, string[]>;
  /** Workflow / rule set ids and other names that exist. */
  names: string[];
  /** Case types and event types that exist. */
  caseTypes: string[];
  eventTypes: string[];
  usernames: string[];
  passwords: string[];
  /** Labels of the callers (`admin`, each role, `none`, garbage …), see the spec. */
  callers: string[];
  /** Idempotency keys shared between runs, so that some are replayed. */
  sharedKeys: string[];
}

export type FuzzBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; contentType: string; text: string };

export interface FuzzRequest {
  operation: string;
  method: HttpMethod;
  /** Already encoded path, with query string. */
  url: string;
  caller: string;
  idempotencyKey?: string;
  body: FuzzBody;
}

/** The documented operations. */
export function operationsOf(document: any): Operation[] {
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries<any>(document.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const requestBody = op.requestBody?.content
        ? Object.fromEntries(
            Object.entries<any>(op.requestBody.content).map(([type, media]) => [
              type,
              media.schema ?? {},
            ]),
          )
        : undefined;
      operations.push({ method, template, parameters: op.parameters ?? [], requestBody });
    }
  }
  return operations;
}

// ── Strings ─────────────────────────────────────────────────────────────────────────────────────

/** Unicode and other edge cases that have broken servers before. */
export const EDGE_STRINGS = [
  '',
  ' ',
  '\u0301', // a lone combining acute accent
  'e\u0301\u0301\u0301\u0301\u0301\u0301', // zalgo-ish
  'Nguye\u0302\u0303n', // decomposed Vietnamese
  '\u202eevil\u202c', // right-to-left override
  'مرحبا بالعالم',
  'שלום',
  '🎉',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '\u0000',
  'a\u0000b',
  '\uD800', // lone high surrogate
  '\uDFFF',
  '\uFEFF',
  '\u200B\u200C\u200D',
  '\u2028\u2029',
  '\r\n\t',
  'Ω≈ç√∫',
  "' OR 1=1 --",
  '"; --',
  '%00',
  '%s%n%x',
  '../../../../etc/passwd',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  'null',
  'undefined',
  'NaN',
  'true',
  '-1',
  '1e309',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];

const edgeString = fc.constantFrom(...EDGE_STRINGS);

/** Repeats a short piece up to ~200 KB (generated cheaply, shrinks towards short). */
const hugeString = fc
  .tuple(fc.constantFrom('a', 'é', 'e\u0301', '🎉', '\u0000', '\u202e', 'Đ'), fc.nat(200_000))
  .map(([piece, length]) => piece.repeat(Math.max(1, Math.floor(length / piece.length))));

const shortString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

export const anyString = fc.oneof(
  { weight: 4, arbitrary: shortString },
  { weight: 4, arbitrary: edgeString },
  { weight: 2, arbitrary: fc.tuple(edgeString, shortString).map(([a, b]) => a + b + a) },
  { weight: 1, arbitrary: hugeString },
);

// ── JSON values ─────────────────────────────────────────────────────────────────────────────────

const EXTRA_KEYS = [
  'id',
  'version',
  'createdBy',
  'created_by',
  'isAdmin',
  'role',
  'grants',
  'state',
  'closed',
  'headHash',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '',
  ' ',
  'é',
  '\u0000',
  '🎉',
  '$where',
  'a.b',
];
const extraKey = fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 10 }));

const number = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1, 2, 3, 1.5, -0, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e308, 5e-324),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Deeply nested arrays or objects. */
const deep = fc.tuple(fc.boolean(), fc.integer({ min: 10, max: 3000 })).map(([asArray, depth]) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = asArray ? [value] : { a: value };
  return value;
});

const hugeArray = fc
  .tuple(fc.constantFrom<unknown>(1, 'x', null, {}, [], { type: 'SUBMIT' }), fc.nat(50_000))
  .map(([item, length]) => Array.from({ length }, () => item));

/** Any JSON value, small. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    number,
    anyString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(extraKey, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A value of the wrong type (or shape) for any field. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: anyJson },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: hugeArray },
  { weight: 1, arbitrary: deep },
);

// ── Values from schemas ─────────────────────────────────────────────────────────────────────────

const dates = [
  '1980-05-17',
  '2024-02-29',
  '2023-02-29',
  '2024-13-01',
  '0000-00-00',
  '9999-12-31',
  '1900-01-01',
  '2024-1-1',
  '17/05/1980',
  '2024-05-17T10:00:00Z',
];

/**
 * One of the known ids. The list grows while the fuzz runs (the spec adds what 2xx answers
 * created), so later requests hit new cases, units, people and users too: picked by index.
 */
function idFrom(context: FuzzContext, kind?: string): fc.Arbitrary<string> {
  const all = fc.nat().map((i) => context.ids[i % context.ids.length]);
  const pool = kind === undefined ? undefined : context.idsOf[kind];
  if (pool === undefined) return all;
  // Mostly an id of the right kind (so requests get past "not found"), sometimes any id.
  return fc.oneof(
    { weight: 3, arbitrary: fc.nat().map((i) => pool[i % pool.length]) },
    { weight: 1, arbitrary: all },
  );
}

/** The kind of id a body field holds, from its name: personId → people, parentId → units … */
export function kindOfField(name: string): string | undefined {
  const prefix = name.replace(/Id$/, '').toLowerCase();
  return (
    {
      person: 'people',
      unit: 'units',
      parent: 'units',
      user: 'users',
      case: 'cases',
      grant: 'grants',
      council: 'councils',
      member: 'members',
    } as Record<string, string>
  )[prefix];
}

/** The kind of id a path parameter holds, from the segment before it: /cases/{id} → cases. */
export function kindOfPathParam(template: string, name: string): string | undefined {
  const match = new RegExp(`/([\\w-]+)/\\{${name}\\}`).exec(template);
  return match?.[1];
}

/** The kind of thing a creating operation makes: POST /api/v1/users/{id}/grants → grants. */
export function kindCreatedBy(template: string): string | undefined {
  return /\/([\w-]+)\/?$/.exec(template)?.[1];
}

function resolve(document: any, schema: Schema): Schema {
  let current = schema;
  for (let i = 0; current?.$ref && i < 10; i += 1) {
    const name = String(current.$ref).replace('#/components/schemas/', '');
    current = document.components?.schemas?.[name] ?? {};
  }
  return current ?? {};
}

/** A plausible value for a field called `name` with this schema. */
function validValue(
  document: any,
  context: FuzzContext,
  schema: Schema,
  name: string,
  depth: number,
  mutate = true,
): fc.Arbitrary<unknown> {
  const s = resolve(document, schema);
  const ids = idFrom(context, kindOfField(name));
  const idLike = fc.oneof({ weight: 6, arbitrary: ids }, { weight: 1, arbitrary: fc.uuid() });
  if (Array.isArray(s.enum) && s.enum.length > 0) return fc.constantFrom(...s.enum);
  if (/id$/i.test(name) && name !== 'id') {
    return s.nullable ? fc.oneof(idLike, fc.constant(null)) : idLike;
  }
  if (name === 'type') {
    // Event names are upper case in the document's example (SUBMIT), case types lower case.
    const events = typeof s.example === 'string' && /^[A-Z][A-Z_]*$/.test(s.example);
    const [likely, other] = events
      ? [context.eventTypes, context.caseTypes]
      : [context.caseTypes, context.eventTypes];
    return fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...likely) },
      { weight: 1, arbitrary: fc.constantFrom(...other) },
    );
  }
  if (name === 'username') return fc.oneof(fc.constantFrom(...context.usernames), shortString);
  if (name === 'password') return fc.oneof(fc.constantFrom(...context.passwords), shortString);
  if (name === 'code') return fc.nat(10_000_000).map((n) => `FZ-${n}`);
  if (/date|On$/.test(name)) {
    const date = fc.constantFrom(...dates);
    return s.nullable ? fc.oneof(date, fc.constant(null)) : date;
  }
  if (name === 'expectedVersion') return fc.integer({ min: 1, max: 8 });
  if (name === 'payload' || name === 'data') {
    return fc.dictionary(
      fc.constantFrom('reason', 'note', 'decision', 'award', 'awardId', 'score', 'votes'),
      fc.oneof(shortString, fc.integer(), fc.boolean(), anyJson),
      { maxKeys: 3 },
    );
  }
  switch (s.type) {
    case 'string':
      return fc.oneof(
        { weight: 3, arbitrary: s.example !== undefined ? fc.constant(s.example) : shortString },
        { weight: 3, arbitrary: shortString },
        { weight: 2, arbitrary: edgeString },
      );
    case 'number':
    case 'integer':
      return fc.oneof(fc.integer({ min: -2, max: 20 }), number);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4
        ? fc.constant([])
        : fc.array(valueFor(document, context, s.items ?? {}, name, depth + 1, mutate), {
            maxLength: 3,
          });
    case 'object':
    default:
      if (s.properties && depth <= 4) return objectFor(document, context, s, depth + 1, mutate);
      if (s.nullable) return fc.oneof(fc.constant(null), shortString, idLike);
      return anyJson;
  }
}

/** A valid-looking value for the field, sometimes replaced by something of the wrong type. */
function valueFor(
  document: any,
  context: FuzzContext,
  schema: Schema,
  name: string,
  depth: number,
  mutate = true,
): fc.Arbitrary<unknown> {
  if (!mutate) return validValue(document, context, schema, name, depth, false);
  return fc.oneof(
    { weight: 7, arbitrary: validValue(document, context, schema, name, depth) },
    { weight: 2, arbitrary: wrongValue },
  );
}

/** An object for the schema: declared fields valid, mutated or missing, plus unknown fields. */
export function objectFor(
  document: any,
  context: FuzzContext,
  schema: Schema,
  depth = 0,
  /** false: only plausible values, every required field present, no unknown fields. */
  mutate = true,
): fc.Arbitrary<Record<string, unknown>> {
  const s = resolve(document, schema);
  const required: string[] = s.required ?? [];
  const fields = Object.entries<Schema>(s.properties ?? {}).map(([name, fieldSchema]) => {
    const present = valueFor(document, context, fieldSchema, name, depth, mutate).map((value) => ({
      name,
      value,
    }));
    const weight = required.includes(name) ? 9 : 4;
    if (!mutate && required.includes(name)) return present;
    return fc.oneof(
      { weight, arbitrary: present },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
  });
  const extras = mutate
    ? fc.oneof(
        { weight: 5, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: fc.dictionary(extraKey, anyJson, { maxKeys: 3 }) },
      )
    : fc.constant({});
  return fc.tuple(fc.tuple(...fields), extras).map(([chosen, extra]) => {
    const object: Record<string, unknown> = {};
    for (const field of chosen) if (field) object[field.name] = field.value;
    // defineProperty: an extra key such as "constructor" becomes data, never a prototype change.
    for (const [key, value] of Object.entries(extra)) {
      Object.defineProperty(object, key, { value, enumerable: true, writable: true });
    }
    return object;
  });
}

// ── Bodies ──────────────────────────────────────────────────────────────────────────────────────

const MALFORMED_JSON = [
  '{',
  '}',
  '{"type":',
  '{"type":"nomination",}',
  "{'type':'nomination'}",
  '{"a":1}{"b":2}',
  '[1,2,',
  'nul',
  'NaN',
  '{"type":"\\ud800"}',
  '{"type":"\u0000"}',
  '{"a":"\\u00"}',
  '\uFEFF{"type":"nomination"}',
  '{"__proto__":{"isAdmin":true},"type":"nomination"}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"type":"nomination","type":"violation"}',
  '{"expectedVersion":1e999999}',
  '{"expectedVersion":-0.0e-0}',
  '',
  ' ',
  '\u0000',
];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/problem+json',
  'application/vnd.api+json',
  'text/plain',
  'text/csv',
  'text/html',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/json; boundary=""',
  '*/*',
  '',
];

/** The media types of a file sent as the body (document uploads). */
const FILE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];

/** Text that starts like a PDF, so some uploads get past the signature check. */
const fileText = fc
  .tuple(
    fc.constantFrom('%PDF-1.4\n', '%PDF-', '%PDF-1.7\n%âãÏÓ\n'),
    fc.oneof(shortString, edgeString),
  )
  .map(([head, rest]) => `${head}${rest}\n%%EOF\n`);

/** CSV-ish text for the import routes: real headers with junk cells. */
const csvText = fc
  .tuple(
    fc.constantFrom(
      'code,name,kind,parentCode',
      'code,fullName,unitCode,employmentType',
      'code;name;kind',
      '',
      '\uFEFFcode,name,kind,parentCode',
    ),
    fc.array(fc.array(fc.oneof(shortString, edgeString), { maxLength: 5 }), { maxLength: 6 }),
  )
  .map(([header, rows]) =>
    [header, ...rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(','))]
      .join('\n')
      .concat('\n'),
  );

function bodyFor(
  document: any,
  context: FuzzContext,
  operation: Operation,
): fc.Arbitrary<FuzzBody> {
  const media = operation.requestBody ?? {};
  const jsonSchema = media['application/json'];
  const options: fc.WeightedArbitrary<FuzzBody>[] = [];
  if (jsonSchema) {
    for (const mutate of [false, true]) {
      options.push({
        weight: 8,
        arbitrary: objectFor(document, context, jsonSchema, 0, mutate).map((value) => ({
          kind: 'json' as const,
          value,
        })),
      });
    }
  }
  if (media['text/csv']) {
    options.push({
      weight: 6,
      arbitrary: csvText.map((text) => ({ kind: 'raw' as const, contentType: 'text/csv', text })),
    });
  }
  const fileTypes = Object.keys(media).filter((type) => FILE_TYPES.includes(type));
  if (fileTypes.length > 0) {
    // The file itself as the body (dossier documents): a real-looking one, or one that lies.
    options.push({
      weight: 6,
      arbitrary: fc
        .tuple(fc.constantFrom(...fileTypes), fc.oneof(fileText, shortString, edgeString))
        .map(([contentType, text]) => ({ kind: 'raw' as const, contentType, text })),
    });
  }
  const hasBody = Object.keys(media).length > 0;
  options.push(
    { weight: hasBody ? 2 : 4, arbitrary: fc.constant({ kind: 'none' as const }) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...MALFORMED_JSON),
          fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain'),
        )
        .map(([text, contentType]) => ({ kind: 'raw' as const, contentType, text })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...CONTENT_TYPES), fc.oneof(shortString, fc.constantFrom('{"a":1}')))
        .map(([contentType, text]) => ({ kind: 'raw' as const, contentType, text })),
    },
    { weight: 1, arbitrary: wrongValue.map((value) => ({ kind: 'json' as const, value })) },
    {
      // Just over the 1 MiB limit.
      weight: 1,
      arbitrary: fc.constant({
        kind: 'raw' as const,
        contentType: 'application/json',
        text: JSON.stringify({ type: 'x'.repeat(1_100_000) }),
      }),
    },
  );
  return fc.oneof(...options);
}

// ── Parameters ──────────────────────────────────────────────────────────────────────────────────

/** Percent-encodes every byte outside the unreserved set (lone surrogates become U+FFFD). */
export function percentEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(char)
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Path segments sent as they are (already "encoded", some of them badly). */
const RAW_SEGMENTS = [
  '%',
  '%zz',
  '%E0%A4%A',
  '..',
  '.',
  '%2e%2e',
  '%00',
  '%2F',
  ';',
  '%FF%FE',
  '~',
];

function pathParam(context: FuzzContext, template: string, name: string): fc.Arbitrary<string> {
  const encoded = (arb: fc.Arbitrary<string>) => arb.map(percentEncode);
  const versions = fc.constantFrom('1', '2', '0', '-1', '1.5', '1e3', '99999999999999999999', 'v1');
  return fc.oneof(
    { weight: 6, arbitrary: encoded(idFrom(context, kindOfPathParam(template, name))) },
    { weight: 2, arbitrary: encoded(fc.constantFrom(...context.names)) },
    { weight: name === 'version' ? 8 : 1, arbitrary: versions },
    { weight: 2, arbitrary: encoded(fc.uuid()) },
    // Capped so the request line stays under Node's 16 KB header limit.
    { weight: 2, arbitrary: encoded(anyString.map((s) => s.slice(0, 300))) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
  );
}

function queryValue(context: FuzzContext, schema: Schema | undefined): fc.Arbitrary<string> {
  const type = schema?.type;
  const typed =
    type === 'number' || type === 'integer'
      ? fc.oneof(
          fc.integer({ min: -5, max: 200 }).map(String),
          fc.constantFrom(
            '0',
            '-1',
            '1.5',
            '1e309',
            'NaN',
            'Infinity',
            '0x10',
            '99999999999999999999',
            ' 1',
            '',
          ),
        )
      : type === 'boolean'
        ? fc.constantFrom('true', 'false', '1', '0', 'yes', '', 'TRUE')
        : fc.oneof(
            idFrom(context),
            fc.constantFrom(...context.names, ...context.caseTypes),
            fc.constantFrom('eyJ4IjoxfQ', 'bm90IGpzb24', '!!!', 'e30'), // cursor-ish junk
          );
  return fc.oneof(
    { weight: 6, arbitrary: typed },
    { weight: 3, arbitrary: anyString.map((s) => s.slice(0, 1000)) },
  );
}

function queryFor(context: FuzzContext, operation: Operation): fc.Arbitrary<string> {
  const declared = operation.parameters.filter((p) => p.in === 'query');
  const pairs = declared.map((parameter) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant([] as [string, string][]) },
      {
        weight: 3,
        arbitrary: queryValue(context, parameter.schema).map(
          (v) => [[parameter.name, v]] as [string, string][],
        ),
      },
      {
        // Repeated: ?limit=1&limit=x
        weight: 1,
        arbitrary: fc
          .array(queryValue(context, parameter.schema), { minLength: 2, maxLength: 3 })
          .map((vs) => vs.map((v) => [parameter.name, v] as [string, string])),
      },
    ),
  );
  const unknown = fc.oneof(
    { weight: 5, arbitrary: fc.constant([] as [string, string][]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.oneof(extraKey, fc.constantFrom('__proto__', 'constructor', 'a[b]', 'a[]')),
          shortString,
        )
        .map(([k, v]) => [[k, v]] as [string, string][]),
    },
  );
  return fc.tuple(fc.tuple(...pairs), unknown).map(([chosen, extra]) => {
    const all = [...chosen.flat(), ...extra];
    // At most ~3 KB, so that the whole head stays under Node's 16 KB limit (see the spec).
    let query = '';
    for (const [k, v] of all) {
      const pair = `${percentEncode(k)}=${percentEncode(v)}`;
      const room = 3000 - query.length - 1;
      if (room <= 0) break;
      query += `${query ? '&' : '?'}${pair.slice(0, room).replace(/%[0-9A-F]?$/, '')}`;
    }
    return query;
  });
}

// ── Requests ────────────────────────────────────────────────────────────────────────────────────

/** Header-safe idempotency keys: shared (so replayed), fresh, or odd. */
function idempotencyKeyFor(context: FuzzContext): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: fc.constantFrom(...context.sharedKeys) },
    { weight: 2, arbitrary: fc.uuid() },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom('', ' ', 'a', '%00', 'x'.repeat(128), 'x'.repeat(129), 'x'.repeat(2000)),
        fc.string({ unit: 'binary-ascii', maxLength: 64 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
      ),
    },
  );
}

/** Whether the operation documents the Idempotency-Key header (it applies a repeat once). */
function takesIdempotencyKey(operation: Operation): boolean {
  return operation.parameters.some(
    (parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === 'idempotency-key',
  );
}

export function requestFor(
  document: any,
  context: FuzzContext,
  operation: Operation,
): fc.Arbitrary<FuzzRequest> {
  const names = [...operation.template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const params = fc.tuple(...names.map((name) => pathParam(context, operation.template, name)));
  const method = fc.oneof(
    { weight: 20, arbitrary: fc.constant(operation.method) },
    { weight: 1, arbitrary: fc.constantFrom(...HTTP_METHODS) },
  );
  return fc
    .record({
      method,
      params,
      query: queryFor(context, operation),
      caller: fc.constantFrom(...context.callers),
      idempotencyKey: takesIdempotencyKey(operation)
        ? idempotencyKeyFor(context)
        : // Now and then a key where none is taken: refused (400), never silently ignored.
          fc.oneof(
            { weight: 19, arbitrary: fc.constant(undefined) },
            { weight: 1, arbitrary: fc.constantFrom(...context.sharedKeys) },
          ),
      body: bodyFor(document, context, operation),
    })
    .map(({ method: m, params: values, query, caller, idempotencyKey, body }) => {
      let i = 0;
      const path = operation.template.replace(/\{(\w+)\}/g, () => values[i++]);
      return {
        operation: `${operation.method.toUpperCase()} ${operation.template}`,
        method: m,
        url: path + query,
        caller,
        ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
        body,
      };
    });
}

/** A short, readable form of a request for failure reports (huge strings abbreviated). */
export function describeRequest(request: FuzzRequest): string {
  const abbreviate = (text: string) =>
    text.length > 300
      ? `${JSON.stringify(text.slice(0, 120))}…(${text.length} chars)`
      : JSON.stringify(text);
  const body =
    request.body.kind === 'none'
      ? 'no body'
      : request.body.kind === 'json'
        ? `json ${abbreviate(safeStringify(request.body.value))}`
        : `${request.body.contentType || '(empty content-type)'} ${abbreviate(request.body.text)}`;
  return [
    `${request.method.toUpperCase()} ${request.url.length > 400 ? `${request.url.slice(0, 400)}…` : request.url}`,
    `  (operation ${request.operation}, caller ${request.caller}${
      request.idempotencyKey !== undefined
        ? `, Idempotency-Key ${abbreviate(request.idempotencyKey)}`
        : ''
    })`,
    `  body: ${body}`,
  ].join('\n');
}

export function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch (error) {
    return `<unserialisable: ${(error as Error).message}>`;
  }
}
