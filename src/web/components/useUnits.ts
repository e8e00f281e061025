import { useMemo } from 'react';
import { loadAllUnits, type Unit } from '../api/registry';
import { useLoad } from './useLoad';

export interface Units {
  /** In the API's order: by path, parents before children. */
  units: Unit[];
  byId: ReadonlyMap<string, Unit>;
  loading: boolean;
  error: unknown;
  reload(): void;
}

const NO_UNITS: Unit[] = [];

/**
 * Every unit the signed-in user may see (all pages of GET /units). The registry is small enough
 * (hundreds of units) to hold whole; pickers, trees and unit names in lists all need it.
 */
export function useUnits(): Units {
  const { data, loading, error, reload } = useLoad(loadAllUnits, 'units');
  const units = data ?? NO_UNITS;
  const byId = useMemo(() => new Map(units.map((unit) => [unit.id, unit])), [units]);
  return { units, byId, loading, error, reload };
}
