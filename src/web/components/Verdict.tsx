import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  MinusCircleFilled,
  QuestionCircleFilled,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

export type Tone = 'good' | 'bad' | 'warn' | 'neutral' | 'unknown';

/** Icon colours dark enough for 3:1 against white (WCAG 1.4.11); the text says it all anyway. */
const TONES: Record<Tone, { icon: ReactNode; color: string }> = {
  good: { icon: <CheckCircleFilled />, color: '#237804' },
  bad: { icon: <CloseCircleFilled />, color: '#a8071a' },
  warn: { icon: <ExclamationCircleFilled />, color: '#ad4e00' },
  neutral: { icon: <MinusCircleFilled />, color: '#595959' },
  unknown: { icon: <QuestionCircleFilled />, color: '#595959' },
};

/** A verdict as an icon and its words: colour is never the only signal. */
export function Verdict({ tone, children }: { tone: Tone; children: ReactNode }) {
  const { icon, color } = TONES[tone];
  return (
    <span style={{ display: 'inline-flex', gap: 6, alignItems: 'baseline' }}>
      <span aria-hidden style={{ color }}>
        {icon}
      </span>
      <span style={tone === 'bad' ? { color, fontWeight: 600 } : undefined}>{children}</span>
    </span>
  );
}
