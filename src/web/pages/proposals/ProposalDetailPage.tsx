import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { StatusTag } from '../../components/case/StatusTag';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatLegalDate, todayInVietnam } from '../../i18n/format';
import { fill, useLocalize, useMessages } from '../../i18n/language';
import { proposalApi, type Outcome, type ProposalDetail, type ProposedNomination } from './api';
import { proposalMessages } from './proposals.messages';

interface OutcomeForm {
  outcome: 'granted' | 'declined';
  number?: string;
  date?: string;
  grantor?: string;
  signer?: string;
  reason?: string;
}

/**
 * `/proposals/:id`: a proposal's recipient, letter and nominations with their outcomes; where the
 * caller may record the competent level's decision (the case allows RECORD_DECISION), a form with
 * one outcome per nomination.
 */
export function ProposalDetailPage() {
  const { id = '' } = useParams();
  const t = useMessages(proposalMessages);
  const localize = useLocalize();
  const [detail, setDetail] = useState<ProposalDetail | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [mayRecord, setMayRecord] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [recorded, setRecorded] = useState(false);
  const [form] = Form.useForm<{ outcomes: OutcomeForm[] }>();

  const load = useCallback(
    (signal?: AbortSignal) =>
      Promise.all([proposalApi.get(id, signal), proposalApi.case(id, signal)])
        .then(([proposal, view]) => {
          setDetail(proposal);
          setVersion(view.version);
          setMayRecord(view.allowedEvents.some((event) => event.type === 'RECORD_DECISION'));
          form.setFieldsValue({
            outcomes: proposal.nominations.map(() => ({
              outcome: 'granted' as const,
              date: todayInVietnam(),
            })),
          });
        })
        .catch((failure: unknown) => {
          if (!signal?.aborted) setError(failure);
        }),
    [id, form],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  if (detail === null) {
    return error ? <ProblemAlert error={error} /> : <Loading />;
  }

  const submit = async ({ outcomes }: { outcomes: OutcomeForm[] }) => {
    if (version === null) return;
    setSaving(true);
    setError(null);
    try {
      const payload: Outcome[] = detail.nominations.map((nomination, index) => {
        const entry = outcomes[index];
        return entry.outcome === 'granted'
          ? {
              nominationId: nomination.id,
              outcome: 'granted',
              decision: {
                number: entry.number ?? '',
                date: entry.date ?? '',
                grantor: entry.grantor ?? '',
                ...(entry.signer ? { signer: entry.signer } : {}),
              },
            }
          : { nominationId: nomination.id, outcome: 'declined', reason: entry.reason ?? '' };
      });
      await proposalApi.recordDecision(id, version, payload);
      setRecorded(true);
      await load();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  const outcomeTag = (row: ProposedNomination) =>
    row.outcome === null ? (
      <StatusTag tone="blue">{t.pending}</StatusTag>
    ) : row.outcome === 'granted' ? (
      <StatusTag tone="green">
        {t.granted}
        {row.decision ? ` – ${row.decision.number}, ${formatLegalDate(row.decision.date)}` : ''}
      </StatusTag>
    ) : (
      <StatusTag tone="red">{t.declined}</StatusTag>
    );

  const columns: ColumnsType<ProposedNomination> = [
    {
      title: t.columnNominee,
      key: 'nominee',
      render: (_, row) => <Link to={`/cases/${encodeURIComponent(row.id)}`}>{row.nominee}</Link>,
    },
    { title: t.columnUnit, key: 'unit', render: (_, row) => row.unit?.name ?? '—' },
    {
      title: t.columnAward,
      key: 'award',
      render: (_, row) => localize(row.awardName) || row.awardCode,
    },
    { title: t.columnState, key: 'state', render: (_, row) => localize(row.stateLabel) },
    { title: t.columnOutcome, key: 'outcome', render: (_, row) => outcomeTag(row) },
  ];

  return (
    <>
      <PageTitle>{fill(t.detailTitle, { number: detail.number })}</PageTitle>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: 'from', label: t.from, children: detail.proposingUnit.name },
          {
            key: 'to',
            label: t.to,
            children: localize(detail.to.authorityName) || detail.to.authority,
          },
          {
            key: 'unit',
            label: t.receivingUnit,
            children: detail.to.unit?.name ?? t.outside,
          },
          { key: 'state', label: t.state, children: localize(detail.stateLabel) },
          { key: 'on', label: t.proposedOn, children: formatLegalDate(detail.proposedOn) },
          ...(detail.decidedOn
            ? [{ key: 'decided', label: t.decidedOn, children: formatLegalDate(detail.decidedOn) }]
            : []),
          ...(detail.basis.length > 0
            ? [
                {
                  key: 'basis',
                  label: t.basis,
                  children: (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {detail.basis.map((line, index) => (
                        <li key={index}>{line}</li>
                      ))}
                    </ul>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Space style={{ margin: '16px 0' }} wrap>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => proposalApi.letter(id).catch((failure: unknown) => setError(failure))}
        >
          {t.letter}
        </Button>
        <Link to={`/cases/${encodeURIComponent(id)}`}>{t.caseLink}</Link>
      </Space>
      <ProblemAlert error={error} />
      {recorded && (
        <Alert
          type="success"
          role="status"
          showIcon
          title={t.recorded}
          style={{ marginBottom: 16 }}
        />
      )}
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t.nominations}
      </Typography.Title>
      <Table<ProposedNomination>
        rowKey="id"
        columns={columns}
        dataSource={detail.nominations}
        pagination={false}
        aria-label={t.nominations}
      />
      {mayRecord && (
        <Card
          title={<h2 style={{ fontSize: 18, margin: 0 }}>{t.recordTitle}</h2>}
          style={{ marginTop: 24 }}
        >
          <Typography.Paragraph type="secondary">{t.recordIntro}</Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={submit}>
            {detail.nominations.map((nomination, index) => (
              <fieldset
                key={nomination.id}
                style={{ border: '1px solid #d9d9d9', padding: 12, marginBottom: 12 }}
              >
                <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px' }}>
                  {nomination.nominee} – {localize(nomination.awardName) || nomination.awardCode}
                </legend>
                <Form.Item
                  name={['outcomes', index, 'outcome']}
                  label={t.outcome}
                  rules={[{ required: true, message: t.required }]}
                >
                  <Select
                    options={[
                      { value: 'granted', label: t.granted },
                      { value: 'declined', label: t.declined },
                    ]}
                  />
                </Form.Item>
                <Form.Item noStyle dependencies={[['outcomes', index, 'outcome']]}>
                  {() =>
                    form.getFieldValue(['outcomes', index, 'outcome']) === 'declined' ? (
                      <Form.Item
                        name={['outcomes', index, 'reason']}
                        label={t.reason}
                        rules={[{ required: true, min: 5, message: t.required }]}
                      >
                        <Input.TextArea rows={2} maxLength={4000} />
                      </Form.Item>
                    ) : (
                      <Space wrap align="start">
                        <Form.Item
                          name={['outcomes', index, 'number']}
                          label={t.decisionNumber}
                          rules={[{ required: true, message: t.required }]}
                        >
                          <Input maxLength={100} />
                        </Form.Item>
                        <Form.Item
                          name={['outcomes', index, 'date']}
                          label={t.decisionDate}
                          rules={[
                            { required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t.required },
                          ]}
                        >
                          <Input maxLength={10} />
                        </Form.Item>
                        <Form.Item
                          name={['outcomes', index, 'grantor']}
                          label={t.grantor}
                          rules={[{ required: true, message: t.required }]}
                        >
                          <Input maxLength={300} />
                        </Form.Item>
                        <Form.Item name={['outcomes', index, 'signer']} label={t.signer}>
                          <Input maxLength={200} />
                        </Form.Item>
                      </Space>
                    )
                  }
                </Form.Item>
              </fieldset>
            ))}
            <Button type="primary" htmlType="submit" loading={saving}>
              {t.record}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}
