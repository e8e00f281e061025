import type { RouteObject } from 'react-router';
import { AuditPage } from './AuditPage';

/**
 * The signed-in screens of this feature (mounted under the app shell by app/routes.tsx).
 * `/audit` takes `?tab=events|reads|checkpoints` and the events filters (`caseId`,
 * `subjectPersonId`, `subjectUnitId`, `actorUserId`, `eventType`, `state`, `fromDate`, `toDate`
 * as YYYY-MM-DD, both included): `/audit?caseId=<id>` lists one case's audit records.
 */
export const auditRoutes: RouteObject[] = [
  {
    path: '/audit',
    element: <AuditPage />,
  },
];
