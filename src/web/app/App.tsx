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
          // Status colours for text in tags and alerts, each ≥ 5:1 on white and on its light
          // background (antd's success green is 2.2:1 on #f6ffed). The light backgrounds are
          // given too: from dark seeds antd derives muddy ones (#adb8a5 under the green text).
          colorSuccess: '#237804',
          colorSuccessBg: '#f6ffed',
          colorSuccessBorder: '#b7eb8f',
          colorWarning: '#ad4e00',
          colorWarningBg: '#fffbe6',
          colorWarningBorder: '#ffe58f',
          colorInfo: '#0b57a4',
          colorInfoBg: '#e6f4ff',
          colorInfoBorder: '#91caff',
          colorErrorBg: '#fff2f0',
          colorErrorBorder: '#ffccc7',
        },
        components: {
          // antd's label grey (the tertiary colour), the date picker's days outside the shown
          // month (25 % black) and a table's "nothing here" text (#bfbfbf, 1.8:1) fall under
          // WCAG AA on white.
          Descriptions: { labelColor: 'rgba(0, 0, 0, 0.65)' },
          DatePicker: { colorTextDisabled: 'rgba(0, 0, 0, 0.55)' },
          Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.65)' },
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
