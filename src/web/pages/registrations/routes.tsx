import type { RouteObject } from 'react-router';
import { useMessages } from '../../i18n/language';
import type { Role } from '../../session/session';
import { RoleGate } from '../nominations/RoleGate';
import { BulkRegistrationPage } from './BulkRegistrationPage';
import { RegistrationsPage } from './RegistrationsPage';
import { registrationMessages } from './registrations.messages';

/** Who reads the consolidated list (the server checks again, per movement and unit). */
const LIST_READERS: Role[] = [
  'unit_leader',
  'secretariat',
  'council_member',
  'council_chair',
  'auditor',
];

/** Who registers a unit and its people. */
const REGISTRANTS: Role[] = ['unit_leader', 'secretariat'];

function GatedList() {
  const t = useMessages(registrationMessages);
  return (
    <RoleGate roles={LIST_READERS} title={t.title}>
      <RegistrationsPage />
    </RoleGate>
  );
}

function GatedBulk() {
  const t = useMessages(registrationMessages);
  return (
    <RoleGate roles={REGISTRANTS} title={t.bulkTitle}>
      <BulkRegistrationPage />
    </RoleGate>
  );
}

/** Emulation registrations of a movement (mounted under the app shell by app/routes.tsx). */
export const registrationRoutes: RouteObject[] = [
  { path: '/movements/:id/registrations', element: <GatedList /> },
  { path: '/movements/:id/registrations/new', element: <GatedBulk /> },
];
