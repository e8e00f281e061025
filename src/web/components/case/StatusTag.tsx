import { Tag } from 'antd';
import type { ReactNode } from 'react';
import './case.css';

export type Tone = 'green' | 'red' | 'orange' | 'blue' | 'gray';

/** A tag whose colours reach WCAG AA contrast; always carries words (and maybe an icon). */
export function StatusTag({
  tone,
  icon,
  children,
}: {
  tone: Tone;
  icon?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Tag className={`case-tag case-tag-${tone}`} icon={icon} style={{ marginInlineEnd: 0 }}>
      {children}
    </Tag>
  );
}

/** The tone of a state's tag, from what the state means (its workflow tags). */
export function stateTone(tags: string[] | undefined, closed: boolean): Tone {
  if (tags?.includes('granted')) return 'green';
  if (tags?.some((tag) => ['revoked', 'rejected', 'discipline_in_force'].includes(tag)))
    return 'red';
  if (tags?.some((tag) => ['objection_under_review', 'pending_matter'].includes(tag)))
    return 'orange';
  if (
    closed ||
    tags?.includes('closed') ||
    tags?.includes('withdrawn') ||
    tags?.includes('dismissed')
  )
    return 'gray';
  return 'blue';
}
