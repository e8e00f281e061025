import { Injectable } from '@nestjs/common';
import type { StoredCase } from '../../domain/cases/stored-case';
import type { Localized } from '../../domain/localized';

/** What a case list shows and filters by beyond the engine's own columns. */
export type ListFacet = 'award' | 'year';

/** The award a case is about, as a list shows it; the name is null when no rule set knows it. */
export interface ListedAward {
  code: string;
  name: Localized | null;
}

/**
 * How a plug-in's cases appear in lists: which field of the case's `data` the `award` and `year`
 * filters compare with (a workflow names its own fields), and the award and year shown for a case.
 * A case type with no describer has neither.
 */
export interface CaseListDescriber {
  readonly caseType: string;
  readonly dataKeys: Partial<Record<ListFacet, string>>;
  describe(stored: StoredCase): { award: ListedAward | null; year: number | null };
}

/** The engine's registry of list describers, one per case type, registered by plug-ins. */
@Injectable()
export class CaseListFacets {
  private readonly describers = new Map<string, CaseListDescriber>();

  register(...describers: CaseListDescriber[]): void {
    for (const describer of describers) {
      if (this.describers.has(describer.caseType)) {
        throw new Error(`Two list describers for the case type "${describer.caseType}"`);
      }
      this.describers.set(describer.caseType, describer);
    }
  }

  /** For each case type whose data carries the facet, the key it is found at. */
  keysOf(facet: ListFacet): Record<string, string> {
    const keys: Record<string, string> = {};
    for (const [caseType, describer] of this.describers) {
      const key = describer.dataKeys[facet];
      if (key !== undefined) keys[caseType] = key;
    }
    return keys;
  }

  describe(stored: StoredCase): { award: ListedAward | null; year: number | null } {
    return this.describers.get(stored.caseType)?.describe(stored) ?? { award: null, year: null };
  }
}
