import { Layout } from 'antd';
import { Link, Outlet } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useMessages } from '../i18n/language';
import { shellMessages } from './shell.messages';

/** The frame of the pages anyone may open: sign-in, public notices, certificate checks. */
export function PublicShell() {
  const t = useMessages(shellMessages);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <Layout.Header
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          gap: '8px 16px',
          background: '#0b3d6e',
          paddingInline: 16,
          paddingBlock: 12,
          // On a phone the name, the language switch and the account wrap onto two lines.
          height: 'auto',
          minHeight: 64,
          lineHeight: 'normal',
        }}
      >
        <Link to="/" style={{ color: '#fff', fontWeight: 600 }}>
          {t.appName}
        </Link>
        <span style={{ flex: 1 }} />
        <LanguageSwitch />
      </Layout.Header>
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
