import { SendOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { StatusTag } from '../../components/case/StatusTag';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatLegalDate } from '../../i18n/format';
import { useLocalize, useMessages } from '../../i18n/language';
import { hasRole, useMe } from '../../session/session';
import { proposalApi, type Direction, type ProposalSummary } from './api';
import { proposalMessages } from './proposals.messages';

/**
 * `/proposals`: the proposals sent to the caller's units (their queue: record the decision on each)
 * and those their units sent, by state, newest first.
 */
export function ProposalsPage() {
  const t = useMessages(proposalMessages);
  const localize = useLocalize();
  const me = useMe();
  const [direction, setDirection] = useState<Direction>('in');
  const [state, setState] = useState<string | undefined>(undefined);
  const [items, setItems] = useState<ProposalSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    proposalApi
      .list(direction, state, undefined, controller.signal)
      .then((page) => {
        setItems(page.items);
        setCursor(page.nextCursor);
      })
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [direction, state]);

  const more = async () => {
    if (cursor === null) return;
    setLoading(true);
    try {
      const page = await proposalApi.list(direction, state, cursor);
      setItems((before) => [...before, ...page.items]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  };

  const columns: ColumnsType<ProposalSummary> = [
    {
      title: t.columnNumber,
      key: 'number',
      render: (_, row) => (
        <>
          {row.number}{' '}
          <StatusTag tone={row.format === 'party' ? 'red' : 'blue'}>
            {row.format === 'party' ? t.party : t.stateFormat}
          </StatusTag>
        </>
      ),
    },
    { title: t.columnFrom, key: 'from', render: (_, row) => row.proposingUnit.name },
    {
      title: t.columnTo,
      key: 'to',
      render: (_, row) =>
        `${localize(row.to.authorityName) || row.to.authority} (${row.to.unit?.name ?? t.outside})`,
    },
    { title: t.columnCount, dataIndex: 'nominationCount', key: 'count' },
    {
      title: t.columnState,
      key: 'state',
      render: (_, row) => (
        <StatusTag tone={row.state === 'sent' ? 'blue' : 'gray'}>
          {localize(row.stateLabel)}
        </StatusTag>
      ),
    },
    {
      title: t.columnProposedOn,
      key: 'proposedOn',
      render: (_, row) => formatLegalDate(row.proposedOn),
    },
    {
      title: t.columnOpen,
      key: 'open',
      render: (_, row) => (
        <Link
          to={`/proposals/${encodeURIComponent(row.id)}`}
          aria-label={`${t.open}: ${row.number}`}
        >
          {t.open}
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      <Flex gap={16} align="center" wrap style={{ marginBottom: 16 }}>
        <label htmlFor="proposal-state">{t.state}</label>
        <Select<string>
          id="proposal-state"
          style={{ minWidth: 240 }}
          value={state ?? ''}
          onChange={(value) => setState(value === '' ? undefined : value)}
          options={[
            { value: '', label: t.anyState },
            { value: 'sent', label: t.stateSent },
            { value: 'decided', label: t.stateDecided },
          ]}
        />
        {hasRole(me, 'secretariat') && (
          <Link to="/proposals/new">
            <Button type="primary" icon={<SendOutlined />}>
              {t.propose}
            </Button>
          </Link>
        )}
      </Flex>
      <ProblemAlert error={error} />
      <Tabs
        activeKey={direction}
        onChange={(key) => setDirection(key as Direction)}
        items={[
          { key: 'in', label: t.incoming },
          { key: 'out', label: t.outgoing },
        ]}
      />
      <Table<ProposalSummary>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        locale={{ emptyText: t.empty }}
        aria-label={direction === 'in' ? t.incoming : t.outgoing}
      />
      {cursor !== null && (
        <Button style={{ marginTop: 16 }} onClick={more} loading={loading}>
          {t.more}
        </Button>
      )}
    </>
  );
}
