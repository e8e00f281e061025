import { Layout } from 'antd';
import { Outlet } from 'react-router';
import { ShellHeader } from './ShellHeader';

/** The frame of the pages anyone may open: sign-in, public notices, certificate checks. */
export function PublicShell() {
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <ShellHeader />
      {/* antd renders Content as the page's one <main> landmark; the skip link lands here. */}
      <Layout.Content
        id="main"
        tabIndex={-1}
        style={{ padding: '24px 16px', maxWidth: 960, width: '100%', margin: '0 auto' }}
      >
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
