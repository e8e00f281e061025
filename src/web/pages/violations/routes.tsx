import type { RouteObject } from 'react-router';
import { useMessages } from '../../i18n/language';
import type { Role } from '../../session/session';
import { RoleGate } from '../nominations/RoleGate';
import { statisticsMessages } from './statistics.messages';
import { ViolationStatisticsPage } from './ViolationStatisticsPage';

/** Who may read the counts (the server checks again, per unit). */
export const STATISTICS_READERS: Role[] = [
  'secretariat',
  'council_chair',
  'auditor',
  'unit_leader',
];

function Gated() {
  const t = useMessages(statisticsMessages);
  return (
    <RoleGate roles={STATISTICS_READERS} title={t.title}>
      <ViolationStatisticsPage />
    </RoleGate>
  );
}

/** Violation statistics (mounted under the app shell by app/routes.tsx). */
export const violationRoutes: RouteObject[] = [
  { path: '/violations/statistics', element: <Gated /> },
];
