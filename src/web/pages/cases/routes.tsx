import type { RouteObject } from 'react-router';
import { CaseDetailPage } from './CaseDetailPage';
import { CaseListPage } from './CaseListPage';
import { MyWorkPage } from './MyWorkPage';

/** The signed-in screens of this feature (mounted under the app shell by app/routes.tsx). */
export const caseRoutes: RouteObject[] = [
  { path: '/', element: <MyWorkPage /> },
  { path: '/cases', element: <CaseListPage /> },
  { path: '/cases/:id', element: <CaseDetailPage /> },
];
