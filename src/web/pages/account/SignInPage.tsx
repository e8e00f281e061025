import { Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useMessages } from '../../i18n/language';
import { useSession } from '../../session/session';
import { accountMessages } from './account.messages';

/** Only same-site paths: an open redirect through ?next= would be a phishing aid. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const t = useMessages(accountMessages);
  const { me, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (me) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const user = await signIn(values.username, values.password);
      navigate(user.mustChangePassword ? '/account/password' : safeNext(params.get('next')), {
        replace: true,
      });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 420, margin: '48px auto' }}>
      <PageTitle>{t.signInTitle}</PageTitle>
      <ProblemAlert error={error} />
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          label={t.username}
          name="username"
          rules={[{ required: true, message: t.usernameRequired }]}
        >
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          label={t.password}
          name="password"
          rules={[{ required: true, message: t.passwordRequired }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t.signIn}
        </Button>
      </Form>
    </Card>
  );
}
