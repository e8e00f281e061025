import { theme } from 'antd';

/**
 * A table's "nothing here" text. A plain string would take the table placeholder's disabled grey
 * (#bfbfbf, 1.8:1 on white), which fails WCAG AA contrast.
 */
export function EmptyText({ children }: { children: string }) {
  const { token } = theme.useToken();
  return <span style={{ color: token.colorTextSecondary }}>{children}</span>;
}
