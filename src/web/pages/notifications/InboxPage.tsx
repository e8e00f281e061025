import { App, Button, Flex, List, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatTimestamp } from '../../i18n/format';
import { fill, useLanguage, useMessages } from '../../i18n/language';
import { KeysetPager, useKeysetPages } from '../admin/useKeysetPages';
import { announceNotificationsChanged, type Notification } from './api';
import { notificationsMessages } from './notifications.messages';

const PAGE_SIZE = 20;

/** /inbox: the signed-in person's notifications, newest first; mark read, open the case. */
export function InboxPage() {
  const t = useMessages(notificationsMessages);
  const { language } = useLanguage();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [error, setError] = useState<unknown>(null);
  const pages = useKeysetPages<Notification>(
    '/me/notifications',
    { unread: filter === 'unread' ? 'true' : undefined },
    PAGE_SIZE,
  );

  const act = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
      pages.reload();
      announceNotificationsChanged();
    } catch (failure) {
      setError(failure);
    }
  };

  const markRead = (item: Notification) =>
    act(async () => {
      await api.post(`/me/notifications/${item.id}/read`);
    });
  const markAll = () =>
    act(async () => {
      const { marked } = await api.post<{ marked: number }>('/me/notifications/read-all');
      void message.success(fill(t.markedAll, { n: marked }));
    });

  return (
    <>
      <PageTitle>{t.inboxTitle}</PageTitle>
      <ProblemAlert error={error ?? pages.error} />
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Radio.Group
          aria-label={t.filterLabel}
          optionType="button"
          value={filter}
          onChange={(event) => setFilter(event.target.value as 'all' | 'unread')}
          options={[
            { value: 'all', label: t.all },
            { value: 'unread', label: t.unreadOnly },
          ]}
        />
        <Space>
          <Link to="/account/notifications">{t.settingsLink}</Link>
          <Button onClick={() => void markAll()}>{t.markAllRead}</Button>
        </Space>
      </Flex>
      <List<Notification>
        loading={pages.loading}
        dataSource={pages.items}
        locale={{ emptyText: t.empty }}
        renderItem={(item) => (
          <List.Item
            key={item.id}
            actions={[
              item.caseId ? (
                <Link key="case" to={`/cases/${item.caseId}`}>
                  {t.openCase}
                </Link>
              ) : null,
              item.readAt === null ? (
                <Button key="read" size="small" onClick={() => void markRead(item)}>
                  {t.markRead}
                </Button>
              ) : null,
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Typography.Text strong={item.readAt === null}>
                    {item.subject[language]}
                  </Typography.Text>
                  {item.readAt === null && <Tag color="blue">{t.unreadTag}</Tag>}
                </Space>
              }
              description={
                <>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-line', marginBottom: 4 }}>
                    {item.body[language]}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary">
                    {formatTimestamp(item.createdAt, language)}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      <KeysetPager pages={pages} />
    </>
  );
}
