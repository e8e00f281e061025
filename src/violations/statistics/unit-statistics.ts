import type { ViolationStatistics } from '../../domain/discipline/violation-statistics';

/** The statistics of one unit's subtree, with the unit they were counted for. */
export interface UnitStatistics extends ViolationStatistics {
  unit: { id: string; code: string; name: string };
}
