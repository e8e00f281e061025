import { InvalidDataFileError } from '../errors';
import type { Localized } from '../localized';

/**
 * What kinds of violation are reported (data/catalogues/violation-categories.json), and which of
 * them count against the traffic-law compliance criterion of the plan implementing Directive
 * 23-CT/TW once confirmed. Data, so an organisation can add its own without a release.
 */
export interface ViolationCategory {
  code: string;
  name: Localized;
  group: 'traffic' | 'other';
  countsAgainstTraffic: boolean;
  /** Kept only to read cases of older workflow versions; not offered for new reports. */
  legacy?: boolean;
}

export interface ViolationCategoryCatalogue {
  id: string;
  version: number;
  title: Localized;
  description: Localized;
  categories: readonly ViolationCategory[];
}

export class InvalidViolationCategoriesError extends InvalidDataFileError {
  readonly code = 'VIOLATION_CATEGORIES.INVALID';

  constructor(source: string, problems: string[]) {
    super(source, problems, 'violation category catalogue');
  }
}

const CODE = /^[a-z][a-z0-9_]{0,62}$/;

function isLocalized(value: unknown): value is Localized {
  const v = value as Localized | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.vi === 'string' &&
    v.vi.length > 0 &&
    typeof v.en === 'string' &&
    v.en.length > 0
  );
}

/** Parses and checks the catalogue file; throws with every problem found. */
export function loadViolationCategories(file: {
  source: string;
  text: string;
}): ViolationCategoryCatalogue {
  let raw: unknown;
  try {
    raw = JSON.parse(file.text);
  } catch (error) {
    throw new InvalidViolationCategoriesError(file.source, [
      `not valid JSON: ${(error as Error).message}`,
    ]);
  }
  const catalogue = raw as Partial<ViolationCategoryCatalogue> | null;
  const problems: string[] = [];
  if (typeof catalogue !== 'object' || catalogue === null) {
    throw new InvalidViolationCategoriesError(file.source, ['expected an object']);
  }
  if (typeof catalogue.id !== 'string') problems.push('id: expected a string');
  if (!Number.isInteger(catalogue.version)) problems.push('version: expected an integer');
  if (!isLocalized(catalogue.title)) problems.push('title: expected { vi, en }');
  if (!isLocalized(catalogue.description)) problems.push('description: expected { vi, en }');
  if (!Array.isArray(catalogue.categories) || catalogue.categories.length === 0) {
    problems.push('categories: expected a non-empty list');
  }
  const seen = new Set<string>();
  for (const [index, category] of (catalogue.categories ?? []).entries()) {
    const where = `categories[${index}]`;
    const allowed = new Set(['code', 'name', 'group', 'countsAgainstTraffic', 'legacy']);
    for (const key of Object.keys(category)) {
      if (!allowed.has(key)) problems.push(`${where}: unsupported key "${key}"`);
    }
    if (typeof category.code !== 'string' || !CODE.test(category.code)) {
      problems.push(`${where}.code: expected a lower-case code`);
    } else if (seen.has(category.code)) {
      problems.push(`${where}.code: "${category.code}" appears twice`);
    } else {
      seen.add(category.code);
    }
    if (!isLocalized(category.name)) problems.push(`${where}.name: expected { vi, en }`);
    if (category.group !== 'traffic' && category.group !== 'other') {
      problems.push(`${where}.group: expected traffic or other`);
    }
    if (typeof category.countsAgainstTraffic !== 'boolean') {
      problems.push(`${where}.countsAgainstTraffic: expected true or false`);
    }
    if (category.legacy !== undefined && typeof category.legacy !== 'boolean') {
      problems.push(`${where}.legacy: expected true or false`);
    }
  }
  if (problems.length > 0) throw new InvalidViolationCategoriesError(file.source, problems);
  return Object.freeze(catalogue as ViolationCategoryCatalogue);
}

export function categoryOf(
  catalogue: ViolationCategoryCatalogue,
  code: unknown,
): ViolationCategory | undefined {
  return catalogue.categories.find((c) => c.code === code);
}

/** The categories a new report may choose (older versions' codes are read, never chosen). */
export function reportableCategories(catalogue: ViolationCategoryCatalogue): ViolationCategory[] {
  return catalogue.categories.filter((c) => c.legacy !== true);
}
