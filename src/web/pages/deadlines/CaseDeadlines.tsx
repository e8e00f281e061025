import { Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { formatLegalDate } from '../../i18n/format';
import { useLocalize, useMessages } from '../../i18n/language';
import { deadlinesApi, type Deadline } from './api';
import { deadlinesMessages } from './deadlines.messages';
import { DeadlineStatusTag } from './DeadlineStatusTag';

/**
 * The "Deadlines" section of a case page: its timers, pending and past. Shows nothing to a reader
 * who may not read the case in full (the server answers 404, as for the case's history).
 */
export function CaseDeadlines({ caseId }: { caseId: string }) {
  const t = useMessages(deadlinesMessages);
  const localize = useLocalize();
  const [items, setItems] = useState<Deadline[] | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    deadlinesApi
      .ofCase(caseId, controller.signal)
      .then((answer) => setItems(answer.items))
      .catch(() => setItems(null));
    return () => controller.abort();
  }, [caseId]);

  if (items === null) return null;
  const columns: ColumnsType<Deadline> = [
    { title: t.columnDeadline, key: 'label', render: (_, row) => localize(row.label) },
    {
      title: t.columnDue,
      key: 'due',
      render: (_, row) => (row.dueOn ? formatLegalDate(row.dueOn) : t.noDate),
    },
    {
      title: t.columnStatus,
      key: 'status',
      render: (_, row) => <DeadlineStatusTag deadline={row} />,
    },
  ];
  return (
    <Card
      style={{ marginTop: 16 }}
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t.caseSection}
        </Typography.Title>
      }
    >
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t.none}</Typography.Text>
      ) : (
        <Table rowKey="id" size="small" pagination={false} columns={columns} dataSource={items} />
      )}
    </Card>
  );
}
