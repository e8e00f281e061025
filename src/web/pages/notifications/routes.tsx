import type { RouteObject } from 'react-router';
import { RequireRole } from '../admin/RequireRole';
import { InboxPage } from './InboxPage';
import { NotificationSettingsPage } from './NotificationSettingsPage';
import { OutboxPage } from './OutboxPage';

/**
 * Notifications (mounted under the app shell by app/routes.tsx): everyone's inbox and settings;
 * the e-mail outbox for administrators.
 */
export const notificationRoutes: RouteObject[] = [
  { path: '/inbox', element: <InboxPage /> },
  { path: '/account/notifications', element: <NotificationSettingsPage /> },
  {
    path: '/admin/outbox',
    element: (
      <RequireRole roles={['admin']}>
        <OutboxPage />
      </RequireRole>
    ),
  },
];
