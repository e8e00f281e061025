import type { RouteObject } from 'react-router';
import { RoleGate } from '../nominations/RoleGate';
import { BallotPage } from './BallotPage';
import { CouncilPage } from './CouncilPage';
import { CouncilsPage } from './CouncilsPage';
import { councilsMessages } from './councils.messages';
import { COUNCIL_READERS, SESSION_READERS } from './roles';
import { SessionPage } from './SessionPage';
import { SessionsPage } from './SessionsPage';
import { sessionsMessages } from './sessions.messages';
import { useMessages } from '../../i18n/language';
import type { ReactNode } from 'react';
import type { Role } from '../../session/session';

/** A gate titled in the reader's language (the title is the screen's, shown with the refusal). */
function Gate({
  roles,
  title,
  children,
}: {
  roles: Role[];
  title: 'councils' | 'sessions';
  children: ReactNode;
}) {
  const councils = useMessages(councilsMessages);
  const sessions = useMessages(sessionsMessages);
  return (
    <RoleGate roles={roles} title={title === 'councils' ? councils.listTitle : sessions.listTitle}>
      {children}
    </RoleGate>
  );
}

/**
 * The council's screens (mounted under the app shell by app/routes.tsx): councils and their
 * rosters, sessions from scheduling to minutes, and a member's ballot. The server checks every
 * request again; the gates only spare a reader a screen of refusals.
 */
export const councilRoutes: RouteObject[] = [
  {
    path: '/councils',
    element: (
      <Gate roles={COUNCIL_READERS} title="councils">
        <CouncilsPage />
      </Gate>
    ),
  },
  {
    path: '/councils/:id',
    element: (
      <Gate roles={COUNCIL_READERS} title="councils">
        <CouncilPage />
      </Gate>
    ),
  },
  {
    path: '/council-sessions',
    element: (
      <Gate roles={SESSION_READERS} title="sessions">
        <SessionsPage />
      </Gate>
    ),
  },
  {
    path: '/council-sessions/:id',
    element: (
      <Gate roles={SESSION_READERS} title="sessions">
        <SessionPage />
      </Gate>
    ),
  },
  {
    path: '/council-sessions/:id/ballot',
    element: (
      <Gate roles={SESSION_READERS} title="sessions">
        <BallotPage />
      </Gate>
    ),
  },
];
