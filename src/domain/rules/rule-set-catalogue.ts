import { canonicalJson, sha256Hex } from '../audit/canonical-json';
import { DomainError } from '../errors';
import type { Localized } from '../localized';
import type { RuleSet } from './rule-set';
import { InvalidRuleSetError, isCalendarDate, validateRuleSet } from './validate-rule-set';

export class RuleSetNotFoundError extends DomainError {
  readonly code = 'RULESET.NOT_FOUND';
  readonly kind = 'not_found';

  get localized(): Localized {
    return { vi: `Không tìm thấy bộ quy tắc: ${this.message}`, en: this.message };
  }
}

export interface RuleSetFile {
  /** Where the text came from, for messages; its base name must be `<id>.v<version>.json`. */
  source: string;
  text: string;
}

/** A validated rule set and the content hash a decision records with its id and version. */
export interface LoadedRuleSet {
  ruleSet: RuleSet;
  /** SHA-256 of the rule set's RFC 8785 canonical JSON: formatting changes do not alter it. */
  hash: string;
  source: string;
}

export function ruleSetHash(ruleSet: RuleSet): string {
  return sha256Hex(canonicalJson(ruleSet));
}

/** Every rule set the server knows, validated once at start-up. */
export class RuleSetCatalogue {
  private readonly byKey = new Map<string, LoadedRuleSet>();

  private constructor(loaded: LoadedRuleSet[]) {
    for (const item of loaded) this.byKey.set(key(item.ruleSet.id, item.ruleSet.version), item);
  }

  /**
   * Refuses the whole set if any file is invalid, misnamed or repeats an id and version, or if two
   * different rule sets start on the same day (which one governs would be a guess).
   */
  static load(files: readonly RuleSetFile[]): RuleSetCatalogue {
    const seen = new Map<string, string>();
    const starts = new Map<string, LoadedRuleSet>();
    const loaded = files.map((file) => {
      const ruleSet = validateRuleSet(parse(file), file.source);
      const expectedName = `${ruleSet.id}.v${ruleSet.version}.json`;
      const baseName = file.source.split(/[\\/]/).pop();
      if (baseName !== expectedName) {
        throw new InvalidRuleSetError(file.source, [
          `file name must be "${expectedName}" for id "${ruleSet.id}" version ${ruleSet.version}`,
        ]);
      }
      const k = key(ruleSet.id, ruleSet.version);
      const earlier = seen.get(k);
      if (earlier !== undefined) {
        throw new InvalidRuleSetError(file.source, [
          `duplicate id "${ruleSet.id}" version ${ruleSet.version} (also in ${earlier})`,
        ]);
      }
      seen.set(k, file.source);
      const rival = starts.get(ruleSet.validFrom);
      if (rival !== undefined && rival.ruleSet.id !== ruleSet.id) {
        throw new InvalidRuleSetError(file.source, [
          `validFrom ${ruleSet.validFrom} is also the start of "${rival.ruleSet.id}" (${rival.source}); ` +
            'only one rule set may start on a given day',
        ]);
      }
      const item = { ruleSet, hash: ruleSetHash(ruleSet), source: file.source };
      starts.set(ruleSet.validFrom, item);
      return item;
    });
    return new RuleSetCatalogue(loaded);
  }

  all(): LoadedRuleSet[] {
    return [...this.byKey.values()].sort(
      (a, b) => a.ruleSet.id.localeCompare(b.ruleSet.id) || a.ruleSet.version - b.ruleSet.version,
    );
  }

  get(id: string, version: number): LoadedRuleSet {
    const item = this.find(id, version);
    if (item === undefined) {
      throw new RuleSetNotFoundError(`No rule set "${id}" version ${version}`, { id, version });
    }
    return item;
  }

  /** The rule set of this id and version, if it is loaded. */
  find(id: string, version: number): LoadedRuleSet | undefined {
    return this.byKey.get(key(id, version));
  }

  /**
   * The rule set that governs on `asOf` (YYYY-MM-DD): the latest start on or before that day, and on
   * that day the highest version. Without `asOf`, the latest start of all. The caller supplies the
   * date: the domain reads no clock.
   */
  latest(asOf?: string): LoadedRuleSet {
    if (asOf !== undefined && !isCalendarDate(asOf)) {
      throw new TypeError(`asOf must be a calendar date YYYY-MM-DD, got "${asOf}"`);
    }
    const candidates = this.all()
      .filter((item) => asOf === undefined || item.ruleSet.validFrom <= asOf)
      .sort(
        (a, b) =>
          a.ruleSet.validFrom.localeCompare(b.ruleSet.validFrom) ||
          a.ruleSet.version - b.ruleSet.version,
      );
    const latest = candidates.at(-1);
    if (latest === undefined) {
      throw new RuleSetNotFoundError(
        asOf === undefined ? 'No rule set is loaded' : `No rule set is in force on ${asOf}`,
        asOf === undefined ? {} : { asOf },
      );
    }
    return latest;
  }
}

function key(id: string, version: number): string {
  return `${id}@${version}`;
}

function parse(file: RuleSetFile): unknown {
  try {
    return JSON.parse(file.text);
  } catch (error) {
    throw new InvalidRuleSetError(file.source, [`not valid JSON: ${(error as Error).message}`]);
  }
}
