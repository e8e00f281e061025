import { randomUUID } from 'node:crypto';
import type { Clock } from '../common/clock';
import type { Principal } from '../domain/org/principal';
import type { UnitPath } from '../domain/org/scope';
import type { CaseAccessSpec } from '../domain/workflow/definition';
import { canRead } from '../cases/case-access';
import type { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import type { AuditTrailRepository } from '../persistence/repositories/audit-trail.repository';
import type { CasesRepository } from '../persistence/repositories/cases.repository';

/** Another case (a violation) as far as deciding who may read it goes. */
export interface ReadableCase {
  unitPath: UnitPath | null;
  subjectPersonId: string | null;
  /** The `access` block of its pinned workflow version, if it has one. */
  access?: CaseAccessSpec;
}

/**
 * Whether the reader may read the case in full (as GET /cases/:id decides): what a nomination
 * shows of another case (a violation) is decided by the same rule as that case itself.
 */
export function mayReadCase(principal: Principal, target: ReadableCase | undefined): boolean {
  return target !== undefined && canRead(principal, target, target.access);
}

/**
 * Whether everyone who may read a nomination at `readerPath` may read the case: grants cover
 * subtrees, so exactly when the case lies in the subtree of `readerPath` (a case of no unit is
 * read through organisation-wide grants only), and only when the case has no need-to-know rule
 * of its own (its readers are fewer than a nomination's: never the council members or the unit
 * leader).
 */
export function readersOfAlsoRead(
  readerPath: UnitPath | null,
  target: ReadableCase | undefined,
): boolean {
  if (target === undefined || target.access !== undefined) return false;
  if (readerPath === null) return true;
  return target.unitPath !== null && target.unitPath.startsWith(readerPath);
}

/** Of these cases, those the reader may read in full (each as GET /cases/:id decides). */
export async function readableAmong(
  principal: Principal,
  ids: readonly string[],
  cases: CasesRepository,
  workflows: WorkflowCatalogue,
): Promise<Set<string>> {
  const readable = new Set<string>();
  for (const id of new Set(ids)) {
    const found = await cases.findById(id);
    const access =
      found === null
        ? undefined
        : workflows.get(found.workflow.id, found.workflow.version).definition.access;
    if (found !== null && mayReadCase(principal, { ...found, access })) readable.add(id);
  }
  return readable;
}

/** Logs, in the audit reads, a read of what a nomination keeps apart for the readers who need it. */
export function logRestrictedRead(
  trail: AuditTrailRepository,
  clock: Clock,
  principal: Principal,
  read: { action: string; caseId: string; resultCount: number },
): Promise<void> {
  return trail.recordRead({
    id: randomUUID(),
    at: clock.nowIso(),
    userId: principal.userId,
    username: principal.username,
    action: read.action,
    query: { caseId: read.caseId },
    resultCount: read.resultCount,
  });
}
