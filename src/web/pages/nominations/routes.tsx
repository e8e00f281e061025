import type { RouteObject } from 'react-router';
import { NewDecisionPage } from './NewDecisionPage';
import { NewNominationPage } from './NewNominationPage';
import { NewViolationPage } from './NewViolationPage';
import { ViolationsPage } from './ViolationsPage';

/**
 * The signed-in screens of this feature (mounted under the app shell by app/routes.tsx): a new
 * nomination (unit leaders), a batch award decision (secretariat), and violation cases. A case's
 * own page is /cases/:id (pages/cases).
 */
export const nominationRoutes: RouteObject[] = [
  {
    path: '/nominations/new',
    element: <NewNominationPage />,
  },
  {
    path: '/decisions/new',
    element: <NewDecisionPage />,
  },
  {
    path: '/violations',
    element: <ViolationsPage />,
  },
  {
    path: '/violations/new',
    element: <NewViolationPage />,
  },
];
