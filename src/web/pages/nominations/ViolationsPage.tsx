import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatLegalDate, formatTimestamp, todayInVietnam } from '../../i18n/format';
import { fill, useLanguage, useLocalize, useMessages } from '../../i18n/language';
import { hasRole, useMe } from '../../session/session';
import { latestWorkflow, type CaseListItem, type Page } from './api';
import { useUnits } from '../../components/useUnits';
import { UnitSelect } from './SubjectPickers';
import { useLoad } from '../../components/useLoad';
import { violationMessages } from './violation.messages';
import { loadViolationCategories, type ViolationCategory } from '../discipline/api';
import type { Localized } from '../../i18n/language';

/** What one "show more" aims for, and how many server pages it may read to get there. */
const PAGE_SIZE = 20;
const SERVER_PAGE = 50;
const MAX_READS = 5;
const YEARS_BACK = 10;

type Text = Record<keyof typeof violationMessages.vi, string>;

/** A category by its catalogue name; v3's 'traffic' and 'other' by their own words. */
export function categoryText(
  category: unknown,
  t: Text,
  catalogue: readonly ViolationCategory[] | undefined,
  localize: (text: Localized) => string,
): string {
  const found = catalogue?.find((item) => item.code === category);
  if (found) return localize(found.name);
  if (category === 'traffic') return t.categoryTraffic;
  if (category === 'other') return t.categoryOther;
  return typeof category === 'string' ? category : '';
}

/** The year a violation belongs to: the day it occurred, or (older cases) the day it was entered. */
function yearOf(item: CaseListItem): number {
  const occurredOn = item.data?.occurredOn;
  return Number((typeof occurredOn === 'string' ? occurredOn : item.createdAt).slice(0, 4));
}

interface Filters {
  state?: string;
  unitId?: string;
  year?: number;
  q?: string;
}

/**
 * One "page" of the list: the server filters by state, unit and name; the year of a violation is
 * the day it occurred, which GET /cases cannot filter by, so that filter is applied here while
 * reading on (bounded) until a page is full or the list ends.
 */
async function readPage(
  filters: Filters,
  cursor: string | undefined,
  signal: AbortSignal,
): Promise<Page<CaseListItem>> {
  const items: CaseListItem[] = [];
  let next: string | null | undefined = cursor;
  for (let read = 0; read < MAX_READS; read++) {
    const page: Page<CaseListItem> = await api.get<Page<CaseListItem>>(
      '/cases',
      {
        type: 'violation',
        state: filters.state,
        unitId: filters.unitId,
        q: filters.q,
        cursor: next ?? undefined,
        limit: filters.year === undefined ? PAGE_SIZE : SERVER_PAGE,
      },
      signal,
    );
    items.push(
      ...page.items.filter((item) => filters.year === undefined || yearOf(item) === filters.year),
    );
    next = page.nextCursor;
    if (!next || items.length >= PAGE_SIZE) break;
  }
  return { items, nextCursor: next ?? null };
}

export function ViolationsPage() {
  const t = useMessages(violationMessages);
  const localize = useLocalize();
  const { language } = useLanguage();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const units = useUnits();
  const workflow = useLoad(() => latestWorkflow('violation'), 'violation');
  const categories = useLoad(loadViolationCategories, 'violation-categories');

  const filters: Filters = useMemo(
    () => ({
      state: params.get('state') ?? undefined,
      unitId: params.get('unit') ?? undefined,
      year: params.get('year') ? Number(params.get('year')) : undefined,
      q: params.get('q') ?? undefined,
    }),
    [params],
  );
  const filterKey = JSON.stringify(filters);
  const [items, setItems] = useState<CaseListItem[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const controller = useRef<AbortController | null>(null);
  const [nameDraft, setNameDraft] = useState(filters.q ?? '');
  // The address is the source of the filters (back, forward, a shared link): the box follows it.
  useEffect(() => setNameDraft(filters.q ?? ''), [filters.q]);

  const load = (cursor: string | undefined) => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setLoading(true);
    setError(null);
    readPage(filters, cursor, current.signal)
      .then((page) => {
        if (current.signal.aborted) return;
        setItems((before) => (cursor ? [...before, ...page.items] : page.items));
        setNextCursor(page.nextCursor);
      })
      .catch((failure: unknown) => {
        if (!current.signal.aborted) setError(failure);
      })
      .finally(() => {
        if (!current.signal.aborted) setLoading(false);
      });
  };
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    loadRef.current(undefined);
    return () => controller.current?.abort();
  }, [filterKey]);

  const setFilter = (name: string, value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(name);
    else next.set(name, String(value));
    setParams(next, { replace: true });
  };

  const thisYear = Number(todayInVietnam().slice(0, 4));
  const mayReport = workflow.data ? hasRole(me, ...workflow.data.openRoles) : false;

  const columns: TableColumnsType<CaseListItem> = [
    {
      title: t.columnSubject,
      key: 'subject',
      render: (_, item) => (
        <Link to={`/cases/${item.id}`}>
          {/* A need-to-know case read by an existence reader names no one. */}
          {item.subject?.name ?? <em>{t.confidential}</em>}
        </Link>
      ),
    },
    { title: t.columnUnit, key: 'unit', render: (_, item) => item.unit?.name ?? '' },
    {
      title: t.columnCategory,
      key: 'category',
      render: (_, item) => categoryText(item.data?.category, t, categories.data?.items, localize),
    },
    {
      title: t.columnOccurredOn,
      key: 'occurredOn',
      render: (_, item) =>
        typeof item.data?.occurredOn === 'string' ? formatLegalDate(item.data.occurredOn) : '',
    },
    {
      title: t.columnState,
      key: 'state',
      render: (_, item) => <Tag>{localize(item.stateLabel)}</Tag>,
    },
    {
      title: t.columnCreated,
      key: 'createdAt',
      render: (_, item) => formatTimestamp(item.createdAt, language),
    },
  ];

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap align="start">
        <PageTitle>{t.listTitle}</PageTitle>
        {mayReport && (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => navigate('/violations/new')}
          >
            {t.report}
          </Button>
        )}
      </Space>
      <Typography.Paragraph>{t.listIntro}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline" aria-label={t.filters} style={{ rowGap: 8 }}>
          <Form.Item label={t.filterName} htmlFor="violations-q">
            <Input.Search
              id="violations-q"
              allowClear
              placeholder={t.filterNamePlaceholder}
              value={nameDraft}
              onChange={(event) => setNameDraft(event.target.value)}
              onSearch={(value) => setFilter('q', value.trim())}
              style={{ width: 240 }}
            />
          </Form.Item>
          <Form.Item label={t.filterState} htmlFor="violations-state">
            <Select
              id="violations-state"
              allowClear
              placeholder={t.allStates}
              style={{ width: 220 }}
              value={filters.state}
              onChange={(value: string | undefined) => setFilter('state', value)}
              options={(workflow.data?.states ?? []).map((state) => ({
                value: state.name,
                label: localize(state.label),
              }))}
            />
          </Form.Item>
          <Form.Item label={t.filterUnit} htmlFor="violations-unit">
            <UnitSelect
              id="violations-unit"
              units={units.units}
              allowClosed
              placeholder={t.allUnits}
              style={{ width: 280 }}
              value={filters.unitId}
              onChange={(value: string | undefined) => setFilter('unit', value)}
            />
          </Form.Item>
          <Form.Item label={t.filterYear} htmlFor="violations-year">
            <Select
              id="violations-year"
              allowClear
              placeholder={t.allYears}
              style={{ width: 140 }}
              value={filters.year}
              onChange={(value: number | undefined) => setFilter('year', value)}
              options={Array.from({ length: YEARS_BACK }, (_, i) => thisYear - i).map((year) => ({
                value: year,
                label: String(year),
              }))}
            />
          </Form.Item>
          {params.size > 0 && (
            <Button
              onClick={() => {
                setNameDraft('');
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t.clearFilters}
            </Button>
          )}
        </Form>
      </Card>
      <ProblemAlert error={error} />
      {/* Scrolls sideways in a wrapper: antd's own scroll={{x}} injects a style without the CSP nonce. */}
      <div style={{ overflowX: 'auto' }}>
        <Table<CaseListItem>
          aria-label={t.table}
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={items}
          columns={columns}
          pagination={false}
          locale={{ emptyText: t.empty }}
        />
      </div>
      <Space style={{ marginTop: 12 }}>
        <Typography.Text role="status">
          {fill(nextCursor ? t.shown : t.shownAll, { n: items.length })}
        </Typography.Text>
        {nextCursor && (
          <Button onClick={() => load(nextCursor)} loading={loading}>
            {t.loadMore}
          </Button>
        )}
      </Space>
    </>
  );
}
