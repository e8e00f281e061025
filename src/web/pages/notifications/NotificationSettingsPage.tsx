import { Alert, App, Button, Card, Flex, Form, Input, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { PageTitle } from '../../app/AppShell';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLoad } from '../../components/useLoad';
import { useMessages } from '../../i18n/language';
import type { NotificationKind, NotificationPreferences } from './api';
import { notificationsMessages } from './notifications.messages';

/** /account/notifications: one's e-mail address, and which kinds are also sent by e-mail. */
export function NotificationSettingsPage() {
  const t = useMessages(notificationsMessages);
  const { message } = App.useApp();
  const loaded = useLoad(
    (signal) => api.get<NotificationPreferences>('/me/notification-preferences', undefined, signal),
    'preferences',
  );
  const [address, setAddress] = useState('');
  const [wanted, setWanted] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'address' | 'preferences' | null>(null);

  useEffect(() => {
    if (!loaded.data) return;
    setAddress(loaded.data.address ?? '');
    setWanted(Object.fromEntries(loaded.data.preferences.map((p) => [p.kind, p.email])));
  }, [loaded.data]);

  if (loaded.data === undefined) {
    return loaded.error ? <ProblemAlert error={loaded.error} /> : <Loading />;
  }
  const kinds = loaded.data.preferences.map((p) => p.kind);

  const saveAddress = async () => {
    setBusy('address');
    setError(null);
    try {
      await api.put('/me/email', { email: address.trim() || null });
      void message.success(t.addressSaved);
      loaded.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  const savePreferences = async () => {
    setBusy('preferences');
    setError(null);
    try {
      await api.put('/me/notification-preferences', {
        preferences: kinds.map((kind) => ({ kind, email: wanted[kind] ?? true })),
      });
      void message.success(t.preferencesSaved);
      loaded.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageTitle>{t.settingsTitle}</PageTitle>
      <ProblemAlert error={error} />
      {!loaded.data.emailDelivery && (
        <Alert type="info" showIcon title={t.emailOff} style={{ marginBottom: 16 }} />
      )}
      <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 720 }}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.addressTitle}</h2>}>
          <Form layout="vertical" onFinish={() => void saveAddress()}>
            <Form.Item label={t.address} htmlFor="notification-address" extra={t.addressHelp}>
              <Input
                id="notification-address"
                type="email"
                maxLength={254}
                autoComplete="email"
                value={address}
                onChange={(event) => setAddress(event.target.value)}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy === 'address'}>
              {t.saveAddress}
            </Button>
          </Form>
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.kindsTitle}</h2>}>
          <Typography.Paragraph>{t.kindsHelp}</Typography.Paragraph>
          {loaded.data.address === null && (
            <Alert type="warning" showIcon title={t.noAddress} style={{ marginBottom: 16 }} />
          )}
          <Flex vertical gap={12}>
            {kinds.map((kind: NotificationKind) => (
              <Flex key={kind} align="center" gap={12}>
                <Switch
                  id={`email-${kind}`}
                  checked={wanted[kind] ?? true}
                  onChange={(checked) => setWanted((current) => ({ ...current, [kind]: checked }))}
                />
                <label htmlFor={`email-${kind}`}>{t[`kind_${kind}`]}</label>
              </Flex>
            ))}
          </Flex>
          <Button
            type="primary"
            style={{ marginTop: 16 }}
            loading={busy === 'preferences'}
            onClick={() => void savePreferences()}
          >
            {t.savePreferences}
          </Button>
        </Card>
      </Space>
    </>
  );
}
