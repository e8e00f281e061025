import { useMemo } from 'react';
import { useUnits as useAllUnits, type Units } from '../../components/useUnits';
import type { Unit } from './api';

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

export interface UnitsState extends Units {
  /** The visible forest: a unit whose parent the caller cannot see is a root here. */
  roots: UnitNode[];
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

/** The units the signed-in user may see, also as the forest the admin tree draws. */
export function useUnits(): UnitsState {
  const units = useAllUnits();
  const roots = useMemo(() => buildForest(units.units), [units.units]);
  return { ...units, roots };
}
