import { Spin } from 'antd';
import { useMessages } from '../../i18n/language';
import { adminMessages } from './admin.messages';

/** A screen's placeholder while its record loads, announced to screen readers. */
export function Loading() {
  const t = useMessages(adminMessages);
  return (
    <div role="status" style={{ padding: 48, textAlign: 'center' }}>
      <Spin /> <span>{t.loading}</span>
    </div>
  );
}
