import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Checks an answer against the OpenAPI document the app serves: the JSON schema of the operation's
 * success response, with OpenAPI 3.0's `nullable` said in JSON Schema, and every object closed
 * (`additionalProperties: false` unless the document says otherwise) so that a field the server
 * sends but the document does not name is found, as well as one it names but does not send.
 */

type Schema = Record<string, unknown>;

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>;
  components?: { schemas?: Record<string, Schema> };
}

interface ResponseObject {
  content?: Record<string, { schema?: Schema }>;
}

const REF = '#/components/schemas/';

/** OpenAPI 3.0 schema → JSON Schema (draft 7) as Ajv reads it. */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const { nullable, ...rest } = schema as Schema;
  const converted: Schema = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === '$ref' && typeof value === 'string') {
      converted.$ref = `components#/definitions/${value.slice(REF.length)}`;
    } else if (key === 'properties' && typeof value === 'object' && value !== null) {
      converted.properties = Object.fromEntries(
        Object.entries(value).map(([name, property]) => [name, toJsonSchema(property)]),
      );
    } else {
      converted[key] = toJsonSchema(value);
    }
  }
  if (converted.properties !== undefined && converted.additionalProperties === undefined) {
    converted.additionalProperties = false;
  }
  if (nullable !== true) return converted;
  const composed = ['$ref', 'allOf', 'anyOf', 'oneOf'].some((key) => key in converted);
  if (typeof converted.type === 'string' && !composed) {
    return {
      ...converted,
      type: [converted.type, 'null'],
      ...(Array.isArray(converted.enum) ? { enum: [...converted.enum, null] } : {}),
    };
  }
  return { anyOf: [converted, { type: 'null' }] };
}

export class OpenApiContract {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  /** The document's paths as patterns, those with fewer parameters first (literals win). */
  private readonly templates: { template: string; pattern: RegExp }[];

  constructor(private readonly document: OpenApiDocument) {
    this.templates = Object.keys(document.paths)
      .sort((a, b) => (a.match(/\{/g) ?? []).length - (b.match(/\{/g) ?? []).length)
      .map((template) => ({
        template,
        pattern: new RegExp(
          `^${template
            .split(/\{[^}]+\}/)
            .map((literal) => literal.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
            .join('[^/]+')}$`,
        ),
      }));
    this.ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(this.ajv);
    this.ajv.addSchema({
      $id: 'components',
      definitions: Object.fromEntries(
        Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => [
          name,
          toJsonSchema(schema),
        ]),
      ),
    });
  }

  /**
   * What is wrong with an answer the app gave to `method path` (a concrete path, with its query),
   * if anything. Only successful JSON answers are checked: problems have their own schema.
   */
  answerProblems(
    method: string,
    path: string,
    answer: { status: number; headers: Record<string, string>; body: unknown },
  ): string[] {
    const mediaType = (answer.headers['content-type'] ?? '').split(';')[0].trim();
    const json = mediaType === 'application/json' || mediaType.endsWith('+json');
    if (answer.status < 200 || answer.status > 299 || !json) return [];
    const bare = path.split('?')[0];
    // The document itself (Swagger's route, not an operation of the API).
    if (bare.startsWith('/api/docs')) return [];
    const operation = method.toLowerCase();
    const found = this.templates.find(
      ({ template, pattern }) => pattern.test(bare) && this.document.paths[template][operation],
    );
    if (found === undefined) return [`${method} ${bare}: no such operation in the document`];
    return this.problems(method, found.template, answer.status, answer.body);
  }

  /**
   * What is wrong with `body` as the JSON answer `status` of `method template` (the path as the
   * document writes it, e.g. /api/v1/cases/{id}); empty when it is as documented.
   */
  problems(method: string, template: string, status: number, body: unknown): string[] {
    const operation = this.document.paths[template]?.[method.toLowerCase()];
    if (operation === undefined) return [`${method} ${template} is not in the document`];
    const schema = operation.responses?.[String(status)]?.content?.['application/json']?.schema;
    if (schema === undefined) return [`${method} ${template} documents no JSON answer ${status}`];
    const key = `${method} ${template} ${status}`;
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      validate = this.ajv.compile(toJsonSchema(schema) as Schema);
      this.compiled.set(key, validate);
    }
    if (validate(body)) return [];
    const said = (validate.errors ?? []).map((error) => {
      const extra = (error.params as { additionalProperty?: string }).additionalProperty;
      const what = extra === undefined ? error.message : `has ${extra}, which is not documented`;
      return `${method} ${template}: ${error.instancePath || '(body)'} ${what}`;
    });
    return [...new Set(said)];
  }
}

const byDocument = new Map<string, OpenApiContract>();

/**
 * The contract of a document, compiled once per test process: every app a test file starts serves
 * the same document, and compiling its schemas again for each would cost more than the checks.
 */
export function contractOf(documentText: string): OpenApiContract {
  let contract = byDocument.get(documentText);
  if (contract === undefined) {
    contract = new OpenApiContract(JSON.parse(documentText) as OpenApiDocument);
    byDocument.set(documentText, contract);
  }
  return contract;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/**
 * The agent, with every answer a test awaits checked against the contract; what is wrong goes to
 * `found` (the test app reports it when it closes, as it reports a case whose chain broke).
 */
export function checkedAgainst<Agent extends object>(
  agent: Agent,
  contract: OpenApiContract,
  found: string[],
): Agent {
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || !METHODS.has(String(property))) return value;
      return (url: string, ...rest: unknown[]) => {
        const test = (value as (...args: unknown[]) => PromiseLike<unknown>).call(
          target,
          url,
          ...rest,
        );
        const then = test.then.bind(test);
        (test as { then: PromiseLike<unknown>['then'] }).then = (resolve, reject) =>
          then((answer) => {
            found.push(
              ...contract.answerProblems(
                String(property).toUpperCase(),
                url,
                answer as { status: number; headers: Record<string, string>; body: unknown },
              ),
            );
            return answer;
          }).then(resolve, reject);
        return test;
      };
    },
  });
}
