import type { OpenAPIObject } from '@nestjs/swagger';
import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';
import type { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';

type Schema = Record<string, unknown>;

const EVENTS_PATH = '/api/v1/cases/{id}/events';

/**
 * Types the body of POST /cases/{id}/events from the workflow files: each event's payload schema
 * becomes a named request schema, and each workflow version's events a union discriminated by
 * `type`, so a client generator gets one typed form per event. Versions published before payload
 * schemas existed keep the generic request (any payload).
 */
export function addEventRequestSchemas(document: OpenAPIObject, catalogue: WorkflowCatalogue) {
  const schemas = (document.components ??= {}).schemas ?? (document.components.schemas = {});
  const unions: Schema[] = [];
  for (const workflow of catalogue.all()) {
    const events = Object.entries(workflow.definition.events).filter(
      ([, spec]) => spec.payloadSchema !== undefined,
    );
    if (events.length === 0) continue;
    const prefix = schemaPrefix(workflow);
    const mapping: Record<string, string> = {};
    for (const [type, spec] of events) {
      const name = `${prefix}${pascal(type)}`;
      schemas[name] = {
        title: `${spec.label.en} (${workflow.definition.id} v${workflow.definition.version})`,
        description: `${spec.label.vi} / ${spec.label.en}${spec.description ? `. ${spec.description}` : ''}`,
        type: 'object',
        additionalProperties: false,
        required: ['type'],
        properties: {
          type: { type: 'string', enum: [type] },
          expectedVersion: {
            type: 'integer',
            minimum: 1,
            description: 'Refuse with 409 unless the case is at this version',
          },
          payload: toOpenApi30(spec.payloadSchema!) as Schema,
        },
      };
      mapping[type] = `#/components/schemas/${name}`;
    }
    schemas[`${prefix}Event`] = {
      description: `The events of ${workflow.definition.id} v${workflow.definition.version} (${workflow.definition.title.vi})`,
      oneOf: Object.values(mapping).map(($ref) => ({ $ref })),
      discriminator: { propertyName: 'type', mapping },
    };
    unions.push({ $ref: `#/components/schemas/${prefix}Event` });
  }
  const body = (
    document.paths[EVENTS_PATH]?.post?.requestBody as
      { content?: Record<string, { schema?: Schema }> } | undefined
  )?.content?.['application/json'];
  if (body === undefined) throw new Error(`The OpenAPI document has no POST ${EVENTS_PATH}`);
  body.schema = {
    description:
      'The event for the case’s workflow version (see GET /workflows/{id}/versions/{version}); versions published before payload schemas take the generic form.',
    anyOf: [...unions, body.schema],
  };
}

function schemaPrefix(workflow: CompiledWorkflow): string {
  return `${pascal(workflow.definition.id)}V${workflow.definition.version}`;
}

function pascal(name: string): string {
  return name
    .toLowerCase()
    .split(/[_\s]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/**
 * The document is OpenAPI 3.0, whose schemas are not quite JSON Schema: no `null` type (a nullable
 * flag instead) and no `const`.
 */
export function toOpenApi30(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toOpenApi30);
  if (typeof schema !== 'object' || schema === null) return schema;
  const node = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, toOpenApi30(value)]),
  ) as Schema;
  if ('const' in node) {
    node.enum = [node.const];
    delete node.const;
  }
  if (Array.isArray(node.oneOf)) {
    const choices = node.oneOf as Schema[];
    const others = choices.filter((choice) => choice.type !== 'null');
    if (others.length < choices.length) {
      delete node.oneOf;
      if (others.length === 1) return { ...others[0], ...node, nullable: true };
      return { ...node, oneOf: others, nullable: true };
    }
  }
  return node;
}
