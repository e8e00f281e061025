import { Segmented } from 'antd';
import { useLanguage, useMessages } from '../i18n/language';
import { shellMessages } from '../app/shell.messages';

export function LanguageSwitch() {
  const { language, setLanguage } = useLanguage();
  const t = useMessages(shellMessages);
  return (
    <Segmented
      aria-label={t.language}
      size="small"
      value={language}
      onChange={(value) => setLanguage(value as 'vi' | 'en')}
      options={[
        { label: <span lang="vi">Tiếng Việt</span>, value: 'vi' },
        { label: <span lang="en">English</span>, value: 'en' },
      ]}
    />
  );
}
