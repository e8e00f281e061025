import type { RouteObject } from 'react-router';
import { RequireRole } from './RequireRole';
import { ImportsPage } from './ImportsPage';
import { PeoplePage } from './PeoplePage';
import { PersonDetailPage } from './PersonDetailPage';
import { UnitDetailPage } from './UnitDetailPage';
import { UnitsPage } from './UnitsPage';
import { UserDetailPage } from './UserDetailPage';
import { UsersPage } from './UsersPage';

/**
 * The signed-in screens of this feature (mounted under the app shell by app/routes.tsx): accounts
 * and imports for administrators; the unit tree and the people registry also for auditors, who
 * read them without the buttons that change things.
 */
export const adminRoutes: RouteObject[] = [
  {
    path: '/admin/users',
    element: (
      <RequireRole roles={['admin']}>
        <UsersPage />
      </RequireRole>
    ),
  },
  {
    path: '/admin/users/:id',
    element: (
      <RequireRole roles={['admin']}>
        <UserDetailPage />
      </RequireRole>
    ),
  },
  {
    path: '/admin/units',
    element: (
      <RequireRole roles={['admin', 'auditor']}>
        <UnitsPage />
      </RequireRole>
    ),
  },
  {
    path: '/admin/units/:id',
    element: (
      <RequireRole roles={['admin', 'auditor']}>
        <UnitDetailPage />
      </RequireRole>
    ),
  },
  {
    path: '/admin/people',
    element: (
      <RequireRole roles={['admin', 'auditor']}>
        <PeoplePage />
      </RequireRole>
    ),
  },
  {
    path: '/admin/people/:id',
    element: (
      <RequireRole roles={['admin', 'auditor']}>
        <PersonDetailPage />
      </RequireRole>
    ),
  },
  {
    path: '/imports',
    element: (
      <RequireRole roles={['admin']}>
        <ImportsPage />
      </RequireRole>
    ),
  },
];
