import { createBrowserRouter } from 'react-router';
import { ChangePasswordPage } from '../pages/account/ChangePasswordPage';
import { SignInPage } from '../pages/account/SignInPage';
import { adminRoutes } from '../pages/admin/routes';
import { auditRoutes } from '../pages/audit/routes';
import { caseRoutes } from '../pages/cases/routes';
import { councilRoutes } from '../pages/councils/routes';
import { deadlineRoutes } from '../pages/deadlines/routes';
import { movementRoutes } from '../pages/movements/routes';
import { nominationRoutes } from '../pages/nominations/routes';
import { violationRoutes } from '../pages/violations/routes';
import { ratingRoutes } from '../pages/ratings/routes';
import { registrationRoutes } from '../pages/registrations/routes';
import { proposalRoutes } from '../pages/proposals/routes';
import { evaluationRoutes } from '../pages/evaluation/routes';
import { NotFoundPage } from '../pages/NotFoundPage';
import { notificationRoutes } from '../pages/notifications/routes';
import { templateRoutes } from '../pages/templates/routes';
import { publicRoutes } from '../pages/public/routes';
import { AppShell } from './AppShell';
import { PublicShell } from './PublicShell';

/**
 * Every screen's address. Each feature lists its own screens in pages/<feature>/routes.tsx.
 * Public pages (sign-in, notices, certificate checks) need no session; everything under AppShell
 * does. The server answers any of these paths with index.html.
 */
export const router = createBrowserRouter([
  {
    element: <PublicShell />,
    children: [{ path: '/sign-in', element: <SignInPage /> }, ...publicRoutes],
  },
  {
    element: <AppShell />,
    children: [
      { path: '/account/password', element: <ChangePasswordPage /> },
      ...caseRoutes,
      ...nominationRoutes,
      ...violationRoutes,
      ...councilRoutes,
      ...ratingRoutes,
      ...deadlineRoutes,
      ...movementRoutes,
      ...registrationRoutes,
      ...proposalRoutes,
      ...evaluationRoutes,
      ...adminRoutes,
      ...auditRoutes,
      ...notificationRoutes,
      ...templateRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
