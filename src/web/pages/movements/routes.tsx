import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { useMessages } from '../../i18n/language';
import type { Role } from '../../session/session';
import { RoleGate } from '../nominations/RoleGate';
import { AcknowledgePage } from './AcknowledgePage';
import { MovementPage } from './MovementPage';
import { LAUNCHER_ROLES, MovementsPage } from './MovementsPage';
import { movementsMessages } from './movements.messages';
import { NewMovementPage } from './NewMovementPage';
import { ParticipationPage } from './ParticipationPage';
import { ResultsPage } from './ResultsPage';

/** Who reads movements: every case-reading role (the server narrows each list to its scope). */
const MOVEMENT_READERS: Role[] = [
  'unit_leader',
  'secretariat',
  'council_member',
  'council_chair',
  'auditor',
];

function Gate({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const t = useMessages(movementsMessages);
  return (
    <RoleGate roles={roles} title={t.listTitle}>
      {children}
    </RoleGate>
  );
}

/**
 * The movement screens (mounted under the app shell by app/routes.tsx). The registrations page
 * (/movements/:id/registrations) is the registrations' own. The server checks every request again.
 */
export const movementRoutes: RouteObject[] = [
  {
    path: '/movements',
    element: (
      <Gate roles={MOVEMENT_READERS}>
        <MovementsPage />
      </Gate>
    ),
  },
  {
    path: '/movements/new',
    element: (
      <Gate roles={LAUNCHER_ROLES}>
        <NewMovementPage />
      </Gate>
    ),
  },
  {
    path: '/movements/:id',
    element: (
      <Gate roles={MOVEMENT_READERS}>
        <MovementPage />
      </Gate>
    ),
  },
  {
    path: '/movements/:id/acknowledge',
    element: (
      <Gate roles={LAUNCHER_ROLES}>
        <AcknowledgePage />
      </Gate>
    ),
  },
  {
    // The launching unit's report upward; anyone else is answered 403 by the server.
    path: '/movements/:id/results',
    element: (
      <Gate roles={MOVEMENT_READERS}>
        <ResultsPage />
      </Gate>
    ),
  },
  {
    path: '/movements/:id/participations/:participationId',
    element: (
      <Gate roles={MOVEMENT_READERS}>
        <ParticipationPage />
      </Gate>
    ),
  },
];
