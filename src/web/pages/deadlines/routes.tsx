import type { RouteObject } from 'react-router';
import { useMessages } from '../../i18n/language';
import type { Role } from '../../session/session';
import { RoleGate } from '../nominations/RoleGate';
import { deadlinesMessages } from './deadlines.messages';
import { DeadlinesPage } from './DeadlinesPage';

/** Who may list deadlines (src/deadlines/deadlines.controller.ts; admins: failed ones). */
export const DEADLINE_READERS: Role[] = ['secretariat', 'unit_leader', 'auditor', 'admin'];

function Gated() {
  const t = useMessages(deadlinesMessages);
  return (
    <RoleGate roles={DEADLINE_READERS} title={t.title}>
      <DeadlinesPage />
    </RoleGate>
  );
}

/** The deadlines list (mounted under the app shell by app/routes.tsx). */
export const deadlineRoutes: RouteObject[] = [{ path: '/deadlines', element: <Gated /> }];
