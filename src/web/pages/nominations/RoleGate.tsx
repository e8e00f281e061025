import { Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { fill, useMessages } from '../../i18n/language';
import { hasRole, useMe, type Role } from '../../session/session';
import { commonMessages } from './common.messages';

const ROLE_TEXT: Record<Role, keyof typeof commonMessages.vi> = {
  unit_leader: 'roleUnitLeader',
  secretariat: 'roleSecretariat',
  council_chair: 'roleCouncilChair',
  council_member: 'roleCouncilMember',
  auditor: 'roleAuditor',
  admin: 'roleAdmin',
};

/**
 * Shows the screen only to the roles that may use it (the server checks again); others get a
 * plain explanation instead of a form that would be refused.
 */
export function RoleGate({
  roles,
  title,
  children,
}: {
  roles: readonly Role[];
  title: string;
  children: ReactNode;
}) {
  const me = useMe();
  const t = useMessages(commonMessages);
  if (hasRole(me, ...roles)) return <>{children}</>;
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <Result
        status="403"
        title={<h2 style={{ fontSize: 20, margin: 0 }}>{t.notAllowedTitle}</h2>}
        subTitle={fill(t.notAllowedText, {
          roles: roles.map((role) => t[ROLE_TEXT[role]]).join(', '),
        })}
        extra={<Link to="/cases">{t.backToCases}</Link>}
      />
    </>
  );
}
