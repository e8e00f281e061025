import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api, type Localized } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLoad } from '../../components/useLoad';
import { formatLegalDate, formatTimestamp } from '../../i18n/format';
import { fill, useLanguage, useLocalize, useMessages } from '../../i18n/language';
import { adminMessages, type AdminText } from './admin.messages';
import type { AdminChange, Unit } from './api';
import { actionLabel, employmentLabel, fieldLabel, kindLabel, roleLabel, unitName } from './labels';

/** Bookkeeping fields every record carries; they say nothing an official needs. */
const HIDDEN_FIELDS = new Set([
  'id',
  'path',
  'unitPath',
  'createdAt',
  'updatedAt',
  'demo',
  'importedAt',
  'importedBy',
  'userId',
  'grantId',
  'sessionId',
]);
const NO_CHANGES: AdminChange[] = [];
const LEGAL_DATES = new Set(['dateOfBirth', 'partyJoinedOn', 'decidedOn', 'revokedOn']);
const TIMESTAMPS = new Set(['lockedUntil']);

interface Context {
  t: AdminText;
  language: 'vi' | 'en';
  units: ReadonlyMap<string, Unit>;
  awards: Map<string, Localized>;
  localize: (text: Localized | undefined | null) => string;
}

function unitText(id: string | null, context: Context): string {
  if (id === null) return context.t.wholeOrganisation;
  const unit = context.units.get(id);
  return unit ? unitName(unit) : context.t.unknownUnit;
}

function formatValue(field: string, value: unknown, context: Context): ReactNode {
  const { t } = context;
  if (field === 'unitId' && value === null) return unitText(null, context);
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  if (field === 'unitId' || field === 'parentId') return unitText(String(value), context);
  if (field === 'personId') {
    return (
      <Link to={`/admin/people/${String(value)}`} style={{ textDecoration: 'underline' }}>
        {t.viewPerson}
      </Link>
    );
  }
  if (field === 'kind') return kindLabel(t, String(value));
  if (field === 'employmentType') return employmentLabel(t, String(value));
  if (field === 'role') return roleLabel(t, String(value));
  if (field === 'roles' && Array.isArray(value)) {
    return value.map((role) => roleLabel(t, String(role))).join(', ');
  }
  if (field === 'grants' && Array.isArray(value)) {
    return (value as { role: string; unitId: string | null }[])
      .map((grant) => `${roleLabel(t, grant.role)} – ${unitText(grant.unitId ?? null, context)}`)
      .join('; ');
  }
  if (field === 'throttled' && Array.isArray(value)) {
    if (value.length === 0) return t.noLocks;
    return (value as { clientAddress: string; failures: number; lockedUntil: string | null }[])
      .map(
        (lock) =>
          fill(t.throttledItem, { address: lock.clientAddress, failures: lock.failures }) +
          (lock.lockedUntil
            ? fill(t.throttledUntil, {
                until: formatTimestamp(lock.lockedUntil, context.language),
              })
            : ''),
      )
      .join('; ');
  }
  if (field === 'status' && (value === 'granted' || value === 'revoked')) {
    return t[`awardStatus_${value}`];
  }
  if (field === 'subjectKind' && (value === 'person' || value === 'unit')) {
    return t[`subject_${value}`];
  }
  if (field === 'awardCode') {
    const name = context.awards.get(String(value));
    return name ? context.localize(name) : String(value);
  }
  if (LEGAL_DATES.has(field)) return formatLegalDate(String(value));
  if (TIMESTAMPS.has(field)) return formatTimestamp(String(value), context.language);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** What a change did, field by field: "old → new" for an update, the values for the rest. */
function describe(change: AdminChange, context: Context): ReactNode {
  const before = asRecord(change.before);
  const after = asRecord(change.after);
  const lines: ReactNode[] = [];
  if (before && after) {
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const field of fields) {
      if (HIDDEN_FIELDS.has(field)) continue;
      if (JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
      lines.push(
        <li key={field}>
          <Typography.Text strong>{fieldLabel(context.t, field)}:</Typography.Text>{' '}
          <del>{formatValue(field, before[field], context)}</del> →{' '}
          {formatValue(field, after[field], context)}
        </li>,
      );
    }
    if (lines.length === 0) return <Typography.Text>{context.t.changeNothing}</Typography.Text>;
  } else {
    const record = after ?? before;
    if (!record) return null;
    for (const [field, value] of Object.entries(record)) {
      if (HIDDEN_FIELDS.has(field)) continue;
      // A grant's scope of null is the whole organisation, not "nothing".
      const wholeOrganisation = field === 'unitId' && 'role' in record;
      if ((value === null && !wholeOrganisation) || value === undefined) continue;
      // The roles repeat the grants listed beside them.
      if (field === 'roles' && 'grants' in record) continue;
      // An award is logged on its subject: naming the subject again says nothing.
      if ((field === 'personId' || field === 'unitId') && 'awardCode' in record) continue;
      lines.push(
        <li key={field}>
          <Typography.Text strong>{fieldLabel(context.t, field)}:</Typography.Text>{' '}
          {change.action === 'revoke' ? (
            <del>{formatValue(field, value, context)}</del>
          ) : (
            formatValue(field, value, context)
          )}
        </li>,
      );
    }
  }
  return <ul style={{ margin: 0, paddingInlineStart: 18 }}>{lines}</ul>;
}

function authorText(change: AdminChange, t: AdminText): string {
  if (change.actorUserId !== null) return change.actorUsername;
  const known: Record<string, string> = {
    cli: t.changeByCli,
    system: t.changeBySystem,
    demo: t.changeByDemo,
    login: t.changeByLogin,
    session: t.changeBySession,
  };
  return known[change.actorUsername] ?? change.actorUsername;
}

interface AwardCatalogue {
  items: { code: string; name: Localized }[];
}

interface ChangeLogProps {
  /** The API path of the log, e.g. `/units/:id/changes`. */
  path: string;
  units: ReadonlyMap<string, Unit>;
  /** Bump to read the log again after a change. */
  version?: number;
}

/** A registry entry's change log (who, when, what), newest first. */
export function ChangeLog({ path, units, version = 0 }: ChangeLogProps) {
  const t = useMessages(adminMessages);
  const { language } = useLanguage();
  const localize = useLocalize();
  const [awards, setAwards] = useState<Map<string, Localized>>(new Map());
  const headingId = useId();

  // Newest first; `version` in the key reads the log again after a change.
  const log = useLoad(
    (signal) =>
      api.get<AdminChange[]>(path, undefined, signal).then((loaded) => [...loaded].reverse()),
    `${path}#${version}`,
  );
  const changes = log.data ?? NO_CHANGES;

  // Award names, only when the log holds awards (a person's or unit's past awards).
  const needsAwards = changes.some((change) => asRecord(change.after)?.awardCode !== undefined);
  useEffect(() => {
    if (!needsAwards) return;
    const controller = new AbortController();
    api
      .get<AwardCatalogue>('/awards', undefined, controller.signal)
      .then((catalogue) =>
        setAwards(new Map(catalogue.items.map((award) => [award.code, award.name]))),
      )
      .catch(() => {});
    return () => controller.abort();
  }, [needsAwards]);

  const context: Context = { t, language, units, awards, localize };
  const columns: ColumnsType<AdminChange> = [
    {
      title: t.changeAt,
      dataIndex: 'at',
      width: 150,
      render: (at: string) => formatTimestamp(at, language),
    },
    {
      title: t.changeBy,
      key: 'by',
      width: 160,
      render: (_, change) => authorText(change, t),
    },
    {
      title: t.changeAction,
      dataIndex: 'action',
      width: 200,
      render: (action: string) => <Tag>{actionLabel(t, action)}</Tag>,
    },
    {
      title: t.changeWhat,
      key: 'what',
      render: (_, change) => describe(change, context),
    },
  ];

  return (
    <section aria-labelledby={headingId}>
      <Typography.Title level={2} style={{ fontSize: 18 }} id={headingId}>
        {t.changeLog}
      </Typography.Title>
      <ProblemAlert error={log.error} />
      <Table<AdminChange>
        aria-label={t.changeLog}
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={changes}
        loading={log.loading}
        pagination={changes.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: t.changeLogEmpty }}
        scroll={{ x: 720 }}
      />
    </section>
  );
}
