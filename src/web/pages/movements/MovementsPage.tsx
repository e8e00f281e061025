import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { StatusTag } from '../../components/case/StatusTag';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLoad } from '../../components/useLoad';
import { formatLegalDate } from '../../i18n/format';
import { useLocalize, useMessages } from '../../i18n/language';
import { hasRole, useMe } from '../../session/session';
import { movementApi, type MovementSummary } from './api';
import { movementsMessages } from './movements.messages';

/** Who drafts and launches a movement (the workflow's openRoles). */
export const LAUNCHER_ROLES = ['secretariat', 'unit_leader'] as const;

/** `/movements`: the movements the caller launched or that were launched to their units. */
export function MovementsPage() {
  const t = useMessages(movementsMessages);
  const localize = useLocalize();
  const me = useMe();
  const navigate = useNavigate();
  const movements = useLoad((signal) => movementApi.list(signal), 'movements');

  const columns: ColumnsType<MovementSummary> = [
    { title: t.colCode, key: 'code', render: (_, m) => m.code },
    {
      title: t.colTitle,
      key: 'title',
      render: (_, m) => <Link to={`/movements/${m.id}`}>{m.title}</Link>,
    },
    { title: t.colType, key: 'type', render: (_, m) => t[`type_${m.type}`] },
    { title: t.colLauncher, key: 'launcher', render: (_, m) => m.launchingUnit.name },
    {
      title: t.colPeriod,
      key: 'period',
      render: (_, m) => `${formatLegalDate(m.period.from)} – ${formatLegalDate(m.period.to)}`,
    },
    {
      title: t.colState,
      key: 'state',
      render: (_, m) => (
        <StatusTag tone={m.tags.includes('movement_live') ? 'green' : 'gray'}>
          {localize(m.stateLabel)}
        </StatusTag>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="start" wrap gap={16}>
        <PageTitle>{t.listTitle}</PageTitle>
        {hasRole(me, ...LAUNCHER_ROLES) && (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => navigate('/movements/new')}
          >
            {t.launchNew}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 880 }}>
        {t.listIntro}
      </Typography.Paragraph>
      <ProblemAlert error={movements.error} />
      <Table<MovementSummary>
        aria-label={t.listTable}
        rowKey="id"
        columns={columns}
        dataSource={movements.data?.items ?? []}
        loading={movements.loading}
        pagination={false}
        size="middle"
        scroll={{ x: 900 }}
        locale={{ emptyText: t.listEmpty }}
      />
    </>
  );
}
