import { Button, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useEffect } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useMessages } from '../i18n/language';
import { hasRole, useSession, type Me, type Role } from '../session/session';
import { ShellHeader } from './ShellHeader';
import { shellMessages } from './shell.messages';
import { Loading } from '../components/Loading';
import { NotificationBell } from '../pages/notifications/NotificationBell';

type ShellText = Record<keyof typeof shellMessages.vi, string>;

interface NavItem {
  path: string;
  label: keyof typeof shellMessages.vi;
  roles: Role[];
}

const WORKING_ROLES: Role[] = [
  'unit_leader',
  'secretariat',
  'council_member',
  'council_chair',
  'auditor',
];

/** The menu: each item only for the roles whose routes it opens (the server checks again). */
export const NAVIGATION: NavItem[] = [
  { path: '/', label: 'myWork', roles: WORKING_ROLES },
  { path: '/cases', label: 'cases', roles: WORKING_ROLES },
  { path: '/movements', label: 'movements', roles: WORKING_ROLES },
  { path: '/proposals', label: 'proposals', roles: WORKING_ROLES },
  { path: '/nominations/new', label: 'newNomination', roles: ['unit_leader'] },
  { path: '/decisions/new', label: 'newDecision', roles: ['secretariat'] },
  { path: '/violations', label: 'violations', roles: WORKING_ROLES },
  { path: '/deadlines', label: 'deadlines', roles: ['secretariat', 'unit_leader', 'auditor'] },
  { path: '/violations/new', label: 'newViolation', roles: ['secretariat', 'unit_leader'] },
  {
    path: '/violations/statistics',
    label: 'violationStatistics',
    roles: ['secretariat', 'council_chair', 'auditor', 'unit_leader'],
  },
  { path: '/audit', label: 'audit', roles: ['auditor'] },
  { path: '/admin/users', label: 'users', roles: ['admin'] },
  { path: '/admin/units', label: 'units', roles: ['admin', 'auditor'] },
  { path: '/admin/people', label: 'people', roles: ['admin', 'auditor'] },
  { path: '/imports', label: 'imports', roles: ['admin'] },
  { path: '/admin/outbox', label: 'outbox', roles: ['admin'] },
  { path: '/admin/templates', label: 'templates', roles: ['admin', 'secretariat', 'auditor'] },
  // After the administrator's own screens: their start page stays the first of those.
  {
    path: '/councils',
    label: 'councils',
    roles: ['secretariat', 'council_chair', 'council_member', 'admin'],
  },
  {
    path: '/council-sessions',
    label: 'councilSessions',
    roles: ['secretariat', 'council_chair', 'council_member', 'auditor'],
  },
  {
    path: '/ratings',
    label: 'ratings',
    roles: ['secretariat', 'unit_leader', 'council_chair', 'council_member', 'auditor', 'admin'],
  },
  {
    path: '/evaluation',
    label: 'evaluation',
    roles: ['secretariat', 'unit_leader', 'council_chair', 'auditor'],
  },
  { path: '/public/notices', label: 'publicNotices', roles: [] },
];

function navigationFor(me: Me): NavItem[] {
  return NAVIGATION.filter((item) => item.roles.length === 0 || hasRole(me, ...item.roles));
}

function menuItems(me: Me, t: ShellText): MenuProps['items'] {
  return navigationFor(me).map((item) => ({
    key: item.path,
    label: <Link to={item.path}>{t[item.label]}</Link>,
  }));
}

/** Where a user starts: their own work, or the first screen their roles open. */
export function homePathFor(me: Me): string {
  return navigationFor(me)[0]?.path ?? '/account/password';
}

/** The longest menu path that the current address starts with. */
function selectedKey(pathname: string): string {
  const matches = NAVIGATION.map((item) => item.path).filter(
    (path) => pathname === path || (path !== '/' && pathname.startsWith(`${path}/`)),
  );
  return matches.sort((a, b) => b.length - a.length)[0] ?? '/';
}

/** The frame of every signed-in screen; sends the signed-out to sign in, first. */
export function AppShell() {
  const { me, signOut } = useSession();
  const t = useMessages(shellMessages);
  const location = useLocation();
  const navigate = useNavigate();

  useEffect(() => {
    document.title = t.appName;
  }, [t.appName]);

  if (me === undefined) {
    return <Loading />;
  }
  if (me === null) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  if (me.mustChangePassword && location.pathname !== '/account/password') {
    return <Navigate to="/account/password" replace />;
  }

  const accountMenu: MenuProps['items'] = [
    { key: 'password', label: <Link to="/account/password">{t.changePassword}</Link> },
    {
      key: 'notifications',
      label: <Link to="/account/notifications">{t.notificationSettings}</Link>,
    },
    {
      key: 'sign-out',
      label: t.signOut,
      onClick: () => void signOut().then(() => navigate('/sign-in')),
    },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <ShellHeader>
        {/* Until the first password is changed, every other route is refused: no bell yet. */}
        {!me.mustChangePassword && <NotificationBell />}
        <Dropdown menu={{ items: accountMenu }} trigger={['click']}>
          <Button aria-label={`${t.account}: ${me.displayName ?? me.username}`}>
            <Space>{me.displayName ?? me.username}</Space>
          </Button>
        </Dropdown>
      </ShellHeader>
      <Layout>
        <Layout.Sider breakpoint="lg" collapsedWidth={0} width={264} theme="light">
          <nav aria-label={t.navigation}>
            <Menu
              mode="inline"
              selectedKeys={[selectedKey(location.pathname)]}
              items={menuItems(me, t)}
            />
          </nav>
        </Layout.Sider>
        {/* antd renders Content as the page's one <main> landmark; the skip link lands here. */}
        <Layout.Content id="main" tabIndex={-1} style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** A page title that also names the browser tab. */
export function PageTitle({ children }: { children: string }) {
  const t = useMessages(shellMessages);
  useEffect(() => {
    document.title = `${children} – ${t.appName}`;
  }, [children, t.appName]);
  return (
    <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
      {children}
    </Typography.Title>
  );
}
