import type { RouteObject } from 'react-router';
import { useMessages } from '../../i18n/language';
import type { Role } from '../../session/session';
import { RoleGate } from '../nominations/RoleGate';
import { NewProposalPage } from './NewProposalPage';
import { ProposalDetailPage } from './ProposalDetailPage';
import { ProposalsPage } from './ProposalsPage';
import { proposalMessages } from './proposals.messages';

/** Who reads proposals (the server checks again, per unit scope). */
export const PROPOSAL_READERS: Role[] = [
  'unit_leader',
  'secretariat',
  'council_member',
  'council_chair',
  'auditor',
];

function GatedList() {
  const t = useMessages(proposalMessages);
  return (
    <RoleGate roles={PROPOSAL_READERS} title={t.title}>
      <ProposalsPage />
    </RoleGate>
  );
}

function GatedNew() {
  const t = useMessages(proposalMessages);
  return (
    <RoleGate roles={['secretariat']} title={t.newTitle}>
      <NewProposalPage />
    </RoleGate>
  );
}

function GatedDetail() {
  const t = useMessages(proposalMessages);
  return (
    <RoleGate roles={PROPOSAL_READERS} title={t.title}>
      <ProposalDetailPage />
    </RoleGate>
  );
}

/** Proposals to the competent level (mounted under the app shell by app/routes.tsx). */
export const proposalRoutes: RouteObject[] = [
  { path: '/proposals', element: <GatedList /> },
  { path: '/proposals/new', element: <GatedNew /> },
  { path: '/proposals/:id', element: <GatedDetail /> },
];
