import { CheckCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useMessages } from '../../i18n/language';
import { adminMessages } from './admin.messages';

/** Active or not, in words with an icon (colour is never the only signal). */
export function ActiveTag({ active }: { active: boolean }) {
  const t = useMessages(adminMessages);
  return active ? (
    <Tag icon={<CheckCircleOutlined aria-hidden />}>{t.active}</Tag>
  ) : (
    <Tag icon={<StopOutlined aria-hidden />}>{t.inactive}</Tag>
  );
}
