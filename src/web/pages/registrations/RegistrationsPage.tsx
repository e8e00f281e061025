import { DownloadOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatLegalDate } from '../../i18n/format';
import { fill, useLanguage, useLocalize, useMessages } from '../../i18n/language';
import { UnitTreeSelect } from '../admin/UnitTreeSelect';
import { useUnits } from '../admin/useUnits';
import {
  REGISTRATION_STATES,
  registrationApi,
  type RegistrationList,
  type RegistrationQuery,
  type RegistrationRow,
  type RegistrationState,
} from './api';
import { registrationMessages } from './registrations.messages';

const STATE_COLOURS: Record<RegistrationState, string> = {
  submitted: 'blue',
  returned: 'orange',
  approved: 'green',
  refused: 'red',
  withdrawn: 'default',
};

const STATE_TEXT = {
  submitted: 'stateSubmitted',
  returned: 'stateReturned',
  approved: 'stateApproved',
  refused: 'stateRefused',
  withdrawn: 'stateWithdrawn',
} as const satisfies Record<RegistrationState, keyof typeof registrationMessages.vi>;

interface FilterForm {
  state: RegistrationState | null;
  unitId: string | null;
}

/**
 * `/movements/:id/registrations`: the consolidated list, filtered by state and unit, with its XLSX
 * download. Each registration is decided on its case page (the actions the caller may take there).
 */
export function RegistrationsPage() {
  const { id = '' } = useParams();
  const t = useMessages(registrationMessages);
  const localize = useLocalize();
  const { language } = useLanguage();
  const units = useUnits();
  const registered = (useLocation().state as { registered?: number } | null)?.registered;
  const [query, setQuery] = useState<RegistrationQuery>({});
  const [list, setList] = useState<RegistrationList | null>(null);
  const [loading, setLoading] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    registrationApi
      .list(id, query, controller.signal)
      .then(setList)
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [id, query]);

  const filter = (values: FilterForm) =>
    setQuery({
      ...(values.state ? { state: values.state } : {}),
      ...(values.unitId ? { unitId: values.unitId } : {}),
    });

  const download = async () => {
    setDownloading(true);
    setError(null);
    try {
      await registrationApi.download(id, query, language);
    } catch (failure) {
      setError(failure);
    } finally {
      setDownloading(false);
    }
  };

  const columns: ColumnsType<RegistrationRow> = [
    {
      title: t.columnRegistrant,
      key: 'registrant',
      render: (_, row) => (
        <>
          {row.registrant.name}{' '}
          <Typography.Text type="secondary">({row.registrant.code})</Typography.Text>
        </>
      ),
    },
    {
      title: t.columnKind,
      key: 'kind',
      render: (_, row) => (row.kind === 'unit' ? t.kindUnit : t.kindIndividual),
    },
    { title: t.columnUnit, key: 'unit', render: (_, row) => row.unit.name ?? '—' },
    {
      title: t.columnTargets,
      key: 'targets',
      render: (_, row) => row.targets.awards.map((award) => localize(award.name)).join('; ') || '—',
    },
    {
      title: t.columnPledges,
      key: 'pledges',
      render: (_, row) =>
        row.targets.pledges.length === 0 ? (
          '—'
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {row.targets.pledges.map((pledge, index) => (
              <li key={index}>{pledge.text}</li>
            ))}
          </ul>
        ),
    },
    {
      title: t.columnState,
      key: 'state',
      render: (_, row) => (
        <Tag color={STATE_COLOURS[row.state] ?? 'default'}>{localize(row.stateLabel)}</Tag>
      ),
    },
    {
      title: t.columnRegisteredOn,
      key: 'registeredOn',
      render: (_, row) => formatLegalDate(row.registeredOn),
    },
    {
      title: t.columnOpen,
      key: 'open',
      render: (_, row) => (
        <Link
          to={`/cases/${encodeURIComponent(row.caseId)}`}
          aria-label={`${t.open}: ${row.registrant.name}`}
        >
          {t.open}
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Typography.Paragraph>{t.intro}</Typography.Paragraph>
      {list && (
        <Typography.Paragraph>
          {t.movement}: <strong>{list.movement.title}</strong> ({list.movement.code}) ·{' '}
          <Link to={`/movements/${encodeURIComponent(id)}`} style={{ textDecoration: 'underline' }}>
            {t.backToMovement}
          </Link>
        </Typography.Paragraph>
      )}
      {registered !== undefined && (
        <Alert
          type="success"
          showIcon
          message={fill(t.registered, { count: registered })}
          style={{ marginBottom: 16 }}
        />
      )}
      {list?.movement.callerDecides && (
        <Alert type="info" showIcon message={t.youDecide} style={{ marginBottom: 16 }} />
      )}
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.filters}</h2>} size="small">
        <Form<FilterForm>
          layout="inline"
          initialValues={{ state: null, unitId: null }}
          onFinish={filter}
          style={{ rowGap: 8 }}
        >
          <Form.Item name="state" label={t.state} style={{ minWidth: 240 }}>
            <Select
              allowClear
              placeholder={t.anyState}
              options={REGISTRATION_STATES.map((state) => ({
                value: state,
                label: t[STATE_TEXT[state]],
              }))}
            />
          </Form.Item>
          <Form.Item name="unitId" label={t.unit} style={{ minWidth: 320 }}>
            <UnitTreeSelect
              roots={units.roots}
              loading={units.loading}
              allowClear
              placeholder={t.anyUnit}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={loading}>
              {t.show}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <div style={{ marginTop: 16 }}>
        <ProblemAlert error={error ?? units.error} />
      </div>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ margin: '16px 0 12px' }}>
        <h2 style={{ fontSize: 18, margin: 0 }}>
          {fill(t.count, { count: list?.items.length ?? 0 })}
        </h2>
        <Flex gap={8} wrap>
          <Link to={`/movements/${encodeURIComponent(id)}/registrations/new`}>
            <Button icon={<TeamOutlined />}>{t.register}</Button>
          </Link>
          <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download()}>
            {t.download}
          </Button>
        </Flex>
      </Flex>
      <Table<RegistrationRow>
        rowKey="caseId"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={list?.items ?? []}
        locale={{ emptyText: t.empty }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: true }}
      />
    </>
  );
}
