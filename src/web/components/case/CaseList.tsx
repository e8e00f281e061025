import { InboxOutlined } from '@ant-design/icons';
import { Button, Col, Empty, Form, Input, Row, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { loadAllUnits } from '../../api/registry';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fill, useLanguage, useLocalize, useMessages, type Localized } from '../../i18n/language';
import { formatTimestamp } from '../../i18n/format';
import {
  loadAwards,
  loadLatestWorkflows,
  useLoaded,
  type CaseListItem,
  type CaseListQuery,
  type Page,
  type UnitSummary,
  type WorkflowDetail,
} from './caseApi';
import { caseMessages } from './case.messages';
import { useCodeLabel } from './labels';
import { StatusTag, stateTone } from './StatusTag';
import { foldedSearch } from '../../i18n/fold';

export type CaseFilter = 'type' | 'unit' | 'award' | 'year' | 'state' | 'q';
export const ALL_FILTERS: CaseFilter[] = ['q', 'type', 'state', 'unit', 'award', 'year'];
const PAGE = 25;

/** Every unit the caller may see (GET /units, paged), in tree order with their depth. */
async function loadUnits(): Promise<(UnitSummary & { depth: number })[]> {
  const units = await loadAllUnits();
  const depthOf = (unit: UnitSummary) => (unit.path ?? '/').split('/').filter(Boolean).length;
  const top = Math.min(...units.map(depthOf));
  return units.map((unit) => ({ ...unit, depth: depthOf(unit) - top }));
}

function yearChoices(): number[] {
  const now = new Date().getFullYear();
  return Array.from({ length: 12 }, (_, index) => now + 1 - index);
}

export interface CaseListViewProps {
  /** Filters the screen fixes (e.g. `{ actionable: true }`, `{ type: 'violation' }`); not shown. */
  fixed?: CaseListQuery;
  /** The filter controls to show, in order (default: all but those fixed). */
  filters?: CaseFilter[];
  /** The table's accessible name. */
  ariaLabel: string;
  /** What an empty list says (e.g. "Không có hồ sơ nào đang chờ bạn"). */
  emptyText: string;
  /** Where a row's subject links to (default `/cases/:id`). */
  linkTo?: (item: CaseListItem) => string;
}

function readQuery(params: URLSearchParams): CaseListQuery {
  const year = Number(params.get('year'));
  return {
    type: params.get('type') ?? undefined,
    state: params.get('state') ?? undefined,
    unitId: params.get('unitId') ?? undefined,
    award: params.get('award') ?? undefined,
    year: Number.isInteger(year) && year > 0 ? year : undefined,
    q: params.get('q') ?? undefined,
  };
}

/**
 * A list of cases from GET /cases with filters (kept in the address, so a link or the back
 * button keeps them) and keyset paging ("load more" with the API's nextCursor).
 */
export function CaseListView({
  fixed = {},
  filters,
  ariaLabel,
  emptyText,
  linkTo = (item) =>
    item.type === 'council_session' ? `/council-sessions/${item.id}` : `/cases/${item.id}`,
}: CaseListViewProps) {
  const t = useMessages(caseMessages);
  const localize = useLocalize();
  const { language } = useLanguage();
  const codeLabel = useCodeLabel();
  const formId = useId();
  const [params, setParams] = useSearchParams();
  const chosen = readQuery(params);
  const query: CaseListQuery = { ...chosen, ...fixed };
  const queryKey = JSON.stringify(query);
  const shown = (filters ?? ALL_FILTERS).filter(
    (filter) => !(filter === 'unit' ? 'unitId' in fixed : filter in fixed),
  );

  const [items, setItems] = useState<CaseListItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [text, setText] = useState(chosen.q ?? '');

  const workflows = useLoaded('latest-workflows', loadLatestWorkflows);
  const awards = useLoaded('awards', loadAwards);
  const units = useLoaded(shown.includes('unit') ? 'units' : null, loadUnits);

  const fetchPage = useCallback(
    async (cursor: string | null) => {
      setBusy(true);
      setError(null);
      try {
        const page = await api.get<Page<CaseListItem>>('/cases', {
          ...(JSON.parse(queryKey) as CaseListQuery),
          cursor,
          limit: PAGE,
        });
        setItems((current) => (cursor === null ? page.items : [...current, ...page.items]));
        setNext(page.nextCursor);
      } catch (failure) {
        setError(failure);
      } finally {
        setBusy(false);
      }
    },
    [queryKey],
  );

  useEffect(() => {
    setItems([]);
    void fetchPage(null);
  }, [fetchPage]);

  useEffect(() => setText(chosen.q ?? ''), [chosen.q]);

  const update = (
    changes: Partial<
      Record<'type' | 'state' | 'unitId' | 'award' | 'year' | 'q', string | number | undefined>
    >,
  ) => {
    const nextParams = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '' || value === null) nextParams.delete(key);
      else nextParams.set(key, String(value));
    }
    setParams(nextParams, { replace: true });
  };

  const stateOptions = useMemo(() => {
    const type = query.type;
    const relevant = (workflows.data ?? []).filter(
      (workflow) => !type || workflow.caseType === type,
    );
    const labels = new Map<string, Localized[]>();
    for (const workflow of relevant) {
      for (const state of workflow.states) {
        const known = labels.get(state.name) ?? [];
        if (!known.some((label) => label.vi === state.label.vi)) known.push(state.label);
        labels.set(state.name, known);
      }
    }
    return [...labels].map(([name, stateLabels]) => ({
      value: name,
      label: stateLabels.map((label) => localize(label)).join(' / '),
    }));
  }, [workflows.data, query.type, localize]);

  const tagsOf = (item: CaseListItem): string[] | undefined =>
    workflowOf(workflows.data, item)?.states.find((state) => state.name === item.state)?.tags;

  const columns: ColumnsType<CaseListItem> = [
    {
      title: t.colSubject,
      key: 'subject',
      render: (_, item) => (
        <Link to={linkTo(item)}>
          {item.existenceOnly ? <em>{t.existenceOnlyTitle}</em> : item.subject.name}
        </Link>
      ),
    },
    ...(!fixed.type
      ? [
          {
            title: t.colType,
            key: 'type',
            render: (_: unknown, item: CaseListItem) => codeLabel('type', item.type),
          },
        ]
      : []),
    ...(fixed.type !== 'violation'
      ? [
          {
            title: t.colAward,
            key: 'award',
            render: (_: unknown, item: CaseListItem) =>
              awardName(item, awards.data?.items, localize),
          },
        ]
      : []),
    {
      title: t.colYear,
      key: 'year',
      width: 80,
      render: (_, item) =>
        item.year ??
        (typeof item.data?.evaluationYear === 'number' ? item.data.evaluationYear : ''),
    },
    {
      title: t.colUnit,
      key: 'unit',
      render: (_, item) => item.unitName ?? item.unit?.name ?? '',
    },
    {
      title: t.colState,
      key: 'state',
      render: (_, item) => (
        <StatusTag tone={stateTone(tagsOf(item), item.closed ?? false)}>
          {item.stateLabel ? localize(item.stateLabel) : item.state}
        </StatusTag>
      ),
    },
    {
      title: t.colUpdated,
      key: 'updated',
      width: 150,
      render: (_, item) => (item.updatedAt ? formatTimestamp(item.updatedAt, language) : ''),
    },
  ];

  const select = (
    filter: CaseFilter,
    label: string,
    value: string | number | undefined,
    options: { value: string | number; label: string }[],
    onChange: (value: string | number | undefined) => void,
  ) => (
    <Col xs={24} sm={12} lg={8} xl={6} key={filter}>
      <Form.Item label={label} htmlFor={`${formId}-${filter}`}>
        <Select
          id={`${formId}-${filter}`}
          allowClear
          showSearch={foldedSearch()}
          placeholder={t.filterAll}
          value={value}
          onChange={onChange}
          options={options}
          loading={options.length === 0 && busy}
        />
      </Form.Item>
    </Col>
  );

  const anyFilter = Object.values(chosen).some((value) => value !== undefined && value !== '');
  const controls = shown.map((filter) => {
    switch (filter) {
      case 'q':
        return (
          <Col xs={24} lg={16} xl={12} key="q">
            <Form.Item label={t.filterSearch} htmlFor={`${formId}-q`}>
              <Input.Search
                id={`${formId}-q`}
                value={text}
                placeholder={t.filterSearchPlaceholder}
                onChange={(event) => setText(event.target.value)}
                onSearch={(value) => update({ q: value.trim() || undefined })}
                enterButton={t.search}
                allowClear
              />
            </Form.Item>
          </Col>
        );
      case 'type':
        return select(
          'type',
          t.filterType,
          chosen.type,
          (workflows.data ?? []).map((workflow) => ({
            value: workflow.caseType,
            label: codeLabel('type', workflow.caseType),
          })),
          (value) => update({ type: value as string | undefined, state: undefined }),
        );
      case 'state':
        return select('state', t.filterState, chosen.state, stateOptions, (value) =>
          update({ state: value as string | undefined }),
        );
      case 'unit':
        return select(
          'unit',
          t.filterUnit,
          chosen.unitId,
          (units.data ?? []).map((unit) => ({
            value: unit.id,
            label: `${'\u2003'.repeat(Math.min(unit.depth, 6))}${unit.name}`,
          })),
          (value) => update({ unitId: value as string | undefined }),
        );
      case 'award':
        return select(
          'award',
          t.filterAward,
          chosen.award,
          (awards.data?.items ?? []).map((award) => ({
            value: award.code,
            label: localize(award.name),
          })),
          (value) => update({ award: value as string | undefined }),
        );
      case 'year':
        return select(
          'year',
          t.filterYear,
          chosen.year,
          yearChoices().map((year) => ({ value: year, label: String(year) })),
          (value) => update({ year: value as number | undefined }),
        );
      default:
        return null;
    }
  });

  return (
    <>
      {shown.length > 0 && (
        <section aria-label={t.filtersLabel}>
          <Form layout="vertical" component="div">
            <Row gutter={16} align="bottom">
              {controls}
              {anyFilter && (
                <Col>
                  <Form.Item>
                    <Button
                      onClick={() =>
                        update({
                          type: undefined,
                          state: undefined,
                          unitId: undefined,
                          award: undefined,
                          year: undefined,
                          q: undefined,
                        })
                      }
                    >
                      {t.filterClear}
                    </Button>
                  </Form.Item>
                </Col>
              )}
            </Row>
          </Form>
        </section>
      )}
      <ProblemAlert error={error} />
      <Table<CaseListItem>
        aria-label={ariaLabel}
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={busy && items.length === 0}
        pagination={false}
        // Narrow screens scroll the table sideways rather than squeeze each name into a column.
        scroll={{ x: 960 }}
        locale={{
          emptyText: busy ? (
            ' '
          ) : (
            <Empty
              image={<InboxOutlined style={{ fontSize: 48 }} aria-hidden />}
              description={emptyText}
            />
          ),
        }}
      />
      <Space style={{ marginTop: 16 }} wrap>
        <Typography.Text role="status">
          {items.length > 0 ? fill(next ? t.listShownMore : t.listShown, { n: items.length }) : ''}
        </Typography.Text>
        {next && (
          <Button onClick={() => void fetchPage(next)} loading={busy}>
            {t.loadMore}
          </Button>
        )}
      </Space>
    </>
  );
}

function workflowOf(
  workflows: WorkflowDetail[] | undefined,
  item: CaseListItem,
): WorkflowDetail | undefined {
  return workflows?.find((workflow) => workflow.caseType === item.type);
}

function awardName(
  item: CaseListItem,
  awards: { code: string; name: Localized }[] | undefined,
  localize: (text: Localized | undefined | null) => string,
): string {
  if (item.award) return item.award.name ? localize(item.award.name) : item.award.code;
  const code = item.data?.awardCode;
  if (typeof code !== 'string') return '';
  const award = awards?.find((candidate) => candidate.code === code);
  return award ? localize(award.name) : code;
}
