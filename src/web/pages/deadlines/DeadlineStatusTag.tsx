import { Tag, Tooltip } from 'antd';
import { useLocalize, useMessages } from '../../i18n/language';
import type { Deadline } from './api';
import { deadlinesMessages } from './deadlines.messages';

const COLOURS: Record<Deadline['status'], string> = {
  pending: 'blue',
  fired: 'green',
  skipped: 'default',
  cancelled: 'default',
  failed: 'red',
};

/** A deadline's status; overdue when pending past its day; why, when it failed or was skipped. */
export function DeadlineStatusTag({ deadline }: { deadline: Deadline }) {
  const t = useMessages(deadlinesMessages);
  const localize = useLocalize();
  const tag = deadline.overdue ? (
    <Tag color="red">{t.overdue}</Tag>
  ) : (
    <Tag color={COLOURS[deadline.status]}>{t[deadline.status]}</Tag>
  );
  return deadline.message ? <Tooltip title={localize(deadline.message)}>{tag}</Tooltip> : tag;
}
