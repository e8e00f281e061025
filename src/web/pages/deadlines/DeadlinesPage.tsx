import { Button, Card, DatePicker, Flex, Select, Table, Typography, message } from 'antd';
import dayjs from 'dayjs';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatLegalDate } from '../../i18n/format';
import { useLocalize, useMessages } from '../../i18n/language';
import { hasRole, useMe } from '../../session/session';
import { UnitTreeSelect } from '../admin/UnitTreeSelect';
import { useUnits } from '../admin/useUnits';
import { deadlinesApi, type DeadlineQuery, type DeadlineStatus, type ListedDeadline } from './api';
import { deadlinesMessages } from './deadlines.messages';
import { DeadlineStatusTag } from './DeadlineStatusTag';

const STATUSES: DeadlineStatus[] = ['pending', 'failed', 'fired', 'skipped', 'cancelled'];
const PAGE = 50;

/**
 * `/deadlines`: the deadlines of the cases in the caller's scope, most overdue first (the server
 * orders by firing time), filtered by unit, status and due day; administrators retry failed ones.
 */
export function DeadlinesPage() {
  const t = useMessages(deadlinesMessages);
  const localize = useLocalize();
  const me = useMe();
  const admin = me !== null && me !== undefined && hasRole(me, 'admin');
  const units = useUnits();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [status, setStatus] = useState<DeadlineStatus>(admin ? 'failed' : 'pending');
  const [dueBefore, setDueBefore] = useState('');
  const [query, setQuery] = useState<DeadlineQuery>({ status, limit: PAGE });
  const [items, setItems] = useState<ListedDeadline[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async (asked: DeadlineQuery, append: boolean) => {
    setLoading(true);
    setError(null);
    try {
      const page = await deadlinesApi.list(asked);
      setItems((before) => (append ? [...before, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(query, false);
  }, [load, query]);

  const show = () =>
    setQuery({
      status,
      limit: PAGE,
      ...(unitId ? { unitId } : {}),
      ...(/^\d{4}-\d{2}-\d{2}$/.test(dueBefore) ? { dueBefore } : {}),
    });

  const retry = async (id: string) => {
    try {
      await deadlinesApi.retry(id);
      void message.success(t.retried);
      void load(query, false);
    } catch (failure) {
      setError(failure);
    }
  };

  const columns: ColumnsType<ListedDeadline> = [
    { title: t.columnDeadline, key: 'label', render: (_, row) => localize(row.label) },
    {
      title: t.columnCase,
      key: 'case',
      render: (_, row) => (
        <Link to={`/cases/${row.caseId}`}>{row.subjectName ?? t.hiddenSubject}</Link>
      ),
    },
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
    ...(admin
      ? [
          {
            title: t.columnAction,
            key: 'action',
            render: (_: unknown, row: ListedDeadline) =>
              row.status === 'failed' ? (
                <Button size="small" onClick={() => void retry(row.id)}>
                  {t.retry}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Typography.Paragraph>{t.intro}</Typography.Paragraph>
      <Card title={t.filters} style={{ marginBottom: 16 }}>
        <Flex wrap gap={16} align="end">
          <div>
            <label htmlFor="deadlines-unit" style={{ display: 'block' }}>
              {t.unit}
            </label>
            <div style={{ minWidth: 260 }}>
              <UnitTreeSelect
                id="deadlines-unit"
                value={unitId}
                onChange={setUnitId}
                roots={units.roots}
                allowClear
                placeholder={t.allUnits}
              />
            </div>
          </div>
          <div>
            <label htmlFor="deadlines-status" style={{ display: 'block' }}>
              {t.status}
            </label>
            <Select<DeadlineStatus>
              id="deadlines-status"
              style={{ minWidth: 160 }}
              value={status}
              onChange={setStatus}
              options={STATUSES.map((value) => ({ value, label: t[value] }))}
            />
          </div>
          <div>
            <label htmlFor="deadlines-due-before" style={{ display: 'block' }}>
              {t.dueBefore}
            </label>
            <DatePicker
              id="deadlines-due-before"
              format="DD/MM/YYYY"
              value={dueBefore === '' ? null : dayjs(dueBefore)}
              onChange={(day) => setDueBefore(day === null ? '' : day.format('YYYY-MM-DD'))}
            />
          </div>
          <Button type="primary" onClick={show}>
            {t.show}
          </Button>
        </Flex>
      </Card>
      {error !== null && <ProblemAlert error={error} />}
      <Table
        rowKey="id"
        loading={loading}
        pagination={false}
        columns={columns}
        dataSource={items}
      />
      {nextCursor !== null && (
        <Button
          style={{ marginTop: 12 }}
          onClick={() => void load({ ...query, cursor: nextCursor }, true)}
        >
          {t.more}
        </Button>
      )}
    </>
  );
}
