/**
 * The one thing a template's text can do: name a value of the document's data, `{{issuer.name}}`,
 * optionally upper-cased, `{{issuer.name | upper}}`. Names are looked up as own properties only
 * (never a prototype's), values must be strings or numbers, and nothing is evaluated: a template
 * edited by a deployment can print the data, never run anything. Hand-written rather than a
 * template engine (Handlebars, Mustache): they bring helpers, partials, loops and HTML escaping,
 * none of which a PDF line needs, and each is more for an edited file to misuse.
 */

const PLACEHOLDER =
  /\{\{\s*([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)\s*(?:\|\s*(upper|lower)\s*)?\}\}/g;

export type PlaceholderContext = Readonly<Record<string, unknown>>;

export interface Filled {
  text: string;
  /** Some placeholder named nothing, or an empty value. */
  someEmpty: boolean;
}

/** The text with every placeholder replaced by its value (empty when absent), NFC. */
export function fill(text: string, context: PlaceholderContext): Filled {
  let someEmpty = false;
  const filled = text.replace(PLACEHOLDER, (_match, path: string, filter?: string) => {
    const value = lookup(context, path);
    if (typeof value !== 'string' && typeof value !== 'number') {
      someEmpty = true;
      return '';
    }
    const shown = String(value);
    if (shown === '') someEmpty = true;
    if (filter === 'upper') return shown.toLocaleUpperCase('vi-VN');
    if (filter === 'lower') return shown.toLocaleLowerCase('vi-VN');
    return shown;
  });
  return { text: filled.normalize('NFC'), someEmpty };
}

/** The dotted path's value, through own properties only. */
export function lookup(context: PlaceholderContext, path: string): unknown {
  let value: unknown = context;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** What is wrong with the placeholders of one text, against a context holding every field. */
export function placeholderProblems(text: string, context: PlaceholderContext): string[] {
  const problems: string[] = [];
  const rest = text.replace(PLACEHOLDER, (match, path: string) => {
    const value = lookup(context, path);
    if (value === undefined) problems.push(`unknown placeholder ${match}`);
    else if (typeof value !== 'string' && typeof value !== 'number') {
      problems.push(`placeholder ${match} names a list or record, not a text`);
    }
    return '';
  });
  if (rest.includes('{{') || rest.includes('}}')) {
    problems.push(`malformed placeholder in "${text}" (write {{name}} or {{name | upper}})`);
  }
  return problems;
}
