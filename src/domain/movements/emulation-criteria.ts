import { InvalidDataFileError } from '../errors';
import type { Localized } from '../localized';

/**
 * What an emulation movement may be judged by (data/catalogues/emulation-criteria.json): a
 * movement chooses its criteria from here, with weights where it scores, and each participating
 * unit reports its results against them. Data, so an organisation adds its own without a release.
 */
export interface EmulationCriterion {
  code: string;
  name: Localized;
  description: Localized;
  /** The default weight (0–100) where a movement scores; absent: reported in words only. */
  scored?: number;
  /** Where the criterion comes from: a rule-set source id and the passage cited. */
  source?: { sourceId: string; citation: string };
  /** false: a common criterion not yet checked against a text, for the standing office to confirm. */
  confirmed: boolean;
}

export interface EmulationCriteriaCatalogue {
  id: string;
  version: number;
  title: Localized;
  description: Localized;
  criteria: readonly EmulationCriterion[];
}

export class InvalidEmulationCriteriaError extends InvalidDataFileError {
  readonly code = 'EMULATION_CRITERIA.INVALID';

  constructor(source: string, problems: string[]) {
    super(source, problems, 'emulation criteria catalogue');
  }
}

const CODE = /^[a-z][a-z0-9_]{0,62}$/;
const CRITERION_KEYS = new Set(['code', 'name', 'description', 'scored', 'source', 'confirmed']);

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

function criterionProblems(criterion: EmulationCriterion, where: string): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(criterion)) {
    if (!CRITERION_KEYS.has(key)) problems.push(`${where}: unsupported key "${key}"`);
  }
  if (!isLocalized(criterion.name)) problems.push(`${where}.name: expected { vi, en }`);
  if (!isLocalized(criterion.description))
    problems.push(`${where}.description: expected { vi, en }`);
  const { scored, source } = criterion;
  if (scored !== undefined && !(typeof scored === 'number' && scored >= 0 && scored <= 100)) {
    problems.push(`${where}.scored: expected a number from 0 to 100`);
  }
  if (
    source !== undefined &&
    !(
      typeof source === 'object' &&
      source !== null &&
      typeof source.sourceId === 'string' &&
      typeof source.citation === 'string' &&
      source.citation.length > 0 &&
      Object.keys(source).length === 2
    )
  ) {
    problems.push(`${where}.source: expected { sourceId, citation }`);
  }
  if (typeof criterion.confirmed !== 'boolean') {
    problems.push(`${where}.confirmed: expected true or false`);
  }
  return problems;
}

/** Parses and checks the catalogue file; throws with every problem found. */
export function loadEmulationCriteria(file: {
  source: string;
  text: string;
}): EmulationCriteriaCatalogue {
  let raw: unknown;
  try {
    raw = JSON.parse(file.text);
  } catch (error) {
    throw new InvalidEmulationCriteriaError(file.source, [
      `not valid JSON: ${(error as Error).message}`,
    ]);
  }
  const catalogue = raw as Partial<EmulationCriteriaCatalogue> | null;
  if (typeof catalogue !== 'object' || catalogue === null || Array.isArray(catalogue)) {
    throw new InvalidEmulationCriteriaError(file.source, ['expected an object']);
  }
  const problems: string[] = [];
  if (typeof catalogue.id !== 'string') problems.push('id: expected a string');
  if (!Number.isInteger(catalogue.version)) problems.push('version: expected an integer');
  if (!isLocalized(catalogue.title)) problems.push('title: expected { vi, en }');
  if (!isLocalized(catalogue.description)) problems.push('description: expected { vi, en }');
  if (!Array.isArray(catalogue.criteria) || catalogue.criteria.length === 0) {
    problems.push('criteria: expected a non-empty list');
  }
  const seen = new Set<string>();
  for (const [index, criterion] of (catalogue.criteria ?? []).entries()) {
    const where = `criteria[${index}]`;
    if (typeof criterion !== 'object' || criterion === null) {
      problems.push(`${where}: expected an object`);
      continue;
    }
    if (typeof criterion.code !== 'string' || !CODE.test(criterion.code)) {
      problems.push(`${where}.code: expected a lower-case code`);
    } else if (seen.has(criterion.code)) {
      problems.push(`${where}.code: "${criterion.code}" appears twice`);
    } else {
      seen.add(criterion.code);
    }
    problems.push(...criterionProblems(criterion, where));
  }
  if (problems.length > 0) throw new InvalidEmulationCriteriaError(file.source, problems);
  return Object.freeze(catalogue as EmulationCriteriaCatalogue);
}

export function criterionOf(
  catalogue: EmulationCriteriaCatalogue,
  code: unknown,
): EmulationCriterion | undefined {
  return catalogue.criteria.find((c) => c.code === code);
}
