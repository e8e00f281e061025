import { App, Button, Flex, Form, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatTimestamp } from '../../i18n/format';
import { useLanguage, useMessages } from '../../i18n/language';
import { KeysetPager, useKeysetPages } from '../admin/useKeysetPages';
import type { EmailStatus, OutboxEntry } from './api';
import { notificationsMessages } from './notifications.messages';

const PAGE_SIZE = 50;
const STATUS_COLOR: Record<EmailStatus, string> = {
  pending: 'gold',
  sent: 'green',
  dead: 'red',
  off: 'default',
};

/** /admin/outbox: notification e-mails by status; a dead one can be queued again. */
export function OutboxPage() {
  const t = useMessages(notificationsMessages);
  const { language } = useLanguage();
  const { message } = App.useApp();
  const [status, setStatus] = useState<'all' | 'pending' | 'sent' | 'dead'>('dead');
  const [error, setError] = useState<unknown>(null);
  const pages = useKeysetPages<OutboxEntry>(
    '/admin/outbox',
    { status: status === 'all' ? undefined : status },
    PAGE_SIZE,
  );

  const retry = async (entry: OutboxEntry) => {
    setError(null);
    try {
      await api.post(`/admin/outbox/${entry.id}/retry`);
      void message.success(t.retried);
      pages.reload();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <>
      <PageTitle>{t.outboxTitle}</PageTitle>
      <ProblemAlert error={error ?? pages.error} />
      <Flex style={{ marginBottom: 16 }}>
        <Form layout="inline">
          <Form.Item label={t.status} htmlFor="outbox-status">
            <Select
              id="outbox-status"
              style={{ minWidth: 200 }}
              value={status}
              onChange={setStatus}
              options={[
                { value: 'dead', label: t.status_dead },
                { value: 'pending', label: t.status_pending },
                { value: 'sent', label: t.status_sent },
                { value: 'all', label: t.statusAll },
              ]}
            />
          </Form.Item>
        </Form>
      </Flex>
      <Table<OutboxEntry>
        rowKey="id"
        loading={pages.loading}
        dataSource={pages.items}
        pagination={false}
        locale={{ emptyText: t.outboxEmpty }}
        scroll={{ x: true }}
        columns={[
          {
            title: t.createdAt,
            dataIndex: 'createdAt',
            render: (value: string) => formatTimestamp(value, language),
          },
          {
            title: t.recipient,
            render: (_, entry) =>
              entry.userId === null ? (
                <Typography.Text type="secondary">{t.restrictedRecipient}</Typography.Text>
              ) : (
                <>
                  <Link to={`/admin/users/${entry.userId}`}>{entry.username}</Link>
                  {entry.address && (
                    <Typography.Text type="secondary" style={{ display: 'block' }}>
                      {entry.address}
                    </Typography.Text>
                  )}
                </>
              ),
          },
          {
            title: t.subject,
            render: (_, entry) =>
              entry.restricted ? (
                <Typography.Text type="secondary">{t.restrictedSubject}</Typography.Text>
              ) : entry.caseId ? (
                <Link to={`/cases/${entry.caseId}`}>{entry.subject}</Link>
              ) : (
                entry.subject
              ),
          },
          {
            title: t.status,
            dataIndex: 'status',
            render: (value: EmailStatus) => (
              <Tag color={STATUS_COLOR[value]}>{t[`status_${value}`]}</Tag>
            ),
          },
          { title: t.attempts, dataIndex: 'attempts' },
          {
            title: t.nextAttempt,
            dataIndex: 'nextAttemptAt',
            render: (value: string | null) => formatTimestamp(value, language),
          },
          {
            title: t.lastError,
            dataIndex: 'lastError',
            render: (value: string | null) => value ?? '',
          },
          {
            title: t.actions,
            render: (_, entry) =>
              entry.status === 'dead' ? (
                <Button size="small" onClick={() => void retry(entry)}>
                  {t.retry}
                </Button>
              ) : null,
          },
        ]}
      />
      <KeysetPager pages={pages} />
    </>
  );
}
