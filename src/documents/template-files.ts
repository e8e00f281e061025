import Ajv from 'ajv';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidDataFileError } from '../domain/errors';
import {
  DOCUMENT_FORMATS,
  DOCUMENT_KINDS,
  type DocumentFormat,
  type DocumentKind,
} from './document-kinds';
import { documentContext } from './document-context';
import { lookup, placeholderProblems, type PlaceholderContext } from './placeholders';
import { sampleDocument } from './sample-documents';
import type { DocumentTemplate, TemplateBlock, TemplateLine } from './template';
import schema from './template.schema.json';

export class InvalidTemplateError extends InvalidDataFileError {
  readonly code = 'TEMPLATE.INVALID';

  constructor(source: string, problems: string[]) {
    super(source, problems, 'document template');
  }
}

/** A template as loaded: the file's hash names its exact content in every render's cache key. */
export interface LoadedTemplate {
  template: DocumentTemplate;
  source: string;
  /** SHA-256 (hex) of the file's bytes. */
  sha256: string;
}

const validateShape = new Ajv({ allErrors: true, strict: true }).compile<DocumentTemplate>(schema);

/**
 * Reads and checks every template in the folder: one `<kind>.<format>.json` for each kind and
 * format, each valid against template.schema.json, its placeholders and lists naming fields its
 * kind has. Throws with every problem of the first bad file, so the server refuses to start
 * rather than print a broken decision later.
 */
export function loadTemplates(directory: string): LoadedTemplate[] {
  if (!existsSync(directory)) {
    throw new InvalidTemplateError(directory, [
      'the templates folder does not exist (TEMPLATES_DIR)',
    ]);
  }
  const expected = DOCUMENT_KINDS.flatMap((kind) =>
    DOCUMENT_FORMATS.map((format) => `${kind}.${format}.json`),
  );
  const present = new Set(readdirSync(directory).filter((name) => name.endsWith('.json')));
  const unknown = [...present].filter((name) => !expected.includes(name));
  if (unknown.length > 0) {
    throw new InvalidTemplateError(join(directory, unknown[0]), [
      `not a template name: expected <kind>.<format>.json, one of ${expected.join(', ')}`,
    ]);
  }
  return expected.map((name) => {
    const source = join(directory, name);
    if (!present.has(name)) throw new InvalidTemplateError(source, ['the template is missing']);
    const bytes = readFileSync(source);
    return {
      template: validateTemplate(parse(bytes, source), source, name),
      source,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  });
}

function parse(bytes: Buffer, source: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new InvalidTemplateError(source, [`not JSON: ${(error as Error).message}`]);
  }
}

/** The shape, then what a schema cannot say: the file's name and every placeholder's field. */
export function validateTemplate(raw: unknown, source: string, fileName: string): DocumentTemplate {
  if (!validateShape(raw)) {
    throw new InvalidTemplateError(
      source,
      (validateShape.errors ?? []).map((error) => {
        const params = error.params as { additionalProperty?: string };
        const extra =
          params.additionalProperty === undefined
            ? ''
            : ` (unsupported key "${params.additionalProperty}")`;
        return `${error.instancePath || '/'} ${error.message ?? 'is invalid'}${extra}`;
      }),
    );
  }
  const template = raw;
  const problems: string[] = [];
  if (fileName !== `${template.kind}.${template.format}.json`) {
    problems.push(
      `kind "${template.kind}" and format "${template.format}" do not match the file name ${fileName}`,
    );
  }
  problems.push(...fieldProblems(template, template.kind, template.format));
  if (problems.length > 0) throw new InvalidTemplateError(source, problems);
  return template;
}

/** Every placeholder and list source checked against the sample data of the kind (all fields set). */
function fieldProblems(
  template: DocumentTemplate,
  kind: DocumentKind,
  format: DocumentFormat,
): string[] {
  const context = documentContext(template, sampleDocument(kind, format));
  const problems: string[] = [];
  const check = (where: string, text: string, scope: PlaceholderContext) => {
    for (const problem of placeholderProblems(text, scope)) problems.push(`${where}: ${problem}`);
  };
  const checkLines = (where: string, lines: readonly TemplateLine[] | undefined, scope = context) =>
    (lines ?? []).forEach((line, index) => check(`${where}[${index}].text`, line.text, scope));
  /** The first element of a list the data holds, or a problem. */
  const element = (where: string, source: string, of: 'text' | 'record'): unknown => {
    const list = lookup(context, source);
    if (!Array.isArray(list) || list.length === 0) {
      problems.push(`${where}.source: "${source}" is not a list of this kind of document`);
      return undefined;
    }
    const first: unknown = list[0];
    const isText = typeof first === 'string';
    if ((of === 'text') !== isText) {
      problems.push(`${where}.source: "${source}" is a list of ${isText ? 'texts' : 'records'}`);
      return undefined;
    }
    return first;
  };
  const withItem = (item: unknown): PlaceholderContext => ({ ...context, item, n: 1 });

  check('numberPattern', template.numberPattern, { ...context, sequence: '1' });
  check('title', template.title, context);
  template.blocks.forEach((block: TemplateBlock, index) => {
    const where = `blocks[${index}]`;
    switch (block.type) {
      case 'heading':
        checkLines(`${where}.left`, block.left);
        checkLines(`${where}.right`, block.right);
        break;
      case 'text':
        checkLines(`${where}.lines`, block.lines);
        break;
      case 'list': {
        const item = element(where, block.source, 'text');
        if (item !== undefined) check(`${where}.line.text`, block.line.text, withItem(item));
        checkLines(`${where}.after`, block.after);
        break;
      }
      case 'articles':
        check(`${where}.label`, block.label, { ...context, n: 1 });
        [...block.before, ...block.after].forEach((text, at) =>
          check(`${where}.articles[${at}]`, text, context),
        );
        if (block.source !== undefined) element(where, block.source, 'text');
        break;
      case 'table': {
        const item = element(where, block.source, 'record');
        checkLines(`${where}.title`, block.title);
        if (item !== undefined) {
          block.columns.forEach((column, at) =>
            check(`${where}.columns[${at}].value`, column.value, withItem(item)),
          );
        }
        break;
      }
      case 'closing':
        if (block.left !== undefined && 'source' in block.left) {
          const item = element(`${where}.left`, block.left.source, 'text');
          check(`${where}.left.label.text`, block.left.label.text, context);
          if (item !== undefined)
            check(`${where}.left.line.text`, block.left.line.text, withItem(item));
          checkLines(`${where}.left.after`, block.left.after);
        } else if (block.left !== undefined) {
          checkLines(`${where}.left.lines`, block.left.lines);
        }
        break;
      case 'qr':
        check(`${where}.value`, block.value, context);
        checkLines(`${where}.beside`, block.beside);
        break;
      case 'frame':
        break;
    }
  });
  return problems;
}
