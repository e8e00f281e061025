import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client';
import { PageTitle } from '../../app/AppShell';
import { showFieldErrors, splitFieldErrors } from '../../components/fieldErrors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLanguage, useMessages } from '../../i18n/language';
import { useMe, useSession } from '../../session/session';
import { accountMessages } from './account.messages';

const MIN_PASSWORD_LENGTH = 12;
/** The fields the server names in its refusals (a wrong current password, a weak new one). */
const SERVER_FIELDS = ['currentPassword', 'newPassword'];

/** A refusal the form shows entirely under its fields needs no alert above them. */
function onFieldsOnly(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  const { onFields, unplaced } = splitFieldErrors(error.problem.errors, 'en', (field) =>
    SERVER_FIELDS.includes(field) ? [field] : null,
  );
  return onFields.length > 0 && unplaced.length === 0;
}

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordPage() {
  const t = useMessages(accountMessages);
  const { language } = useLanguage();
  const [form] = Form.useForm<PasswordForm>();
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
      // Signed in by cookie, the answer sets a new access cookie: this session goes on, every
      // other one and every older token ends.
      await api.post('/auth/password', { currentPassword, newPassword });
      await reload();
      void message.success(t.changed);
      navigate('/', { replace: true });
    } catch (failure) {
      // The server's verdict (too easy to guess, and why; a wrong current password) goes under
      // the field it is about.
      showFieldErrors(form, failure, language, SERVER_FIELDS);
      setError(onFieldsOnly(failure) ? null : failure);
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
      <Form<PasswordForm> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
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
