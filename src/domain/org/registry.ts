/** The registry's vocabulary: what kinds of unit there are and how people are employed. */

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

/** The discipline forms that apply to a person depend on this (Decree 172/2025, QĐ 69-QĐ/TW). */
export const EMPLOYMENT_TYPES = [
  'cadre',
  'civil_servant',
  'public_employee',
  'worker',
  'other',
] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
