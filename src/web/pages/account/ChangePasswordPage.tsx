import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useMessages } from '../../i18n/language';
import { useMe, useSession } from '../../session/session';
import { accountMessages } from './account.messages';

const MIN_PASSWORD_LENGTH = 12;

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordPage() {
  const t = useMessages(accountMessages);
  const me = useMe();
  const { reload } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ currentPassword, newPassword }: PasswordForm) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/auth/password', { currentPassword, newPassword });
      await reload();
      void message.success(t.changed);
      navigate('/', { replace: true });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 480 }}>
      <PageTitle>{t.changePasswordTitle}</PageTitle>
      {me.mustChangePassword && (
        <Alert type="warning" showIcon title={t.mustChangeNotice} style={{ marginBottom: 16 }} />
      )}
      <ProblemAlert error={error} />
      <Form<PasswordForm> layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          label={t.currentPassword}
          name="currentPassword"
          rules={[{ required: true, message: t.passwordRequired }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label={t.newPassword}
          name="newPassword"
          extra={t.passwordRule}
          rules={[
            { required: true, message: t.passwordRequired },
            { min: MIN_PASSWORD_LENGTH, message: t.passwordTooShort },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t.confirmPassword}
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t.passwordRequired },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t.passwordsDiffer)),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t.save}
        </Button>
      </Form>
    </Card>
  );
}
