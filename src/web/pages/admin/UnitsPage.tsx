import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type Key } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fill, useMessages } from '../../i18n/language';
import { hasRole, useMe } from '../../session/session';
import { ActiveTag } from './ActiveTag';
import { adminMessages } from './admin.messages';
import type { Unit } from './api';
import { fold } from '../../i18n/fold';
import { kindLabel, unitName } from './labels';
import { UnitForm } from './UnitForm';
import { unitsMessages } from './units.messages';
import { useUnits, type UnitNode } from './useUnits';

interface UnitRow {
  key: string;
  unit: Unit;
  children?: UnitRow[];
}

/** The rows of the tree table; with a search, only matches and the units above them. */
function toRows(nodes: UnitNode[], search: string): UnitRow[] {
  const rows: UnitRow[] = [];
  for (const node of nodes) {
    const children = toRows(node.children, search);
    const matches = !search || fold(unitName(node.unit)).includes(search);
    if (!matches && children.length === 0) continue;
    rows.push({
      key: node.unit.id,
      unit: node.unit,
      children: children.length > 0 ? children : undefined,
    });
  }
  return rows;
}

function allKeys(rows: UnitRow[]): string[] {
  return rows.flatMap((row) => [row.key, ...allKeys(row.children ?? [])]);
}

/** /admin/units: the unit tree (admins add units; auditors read). */
export function UnitsPage() {
  const t = useMessages(unitsMessages);
  const common = useMessages(adminMessages);
  const me = useMe();
  const isAdmin = hasRole(me, 'admin');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const units = useUnits();
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const [creating, setCreating] = useState(false);

  const folded = fold(search);
  const rows = useMemo(() => toRows(units.roots, folded), [units.roots, folded]);
  // Until the reader expands or collapses, the top level is open; a search opens every match.
  const expandedKeys = folded
    ? allKeys(rows)
    : (expanded ?? units.roots.map((root) => root.unit.id));

  const columns: ColumnsType<UnitRow> = [
    {
      title: t.name,
      key: 'name',
      render: (_, row) => <Link to={`/admin/units/${row.unit.id}`}>{row.unit.name}</Link>,
    },
    { title: t.code, key: 'code', render: (_, row) => row.unit.code, width: 160 },
    {
      title: t.kind,
      key: 'kind',
      render: (_, row) => kindLabel(common, row.unit.kind),
      width: 200,
    },
    {
      title: t.status,
      key: 'active',
      render: (_, row) => (
        <Flex wrap gap={4}>
          <ActiveTag active={row.unit.active} />
          {row.unit.demo && <Tag>{t.demo}</Tag>}
        </Flex>
      ),
      width: 200,
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
            {t.createUnit}
          </Button>
        )}
      </Flex>
      {!isAdmin && (
        <Alert type="info" showIcon title={common.readOnly} style={{ marginBottom: 16 }} />
      )}
      <ProblemAlert error={units.error} />
      <Flex wrap gap={16} align="end" style={{ marginBottom: 16 }}>
        <div style={{ minWidth: 280, flex: '1 1 320px', maxWidth: 480 }}>
          <label htmlFor="unit-search" style={{ display: 'block', marginBottom: 4 }}>
            {t.search}
          </label>
          <Input.Search
            id="unit-search"
            allowClear
            placeholder={t.searchPlaceholder}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <Space>
          <Button onClick={() => setExpanded(allKeys(toRows(units.roots, '')))} disabled={!!folded}>
            {t.expandAll}
          </Button>
          <Button onClick={() => setExpanded([])} disabled={!!folded}>
            {t.collapseAll}
          </Button>
        </Space>
        <Typography.Text aria-live="polite">
          {fill(t.count, { n: units.units.length })}
        </Typography.Text>
      </Flex>
      <Table<UnitRow>
        aria-label={t.treeLabel}
        columns={columns}
        dataSource={rows}
        loading={units.loading}
        pagination={false}
        size="middle"
        scroll={{ x: 760 }}
        locale={{ emptyText: folded ? t.noMatch : common.noUnits }}
        expandable={{
          expandedRowKeys: expandedKeys,
          onExpandedRowsChange: (keys) => {
            if (!folded) setExpanded(keys);
          },
          indentSize: 20,
        }}
      />
      <Modal
        title={t.createTitle}
        open={creating}
        onCancel={() => setCreating(false)}
        footer={null}
        destroyOnHidden
        mask={{ closable: false }}
      >
        <UnitForm
          units={units}
          onCancel={() => setCreating(false)}
          onSaved={(unit) => {
            setCreating(false);
            units.reload();
            void message.success(fill(t.created, { name: unit.name }));
            navigate(`/admin/units/${unit.id}`);
          }}
        />
      </Modal>
    </>
  );
}
