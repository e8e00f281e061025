import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Modal, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fill, useMessages } from '../../i18n/language';
import { hasRole, useMe } from '../../session/session';
import { ActiveTag } from './ActiveTag';
import { adminMessages } from './admin.messages';
import type { Person } from './api';
import { employmentLabel, unitName } from './labels';
import { peopleMessages } from './people.messages';
import { PersonForm } from './PersonForm';
import { UnitTreeSelect } from './UnitTreeSelect';
import { KeysetPager, useKeysetPages } from './useKeysetPages';
import { useUnits } from './useUnits';

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 350;

/** /admin/people: the registry, searched by the server (diacritics ignored) and by unit. */
export function PeoplePage() {
  const t = useMessages(peopleMessages);
  const common = useMessages(adminMessages);
  const me = useMe();
  const isAdmin = hasRole(me, 'admin');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const unitId = params.get('unitId') ?? undefined;
  const [typed, setTyped] = useState(q);
  const [creating, setCreating] = useState(false);

  // Typing searches after a pause; the address keeps the search, so Back and links restore it.
  useEffect(() => {
    if (typed.trim() === q) return;
    const timer = setTimeout(() => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (typed.trim()) next.set('q', typed.trim());
          else next.delete('q');
          return next;
        },
        { replace: true },
      );
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, q, setParams]);

  const query = useMemo(() => ({ q: q || undefined, unitId }), [q, unitId]);
  const pages = useKeysetPages<Person>('/people', query, PAGE_SIZE);

  const setUnit = (next: string | null) =>
    setParams((current) => {
      const updated = new URLSearchParams(current);
      if (next) updated.set('unitId', next);
      else updated.delete('unitId');
      return updated;
    });

  const columns: ColumnsType<Person> = [
    {
      title: t.fullName,
      dataIndex: 'fullName',
      width: 200,
      render: (name: string, person) => <Link to={`/admin/people/${person.id}`}>{name}</Link>,
    },
    { title: t.code, dataIndex: 'code', width: 130 },
    {
      title: t.unit,
      key: 'unit',
      render: (_, person) => {
        const unit = units.byId.get(person.unitId);
        return unit ? unitName(unit) : '';
      },
    },
    { title: t.position, dataIndex: 'position', render: (value: string | null) => value ?? '' },
    {
      title: t.employmentType,
      dataIndex: 'employmentType',
      render: (value: string) => employmentLabel(common, value),
      width: 150,
    },
    {
      title: t.partyMember,
      dataIndex: 'partyMember',
      render: (value: boolean) => (value ? common.yes : common.no),
      width: 110,
    },
    {
      title: t.status,
      dataIndex: 'active',
      render: (value: boolean) => <ActiveTag active={value} />,
      width: 170,
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="start" wrap gap={16}>
        <PageTitle>{t.listTitle}</PageTitle>
        {isAdmin && (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setCreating(true)}
          >
            {t.createPerson}
          </Button>
        )}
      </Flex>
      {!isAdmin && (
        <Alert type="info" showIcon title={common.readOnly} style={{ marginBottom: 16 }} />
      )}
      <ProblemAlert error={pages.error ?? units.error} />
      <Flex wrap gap={16} align="start" style={{ marginBottom: 16 }}>
        <div style={{ flex: '1 1 300px', maxWidth: 420 }}>
          <label htmlFor="people-search" style={{ display: 'block', marginBottom: 4 }}>
            {t.search}
          </label>
          <Input.Search
            id="people-search"
            allowClear
            value={typed}
            placeholder={t.searchPlaceholder}
            aria-describedby="people-search-help"
            onChange={(event) => setTyped(event.target.value)}
            onSearch={(value) => setTyped(value)}
          />
          <Typography.Text type="secondary" id="people-search-help" style={{ fontSize: 12 }}>
            {t.searchHelp}
          </Typography.Text>
        </div>
        <div style={{ flex: '1 1 300px', maxWidth: 420 }}>
          <label htmlFor="people-unit" style={{ display: 'block', marginBottom: 4 }}>
            {t.unitFilter}
          </label>
          <UnitTreeSelect
            id="people-unit"
            roots={units.roots}
            loading={units.loading}
            value={unitId ?? null}
            onChange={setUnit}
            allowClear
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.unitFilterHelp}
          </Typography.Text>
        </div>
        {(q || unitId) && (
          <Button
            style={{ marginTop: 26 }}
            onClick={() => {
              setTyped('');
              setParams(new URLSearchParams());
            }}
          >
            {t.clearFilters}
          </Button>
        )}
      </Flex>
      <Table<Person>
        aria-label={t.tableLabel}
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={pages.items}
        loading={pages.loading}
        pagination={false}
        locale={{ emptyText: t.empty }}
        scroll={{ x: 960 }}
      />
      <KeysetPager pages={pages} />
      <Modal
        title={t.createTitle}
        open={creating}
        onCancel={() => setCreating(false)}
        footer={null}
        destroyOnHidden
        mask={{ closable: false }}
      >
        <PersonForm
          units={units}
          unitId={unitId}
          onCancel={() => setCreating(false)}
          onSaved={(person) => {
            setCreating(false);
            void message.success(fill(t.created, { name: person.fullName }));
            navigate(`/admin/people/${person.id}`);
          }}
        />
      </Modal>
    </>
  );
}
