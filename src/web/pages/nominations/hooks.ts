import { useMemo } from 'react';
import { nominationApi, type Unit } from './api';
import { useLoad, type Loaded } from './useLoad';

/** The units of the caller's scope (every page), and their names by id. */
export function useUnits(): Loaded<Unit[]> & { names: ReadonlyMap<string, string> } {
  const loaded = useLoad((signal) => nominationApi.units(signal), 'units');
  const names = useMemo(
    () => new Map((loaded.data ?? []).map((unit) => [unit.id, unit.name])),
    [loaded.data],
  );
  return { ...loaded, names };
}
