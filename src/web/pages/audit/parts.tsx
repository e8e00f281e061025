import { Typography } from 'antd';
import type { CSSProperties } from 'react';
import { Link } from 'react-router';

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
