import { ArrowLeftOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Modal, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatTimestamp } from '../../i18n/format';
import { fill, useLanguage, useMessages } from '../../i18n/language';
import { hasRole, useMe } from '../../session/session';
import { ActiveTag } from './ActiveTag';
import { AuthoritiesSection } from './AuthoritiesSection';
import { useRecord } from './useRecord';
import { adminMessages } from './admin.messages';
import type { Unit } from './api';
import { ChangeLog } from './ChangeLog';
import { Details } from './Details';
import { kindLabel, unitName } from './labels';
import { Loading } from '../../components/Loading';
import { UnitForm } from './UnitForm';
import { unitsMessages } from './units.messages';
import { useUnits } from './useUnits';

/** /admin/units/:id: one unit, its sub-units and its change log; admins edit and add sub-units. */
export function UnitDetailPage() {
  const { id = '' } = useParams();
  const t = useMessages(unitsMessages);
  const common = useMessages(adminMessages);
  const { language } = useLanguage();
  const me = useMe();
  const isAdmin = hasRole(me, 'admin');
  const { message } = App.useApp();
  const units = useUnits();
  const [unit, setUnit, error] = useRecord<Unit>(`/units/${id}`);
  const [form, setForm] = useState<'edit' | 'child' | null>(null);
  const [logVersion, setLogVersion] = useState(0);

  if (error) {
    return (
      <>
        <PageTitle>{t.listTitle}</PageTitle>
        <ProblemAlert error={error} />
        <Link to="/admin/units">{t.backToList}</Link>
      </>
    );
  }
  if (!unit) return <Loading />;

  const parent = unit.parentId ? units.byId.get(unit.parentId) : undefined;
  const children = units.units.filter((candidate) => candidate.parentId === unit.id);
  const childColumns: ColumnsType<Unit> = [
    {
      title: t.name,
      key: 'name',
      render: (_, child) => <Link to={`/admin/units/${child.id}`}>{child.name}</Link>,
    },
    { title: t.code, dataIndex: 'code' },
    { title: t.kind, key: 'kind', render: (_, child) => kindLabel(common, child.kind) },
    { title: t.status, key: 'active', render: (_, child) => <ActiveTag active={child.active} /> },
  ];

  return (
    <>
      <Link to="/admin/units">
        <ArrowLeftOutlined aria-hidden /> {t.backToList}
      </Link>
      <PageTitle>{fill(t.unitTitle, { name: unit.name })}</PageTitle>
      {!isAdmin && (
        <Alert type="info" showIcon title={common.readOnly} style={{ marginBottom: 16 }} />
      )}
      <Flex vertical gap={16}>
        <Card
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.details}</h2>}
          extra={
            isAdmin && (
              <Space wrap>
                <Button onClick={() => setForm('edit')}>{common.edit}</Button>
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => setForm('child')}>
                  {t.createChild}
                </Button>
              </Space>
            )
          }
        >
          <Details>
            <Details.Item label={t.code}>{unit.code}</Details.Item>
            <Details.Item label={t.name}>{unit.name}</Details.Item>
            <Details.Item label={t.kind}>{kindLabel(common, unit.kind)}</Details.Item>
            <Details.Item label={t.parent}>
              {unit.parentId === null ? (
                '—'
              ) : parent ? (
                <Link to={`/admin/units/${parent.id}`}>{unitName(parent)}</Link>
              ) : (
                common.unknownUnit
              )}
            </Details.Item>
            <Details.Item label={t.status}>
              <Flex wrap gap={4}>
                <ActiveTag active={unit.active} />
                {unit.demo && <Tag>{t.demo}</Tag>}
              </Flex>
            </Details.Item>
            <Details.Item label={t.createdAt}>
              {formatTimestamp(unit.createdAt, language)}
            </Details.Item>
            <Details.Item label={t.updatedAt}>
              {formatTimestamp(unit.updatedAt, language)}
            </Details.Item>
          </Details>
          <div style={{ marginTop: 12 }}>
            <Link to={`/admin/people?unitId=${unit.id}`}>
              <TeamOutlined aria-hidden /> {t.people}
            </Link>
          </div>
        </Card>

        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.children}</h2>}>
          <Table<Unit>
            aria-label={t.childrenLabel}
            rowKey="id"
            size="small"
            columns={childColumns}
            dataSource={children}
            loading={units.loading}
            pagination={false}
            locale={{ emptyText: t.noChildren }}
            scroll={{ x: 640 }}
          />
        </Card>

        <AuthoritiesSection
          unitId={unit.id}
          onChanged={() => setLogVersion((value) => value + 1)}
        />

        <Card>
          <ChangeLog path={`/units/${unit.id}/changes`} units={units.byId} version={logVersion} />
        </Card>
      </Flex>

      <Modal
        title={form === 'edit' ? t.editTitle : t.createTitle}
        open={form !== null}
        onCancel={() => setForm(null)}
        footer={null}
        destroyOnHidden
        mask={{ closable: false }}
      >
        {form && (
          <UnitForm
            unit={form === 'edit' ? unit : undefined}
            parentId={form === 'child' ? unit.id : undefined}
            units={units}
            onCancel={() => setForm(null)}
            onSaved={(saved) => {
              setForm(null);
              units.reload();
              if (form === 'edit') {
                setUnit(saved);
                setLogVersion((value) => value + 1);
                void message.success(common.saved);
              } else {
                void message.success(fill(t.created, { name: saved.name }));
              }
            }}
          />
        )}
      </Modal>
    </>
  );
}
