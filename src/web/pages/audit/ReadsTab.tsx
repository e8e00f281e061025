import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatTimestamp } from '../../i18n/format';
import { fill, useLanguage, useMessages } from '../../i18n/language';
import { useMe } from '../../session/session';
import { auditApi, type AuditRead } from './api';
import { auditMessages, type AuditText } from './audit.messages';
import { CaseLink, Mono, UUID } from './parts';

const LIMITS = [50, 100, 200] as const;
const DEFAULT_LIMIT = 50;

interface ReadsForm {
  userId?: string;
  limit: number;
}

/** Who read what: one user's read log (the caller's by default), newest first. */
export function ReadsTab() {
  const t = useMessages(auditMessages);
  const { language } = useLanguage();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<ReadsForm>();

  const userId = params.get('readsUser') ?? '';
  const limitParam = Number(params.get('readsLimit'));
  const limit = (LIMITS as readonly number[]).includes(limitParam) ? limitParam : DEFAULT_LIMIT;
  // An auditor whose every auditor grant names a unit sees only their own log (the server says so).
  const scoped = me.grants
    .filter((grant) => grant.role === 'auditor')
    .every((grant) => grant.unitId);

  const [items, setItems] = useState<AuditRead[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    form.setFieldsValue({ userId: userId || undefined, limit });
  }, [form, userId, limit]);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    auditApi
      .reads(userId || undefined, limit, controller.signal)
      .then((page) => setItems(page.items))
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) {
          setItems(null);
          setError(failure);
        }
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [userId, limit, attempt]);

  const submit = (values: ReadsForm) => {
    const next = new URLSearchParams(params);
    const chosen = values.userId?.trim();
    if (chosen && chosen !== me.id) next.set('readsUser', chosen);
    else next.delete('readsUser');
    if (values.limit !== DEFAULT_LIMIT) next.set('readsLimit', String(values.limit));
    else next.delete('readsLimit');
    setParams(next);
    setAttempt((n) => n + 1);
  };

  const whose =
    !userId || userId === me.id
      ? t.readsOfMe
      : fill(t.readsOf, { name: items?.[0]?.username ?? userId });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{t.readsIntro}</Typography.Paragraph>
      {scoped && <Alert type="info" showIcon title={t.readsScopedNote} />}
      <Card size="small">
        <Form<ReadsForm>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ userId: userId || undefined, limit }}
        >
          <Row gutter={16}>
            <Col xs={24} md={14} xl={10}>
              <Form.Item
                label={t.readsUser}
                name="userId"
                extra={t.readsUserHelp}
                rules={[{ pattern: UUID, message: t.userIdInvalid }]}
              >
                <Input allowClear autoComplete="off" spellCheck={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={10} xl={6}>
              <Form.Item label={t.readsLimit} name="limit">
                <Select options={LIMITS.map((size) => ({ value: size, label: String(size) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={loading}>
            {t.show}
          </Button>
        </Form>
      </Card>

      <ProblemAlert error={error} />

      <section aria-busy={loading}>
        <h2 style={{ fontSize: 18 }}>{whose}</h2>
        <Table<AuditRead>
          aria-label={`${t.readsTable}: ${whose}`}
          rowKey="id"
          columns={readColumns(t, language)}
          dataSource={items ?? []}
          loading={loading}
          pagination={false}
          size="small"
          scroll={{ x: 800 }}
          tableLayout="fixed"
          locale={{ emptyText: <Empty description={t.noReads} /> }}
        />
      </section>
    </Space>
  );
}

function actionLabel(t: AuditText, action: string): string {
  const key = `action_${action}` as keyof AuditText;
  return key in t ? t[key] : action;
}

/** The label of a logged query's key: the filter's own label where there is one. */
function queryKeyLabel(t: AuditText, key: string): string {
  const filterLabels: Record<string, string> = {
    caseId: t.caseId,
    subjectPersonId: t.subjectPerson,
    subjectUnitId: t.subjectUnit,
    actorUserId: t.actorUserId,
    eventType: t.eventType,
    state: t.state,
  };
  const own = `query_${key}` as keyof AuditText;
  return filterLabels[key] ?? (own in t ? t[own] : key);
}

function QueryDescription({
  query,
  language,
}: {
  query: Record<string, unknown>;
  language: 'vi' | 'en';
}) {
  const t = useMessages(auditMessages);
  const entries = Object.entries(query).filter(
    ([, value]) => value !== undefined && value !== null,
  );
  if (entries.length === 0) return <Typography.Text type="secondary">{t.noQuery}</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {entries.map(([key, value]) => (
        <li key={key}>
          <span>{queryKeyLabel(t, key)}: </span>
          {key === 'caseId' && typeof value === 'string' ? (
            <CaseLink caseId={value} label={fill(t.openCase, { id: value })} />
          ) : (key === 'from' || key === 'to') && typeof value === 'string' ? (
            formatTimestamp(value, language)
          ) : typeof value === 'string' && UUID.test(value) ? (
            <Mono>{value}</Mono>
          ) : key === 'cursor' && typeof value === 'string' ? (
            // An opaque position in the trail: its start is enough to tell two pages apart.
            <Mono title={value}>{`${value.slice(0, 12)}…`}</Mono>
          ) : (
            <span style={{ overflowWrap: 'anywhere' }}>
              {String(typeof value === 'object' ? JSON.stringify(value) : value)}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function readColumns(t: AuditText, language: 'vi' | 'en'): TableColumnsType<AuditRead> {
  return [
    {
      title: t.colAt,
      dataIndex: 'at',
      width: 150,
      render: (at: string) => formatTimestamp(at, language),
    },
    { title: t.colReader, dataIndex: 'username', width: 160 },
    {
      title: t.colAction,
      dataIndex: 'action',
      width: 200,
      render: (action: string) => actionLabel(t, action),
    },
    {
      title: t.colQuery,
      dataIndex: 'query',
      render: (query: Record<string, unknown>) => (
        <QueryDescription query={query} language={language} />
      ),
    },
    {
      title: t.colCount,
      dataIndex: 'resultCount',
      width: 110,
      align: 'right',
      render: (count: number | null) => (count === null ? t.countUnknown : count),
    },
  ];
}
