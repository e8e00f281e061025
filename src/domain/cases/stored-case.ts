import type { CaseContext } from '../workflow/case-event';

/** Who or what the case is about, as the registry described them when the case was opened. */
export type CaseSubject =
  | { kind: 'person'; id: string; code: string; name: string; unitId: string }
  | { kind: 'unit'; id: string; code: string; name: string };

export interface StoredCase {
  id: string;
  caseType: string;
  workflow: { id: string; version: number; hash: string };
  state: string;
  closed: boolean;
  context: CaseContext;
  subject: CaseSubject;
  /** The unit the case belongs to (the person's unit, or the unit itself): its scope. */
  unitId: string | null;
  /** Read with the case: the unit's current path in the tree (null for cases with no unit). */
  unitPath: string | null;
  subjectPersonId: string | null;
  data: Record<string, unknown>;
  version: number;
  headHash: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}
