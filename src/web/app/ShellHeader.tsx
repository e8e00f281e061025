import { Layout } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useMessages } from '../i18n/language';
import { shellMessages } from './shell.messages';

/**
 * The top of both shells (signed-in and public): the skip link, the app's name and the language
 * switch; `children` come after the switch (the account menu).
 */
export function ShellHeader({ children }: { children?: ReactNode }) {
  const t = useMessages(shellMessages);
  return (
    <>
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
        <Link to="/" style={{ color: '#fff', fontWeight: 600, whiteSpace: 'nowrap' }}>
          {t.appName}
        </Link>
        <span style={{ flex: 1 }} />
        <LanguageSwitch />
        {children}
      </Layout.Header>
    </>
  );
}
