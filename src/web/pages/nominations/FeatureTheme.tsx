import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';

/**
 * Status tags and alerts carry text, which needs a contrast of 4.5:1 (WCAG AA, axe
 * color-contrast). antd's default success (#52c41a: 2.2:1 on its #f6ffed tag background), info
 * (#1677ff, for "processing" tags: 3.7:1) and warning colours are too light, and the app's theme
 * (app/App.tsx) darkens only the error colour. This feature's screens (eligibility lines, the
 * readiness of nominations) use darker ones, each ≥ 5:1 on white and on its light background, and
 * keep antd's usual light backgrounds: from dark seeds antd derives muddy ones (a grey green,
 * #adb8a5). The nested provider keeps every other token of the app's theme.
 */
export const ACCESSIBLE_STATUS_COLOURS = {
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
};

export function FeatureTheme({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={{ token: ACCESSIBLE_STATUS_COLOURS }}>{children}</ConfigProvider>;
}
