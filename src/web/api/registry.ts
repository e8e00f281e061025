import { api } from './client';
import type { Page } from './page';

/*
 * The organisation registry as GET /units and GET /people answer it (src/domain/org/registry.ts).
 * Screens that read fewer fields use the same types.
 */

/** The registry's vocabularies, as the server names them. */
export const UNIT_KINDS = [
  'party_committee',
  'grassroots_party_org',
  'party_cell',
  'enterprise',
  'agency',
  'board',
  'office',
  'mass_organisation',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const EMPLOYMENT_TYPES = [
  'cadre',
  'civil_servant',
  'public_employee',
  'worker',
  'other',
] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export interface Unit {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  path: string;
  active: boolean;
  demo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Person {
  id: string;
  code: string;
  fullName: string;
  unitId: string;
  position: string | null;
  dateOfBirth: string | null;
  partyMember: boolean;
  partyJoinedOn: string | null;
  employmentType: EmploymentType;
  active: boolean;
  demo: boolean;
  createdAt: string;
  updatedAt: string;
  unitPath?: string;
}

/** A registry has tens of units, at most a few hundred: a handful of pages of 100. */
const MAX_UNIT_PAGES = 20;

/** Every unit the caller may see (all pages of GET /units), in the API's order: by path. */
export async function loadAllUnits(signal?: AbortSignal): Promise<Unit[]> {
  const units: Unit[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_UNIT_PAGES; page += 1) {
    const answer: Page<Unit> = await api.get<Page<Unit>>('/units', { limit: 100, cursor }, signal);
    units.push(...answer.items);
    cursor = answer.nextCursor;
    if (cursor === null) break;
  }
  return units;
}

export interface UnitInTree {
  unit: Unit;
  depth: number;
  /** The names of the units above it, from the top. */
  parents: string[];
}

/**
 * The units as a tree read top-down, for a flat list that indents by depth: each unit under its
 * parent, siblings by name. A unit whose parent is out of the caller's scope is a root.
 */
export function unitsInTreeOrder(units: readonly Unit[]): UnitInTree[] {
  const ids = new Set(units.map((unit) => unit.id));
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const ordered: UnitInTree[] = [];
  const visit = (parent: string | null, depth: number, parents: string[]) => {
    const siblings = [...(children.get(parent) ?? [])].sort((a, b) =>
      a.name.localeCompare(b.name, 'vi'),
    );
    for (const unit of siblings) {
      ordered.push({ unit, depth, parents });
      visit(unit.id, depth + 1, [...parents, unit.name]);
    }
  };
  visit(null, 0, []);
  return ordered;
}

/** The first 20 people matching a search; the server ignores case and Vietnamese marks. */
export function searchPeople(q: string, signal?: AbortSignal): Promise<Page<Person>> {
  return api.get<Page<Person>>('/people', { q: q.trim() || undefined, limit: 20 }, signal);
}

export function loadPerson(id: string, signal?: AbortSignal): Promise<Person> {
  return api.get<Person>(`/people/${encodeURIComponent(id)}`, undefined, signal);
}
