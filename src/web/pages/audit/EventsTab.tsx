import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatTimestamp } from '../../i18n/format';
import { fill, useLanguage, useLocalize, useMessages } from '../../i18n/language';
import { auditApi, type AuditFilter, type AuditRecord } from './api';
import { auditMessages, type AuditText } from './audit.messages';
import {
  apiFilterOf,
  DEFAULT_PAGE_SIZE,
  formValuesOf,
  PAGE_SIZES,
  pageSizeOf,
  paramsOf,
  wantsSearch,
  type FilterValues,
} from './filters';
import { CaseLink, JsonBlock, Mono, UUID } from './parts';
import { PersonSelect, UnitSelect } from './pickers';
import { useWorkflowLabels, type WorkflowLabels } from './useWorkflowLabels';
import { foldedSearch } from '../../i18n/fold';

const CASE_OPENED = 'CASE_OPENED';

export function roleLabel(t: AuditText, role: string): string {
  const key = `role_${role}` as keyof AuditText;
  return key in t ? t[key] : role;
}

interface Results {
  items: AuditRecord[];
  nextCursor: string | null;
}

/** Searches the audit records with the API's filters, keyset-paged, and exports them. */
export function EventsTab() {
  const t = useMessages(auditMessages);
  const { language } = useLanguage();
  const localize = useLocalize();
  const { message } = App.useApp();
  const labels = useWorkflowLabels();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<FilterValues>();

  const limit = pageSizeOf(params);
  const filter = apiFilterOf(params);
  // What is searched: the filters and page size the address holds, when it asks for a search.
  const queryKey = wantsSearch(params) ? JSON.stringify([filter, limit]) : null;
  const formKey = params.toString();

  const [results, setResults] = useState<Results | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [exporting, setExporting] = useState<'jsonl' | 'csv' | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Pressing Search again with the same filters searches again.
  const [attempt, setAttempt] = useState(0);
  const [actorNames, setActorNames] = useState<Map<string, string>>(new Map());

  useEffect(() => {
    form.setFieldsValue({ ...emptyValues(), ...formValuesOf(new URLSearchParams(formKey)) });
  }, [form, formKey]);

  useEffect(() => {
    if (queryKey === null) {
      setResults(null);
      setError(null);
      return;
    }
    const [searched, size] = JSON.parse(queryKey) as [AuditFilter, number];
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    auditApi
      .events(searched, null, size, controller.signal)
      .then((page) => setResults({ items: page.items, nextCursor: page.nextCursor }))
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) {
          setResults(null);
          setError(failure);
        }
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [queryKey, attempt]);

  useEffect(() => {
    if (!results) return;
    setActorNames((current) => {
      const next = new Map(current);
      for (const record of results.items) {
        next.set(
          record.actor.userId,
          `${record.actor.username} (${roleLabel(t, record.actor.role)})`,
        );
      }
      return next;
    });
  }, [results, t]);

  const submit = (values: FilterValues) => {
    setParams(paramsOf(values, params));
    setAttempt((n) => n + 1);
  };

  const clear = () => {
    const next = new URLSearchParams(params);
    for (const key of [...Object.keys(emptyValues()), 'fromDate', 'toDate', 'limit', 'search']) {
      next.delete(key);
    }
    setParams(next);
  };

  const narrow = (key: 'actorUserId' | 'caseId', value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    next.set('search', '1');
    setParams(next);
  };

  const loadMore = async () => {
    if (!results?.nextCursor) return;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await auditApi.events(filter, results.nextCursor, limit);
      setResults({ items: [...results.items, ...page.items], nextCursor: page.nextCursor });
    } catch (failure) {
      setError(failure);
    } finally {
      setLoadingMore(false);
    }
  };

  const exportAs = async (format: 'jsonl' | 'csv') => {
    let values: FilterValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // The form shows what is wrong.
    }
    setExporting(format);
    setError(null);
    try {
      await auditApi.exportFile(apiFilterOf(paramsOf(values, new URLSearchParams())), format);
      void message.success(t.exported);
    } catch (failure) {
      setError(failure);
    } finally {
      setExporting(null);
    }
  };

  const eventOptions = useMemo(
    () =>
      optionsOf(labels?.eventOptions ?? [], localize, [
        {
          value: CASE_OPENED,
          labels: [{ vi: auditMessages.vi.caseOpened, en: auditMessages.en.caseOpened }],
        },
      ]),
    [labels, localize],
  );
  const stateOptions = useMemo(
    () => optionsOf(labels?.stateOptions ?? [], localize, []),
    [labels, localize],
  );

  const actorId = Form.useWatch('actorUserId', form);
  const actorName = actorId ? actorNames.get(actorId) : undefined;

  const columns = recordColumns(t, language, localize, labels, (id) => narrow('actorUserId', id));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t.filtersTitle}</h2>} size="small">
        <Form<FilterValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ ...emptyValues(), ...formValuesOf(params) }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item
                label={t.caseId}
                name="caseId"
                rules={[{ pattern: UUID, message: t.caseIdInvalid }]}
              >
                <Input allowClear autoComplete="off" spellCheck={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t.subjectPerson} name="subjectPersonId" extra={t.subjectPersonHelp}>
                <PersonSelect placeholder={t.any} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t.subjectUnit} name="subjectUnitId" extra={t.subjectUnitHelp}>
                <UnitSelect placeholder={t.any} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item
                label={t.actorUserId}
                name="actorUserId"
                extra={actorName ?? t.actorUserIdHelp}
                rules={[{ pattern: UUID, message: t.userIdInvalid }]}
              >
                <Input allowClear autoComplete="off" spellCheck={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t.eventType} name="eventType">
                <Select
                  allowClear
                  placeholder={t.any}
                  options={eventOptions}
                  showSearch={foldedSearch()}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t.state} name="state">
                <Select
                  allowClear
                  placeholder={t.any}
                  options={stateOptions}
                  showSearch={foldedSearch()}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t.period} name="period" extra={t.periodHelp}>
                <DatePicker.RangePicker
                  format="DD/MM/YYYY"
                  allowEmpty={[true, true]}
                  placeholder={[t.periodStart, t.periodEnd]}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t.pageSize} name="limit">
                <Select
                  options={PAGE_SIZES.map((size) => ({ value: size, label: String(size) }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Flex wrap gap={8} justify="space-between">
            <Space wrap>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={loading}>
                {t.search}
              </Button>
              <Button onClick={clear}>{t.clear}</Button>
            </Space>
            <Space wrap>
              <Button
                icon={<DownloadOutlined />}
                loading={exporting === 'jsonl'}
                disabled={exporting !== null}
                onClick={() => void exportAs('jsonl')}
              >
                {t.exportJsonl}
              </Button>
              <Button
                icon={<DownloadOutlined />}
                loading={exporting === 'csv'}
                disabled={exporting !== null}
                onClick={() => void exportAs('csv')}
              >
                {t.exportCsv}
              </Button>
            </Space>
          </Flex>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t.exportHint}
          </Typography.Paragraph>
        </Form>
      </Card>

      <ProblemAlert error={error} />

      {queryKey === null ? (
        <Alert type="info" showIcon title={t.pressSearch} />
      ) : (
        <section aria-busy={loading}>
          <Table<AuditRecord>
            aria-label={t.resultsTable}
            rowKey={(record) => `${record.caseId}:${record.seq}`}
            columns={columns}
            dataSource={results?.items ?? []}
            loading={loading}
            pagination={false}
            size="small"
            scroll={{ x: 1000 }}
            tableLayout="fixed"
            locale={{ emptyText: <Empty description={t.noResults} /> }}
            expandable={{
              expandedRowRender: (record) => (
                <RecordDetails
                  record={record}
                  onFilterCase={() => narrow('caseId', record.caseId)}
                />
              ),
            }}
          />
          {results && results.items.length > 0 && (
            <Flex align="center" gap={16} wrap style={{ marginTop: 12 }}>
              <Typography.Text role="status">
                {fill(t.shownCount, { n: results.items.length })}{' '}
                {results.nextCursor === null ? t.allShown : ''}
              </Typography.Text>
              {results.nextCursor !== null && (
                <Button onClick={() => void loadMore()} loading={loadingMore}>
                  {t.loadMore}
                </Button>
              )}
            </Flex>
          )}
        </section>
      )}
    </Space>
  );
}

function emptyValues(): Omit<FilterValues, 'limit'> & { limit: number } {
  return {
    caseId: undefined,
    subjectPersonId: undefined,
    subjectUnitId: undefined,
    actorUserId: undefined,
    eventType: undefined,
    state: undefined,
    period: null,
    limit: DEFAULT_PAGE_SIZE,
  };
}

function optionsOf(
  options: { value: string; labels: { vi: string; en: string }[] }[],
  localize: ReturnType<typeof useLocalize>,
  extra: { value: string; labels: { vi: string; en: string }[] }[],
) {
  return [...extra, ...options]
    .map((option) => ({
      value: option.value,
      label: `${option.labels.map(localize).join(' / ')} (${option.value})`,
    }))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
}

function recordColumns(
  t: AuditText,
  language: 'vi' | 'en',
  localize: ReturnType<typeof useLocalize>,
  labels: WorkflowLabels | null,
  onFilterActor: (userId: string) => void,
): TableColumnsType<AuditRecord> {
  const versionKey = (record: AuditRecord) => `${record.workflow.id}@${record.workflow.version}`;
  const stateLabel = (record: AuditRecord, state: string) =>
    localize(labels?.states.get(versionKey(record))?.get(state)) || state;
  return [
    {
      title: t.colAt,
      dataIndex: 'at',
      width: 120,
      render: (at: string) => formatTimestamp(at, language),
    },
    {
      title: t.colCase,
      key: 'case',
      width: 280,
      render: (_, record) => (
        <Space orientation="vertical" size={0}>
          <CaseLink caseId={record.caseId} label={fill(t.openCase, { id: record.caseId })} />
          <Typography.Text type="secondary">
            {fill(t.recordNo, { seq: record.seq })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t.colEvent,
      key: 'event',
      width: 190,
      render: (_, record) => {
        const label =
          record.eventType === CASE_OPENED
            ? t.caseOpened
            : localize(labels?.events.get(versionKey(record))?.get(record.eventType));
        return (
          <Space orientation="vertical" size={0}>
            <span>{label || record.eventType}</span>
            {label && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {record.eventType}
              </Typography.Text>
            )}
          </Space>
        );
      },
    },
    {
      title: t.colTransition,
      key: 'transition',
      render: (_, record) => (
        <span>
          {record.fromState === null ? t.caseStart : stateLabel(record, record.fromState)}
          {' → '}
          <strong>{stateLabel(record, record.toState)}</strong>
        </span>
      ),
    },
    {
      title: t.colActor,
      key: 'actor',
      width: 160,
      render: (_, record) => (
        <Space orientation="vertical" size={0}>
          <Button
            type="link"
            size="small"
            style={{ padding: 0, height: 'auto' }}
            aria-label={fill(t.filterByActor, { name: record.actor.username })}
            onClick={() => onFilterActor(record.actor.userId)}
          >
            {record.actor.username}
          </Button>
          <Typography.Text type="secondary">{roleLabel(t, record.actor.role)}</Typography.Text>
        </Space>
      ),
    },
  ];
}

function RecordDetails({
  record,
  onFilterCase,
}: {
  record: AuditRecord;
  onFilterCase: () => void;
}) {
  const t = useMessages(auditMessages);
  const items = [
    {
      key: 'workflow',
      label: t.workflow,
      children: fill(t.workflowValue, { id: record.workflow.id, version: record.workflow.version }),
    },
    { key: 'actor', label: t.actorId, children: <Mono>{record.actor.userId}</Mono> },
    { key: 'hash', label: t.hash, children: <Mono>{record.hash}</Mono> },
    { key: 'prevHash', label: t.prevHash, children: <Mono>{record.prevHash}</Mono> },
    {
      key: 'payload',
      label: t.payload,
      children:
        Object.keys(record.payload).length === 0 ? (
          t.empty
        ) : (
          <JsonBlock value={record.payload} label={t.payload} />
        ),
    },
    ...(record.facts === undefined
      ? []
      : [
          {
            key: 'facts',
            label: t.facts,
            children: <JsonBlock value={record.facts} label={t.facts} />,
          },
        ]),
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={1} bordered items={items} />
      <Button size="small" onClick={onFilterCase}>
        {t.filterByCase}
      </Button>
    </Space>
  );
}
