import { useCallback, useEffect, useMemo, useState } from 'react';
import { loadAllUnits, type Unit } from './api';

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

export interface UnitsState {
  /** In tree order (parents before children, siblings by path). */
  units: Unit[];
  byId: Map<string, Unit>;
  /** The visible forest: a unit whose parent the caller cannot see is a root here. */
  roots: UnitNode[];
  loading: boolean;
  error: unknown;
  reload(): void;
}

/** Builds the forest from units in path order. */
export function buildForest(units: Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const unit of units) nodes.set(unit.id, { unit, children: [] });
  const roots: UnitNode[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id)!;
    const parent = unit.parentId ? nodes.get(unit.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The ids of `unitId` and every unit under it. */
export function subtreeIds(units: Unit[], unitId: string): Set<string> {
  const root = units.find((unit) => unit.id === unitId);
  if (!root) return new Set();
  return new Set(
    units
      // Paths end with a slash ("/a/b/"), so a prefix is exactly a subtree.
      .filter((unit) => unit.path.startsWith(root.path))
      .map((unit) => unit.id),
  );
}

/**
 * Every unit the signed-in user may see (all pages of GET /units). The registry is small enough
 * (hundreds of units) to hold whole; the tree, the pickers and unit names in lists all need it.
 */
export function useUnits(): UnitsState {
  const [units, setUnits] = useState<Unit[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    loadAllUnits(controller.signal)
      .then((loaded) => {
        setUnits(loaded);
        setError(null);
      })
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const byId = useMemo(() => new Map(units.map((unit) => [unit.id, unit])), [units]);
  const roots = useMemo(() => buildForest(units), [units]);
  return { units, byId, roots, loading, error, reload };
}
