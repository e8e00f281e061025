import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en-gb';
import { RouterProvider } from 'react-router';
import { cspNonce } from '../csp-nonce';
import { LanguageProvider, useLanguage } from '../i18n/language';
import { SessionProvider } from '../session/session';
import { router } from './routes';

function Themed() {
  const { language } = useLanguage();
  dayjs.locale(language === 'vi' ? 'vi' : 'en-gb');
  return (
    <ConfigProvider
      locale={language === 'vi' ? viVN : enUS}
      csp={{ nonce: cspNonce }}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          fontFamily: "'Be Vietnam Pro', system-ui, sans-serif",
          // Darker than antd's defaults, so that text in these colours (links, primary buttons,
          // form errors) reaches WCAG AA contrast on white.
          colorPrimary: '#0b57a4',
          colorLink: '#0b57a4',
          colorError: '#b3261e',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
        },
      }}
    >
      <AntApp>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <LanguageProvider>
      <Themed />
    </LanguageProvider>
  );
}
