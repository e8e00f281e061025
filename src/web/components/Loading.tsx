import { Spin } from 'antd';
import { useMessages } from '../i18n/language';
import { loadingMessages } from './loading.messages';

/** A placeholder while a screen or a list loads; `role="status"` announces it to screen readers. */
export function Loading({ padding = 48 }: { padding?: number }) {
  const t = useMessages(loadingMessages);
  return (
    <div role="status" style={{ padding, textAlign: 'center' }}>
      <Spin /> <span>{t.loading}</span>
    </div>
  );
}
