import { ConfigProvider, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * antd draws Descriptions labels in colorTextTertiary (45 % black), under WCAG AA on white: the
 * labels take the theme's description colour instead (App.tsx could set it once for all).
 */
export const READABLE_LABELS = { label: { color: 'rgba(0, 0, 0, 0.65)' } };

/**
 * antd defaults under WCAG AA on white, kept right for the screens here whatever the app's seeds:
 * the date picker's days outside the shown month (25 % black; here the description grey), and
 * the light alert backgrounds (from dark status seeds antd derives muddy ones, such as #c9c5b5
 * under the warning text). The app's theme (App.tsx) could set these once for every screen; the
 * nominations feature's FeatureTheme does the same for its own.
 */
export function AccessibleTheme({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider
      theme={{
        token: {
          colorInfoBg: '#e6f4ff',
          colorInfoBorder: '#91caff',
          colorErrorBg: '#fff2f0',
          colorErrorBorder: '#ffccc7',
          colorSuccessBg: '#f6ffed',
          colorSuccessBorder: '#b7eb8f',
          colorWarningBg: '#fffbe6',
          colorWarningBorder: '#ffe58f',
        },
        components: { DatePicker: { colorTextDisabled: 'rgba(0, 0, 0, 0.55)' } },
      }}
    >
      {children}
    </ConfigProvider>
  );
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const MONO: CSSProperties = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontSize: 12,
};

/** A case id as a link to the case's page (another feature's screen). */
export function CaseLink({ caseId, label }: { caseId: string; label: string }) {
  return (
    <Link to={`/cases/${caseId}`} aria-label={label} style={{ ...MONO, wordBreak: 'break-all' }}>
      {caseId}
    </Link>
  );
}

/** A hash or an id in a monospace face, broken anywhere so it never widens the table. */
export function Mono({ children, title }: { children: string; title?: string }) {
  return (
    <Typography.Text style={{ ...MONO, wordBreak: 'break-all' }} title={title}>
      {children}
    </Typography.Text>
  );
}

/** Text kept as it is (a PEM, JSON); a scrollable region, so it takes the keyboard focus. */
export function TextBlock({ text, label }: { text: string; label: string }) {
  return (
    <pre
      tabIndex={0}
      role="region"
      aria-label={label}
      style={{
        ...MONO,
        margin: 0,
        padding: 8,
        maxHeight: 320,
        overflow: 'auto',
        background: '#f5f5f5',
        borderRadius: 4,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-word',
      }}
    >
      {text}
    </pre>
  );
}

/** JSON shown as it was recorded. */
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  return <TextBlock text={JSON.stringify(value, null, 2)} label={label} />;
}
