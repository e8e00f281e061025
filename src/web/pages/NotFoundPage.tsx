import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { shellMessages } from '../app/shell.messages';
import { useMessages } from '../i18n/language';

export function NotFoundPage() {
  const t = useMessages(shellMessages);
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<h1 style={{ fontSize: 24 }}>{t.notFoundTitle}</h1>}
      subTitle={t.notFoundText}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t.backHome}
        </Button>
      }
    />
  );
}
