import { AppError } from '../../common/errors';
import type { StoredCase } from '../../domain/cases/stored-case';
import type { Principal } from '../../domain/org/principal';
import type { WorkflowRole } from '../../domain/roles';
import type {
  OrganisationRepository,
  StoredUnit,
} from '../../persistence/repositories/organisation.repository';

/**
 * The unit in whose name a decision on a case is issued (an award, a discipline, an appeal's
 * answer): the unit of the actor's grant, for a role that may send the event, nearest above the
 * case's unit; an organisation-wide grant issues in the name of the case's top unit. Any workflow
 * whose events issue numbered decisions asks this, so it lives with the engine's plug-in seams.
 */
export async function issuingUnitFor(
  organisation: Pick<OrganisationRepository, 'findUnitById'>,
  stored: StoredCase,
  principal: Principal | null,
  eventRoles: readonly WorkflowRole[],
): Promise<StoredUnit> {
  const path = stored.unitPath ?? '';
  const covering = (principal?.grants ?? [])
    .filter((g) => eventRoles.includes(g.role))
    .filter((g) => g.scope === null || path.startsWith(g.scope))
    .sort((a, b) => (b.scope?.length ?? 0) - (a.scope?.length ?? 0));
  const grant = covering[0];
  const unitId = grant?.unitId ?? path.split('/').filter(Boolean)[0];
  const unit = unitId === undefined ? null : await organisation.findUnitById(unitId);
  if (unit === null) throw noIssuingUnit();
  return unit;
}

export function noIssuingUnit(): AppError {
  return new AppError(
    'DECISION.NO_ISSUING_UNIT',
    'unprocessable',
    'No unit can issue this decision: the grant that allows it names no unit of the registry.',
    {},
    {
      vi: 'Không xác định được đơn vị ban hành quyết định.',
      en: 'No unit can issue this decision: the grant that allows it names no unit of the registry.',
    },
  );
}
