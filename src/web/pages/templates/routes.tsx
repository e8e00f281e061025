import type { RouteObject } from 'react-router';
import { RequireRole } from '../admin/RequireRole';
import { TemplatesPage } from './TemplatesPage';

/** Official document templates (mounted under the app shell by app/routes.tsx). */
export const templateRoutes: RouteObject[] = [
  {
    path: '/admin/templates',
    element: (
      <RequireRole roles={['admin', 'secretariat', 'auditor']}>
        <TemplatesPage />
      </RequireRole>
    ),
  },
];
