import { Result } from 'antd';
import type { ReactNode } from 'react';
import { PageTitle } from '../../app/AppShell';
import { useMessages } from '../../i18n/language';
import { hasRole, useMe, type Role } from '../../session/session';
import { adminMessages } from './admin.messages';

/**
 * Shows the screen only to the roles it serves; anyone else reads why, instead of a screen of
 * refused requests. The server checks again on every request.
 */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const me = useMe();
  const t = useMessages(adminMessages);
  if (hasRole(me, ...roles)) return children;
  return (
    <Result
      status="403"
      title={<PageTitle>{t.noAccessTitle}</PageTitle>}
      subTitle={t.noAccessText}
    />
  );
}
