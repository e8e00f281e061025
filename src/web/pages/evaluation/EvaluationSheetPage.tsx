import { CheckCircleOutlined, CloseCircleOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, InputNumber, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatLegalDate, formatNumber, todayInVietnam } from '../../i18n/format';
import { fill, useLanguage, useLocalize, useMessages } from '../../i18n/language';
import { UnitTreeSelect } from '../admin/UnitTreeSelect';
import { useUnits } from '../admin/useUnits';
import { evaluationApi, type EvaluationRow, type EvaluationSheet } from './api';
import { evaluationMessages } from './evaluation.messages';

interface Selection {
  unitId: string;
  year: number;
}

/** Links inside a cell's text are underlined: colour alone does not tell them apart. */
const LINK_STYLE = { textDecoration: 'underline' } as const;

const thisYear = () => Number(todayInVietnam().slice(0, 4));

/** `/evaluation`: a unit subtree's annual evaluation sheet for a year, and its Excel file. */
export function EvaluationSheetPage() {
  const t = useMessages(evaluationMessages);
  const { language } = useLanguage();
  const units = useUnits();
  const [form] = Form.useForm<{ unitId: string | null; year: number }>();
  const [selection, setSelection] = useState<Selection | null>(null);
  const [sheet, setSheet] = useState<EvaluationSheet | null>(null);
  const [loading, setLoading] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // The first unit the reader may see is where most readers evaluate (their own).
  const firstUnit = units.roots[0]?.unit.id ?? null;
  useEffect(() => {
    if (firstUnit !== null && !form.getFieldValue('unitId')) {
      form.setFieldValue('unitId', firstUnit);
    }
  }, [firstUnit, form]);

  useEffect(() => {
    if (selection === null) return;
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    evaluationApi
      .get(selection.unitId, selection.year, controller.signal)
      .then(setSheet)
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) {
          setSheet(null);
          setError(failure);
        }
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [selection]);

  const download = async () => {
    if (selection === null) return;
    setDownloading(true);
    setError(null);
    try {
      await evaluationApi.download(selection.unitId, selection.year, language);
    } catch (failure) {
      setError(failure);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Typography.Paragraph>{t.intro}</Typography.Paragraph>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.filters}</h2>} size="small">
        <Form<{ unitId: string | null; year: number }>
          form={form}
          layout="inline"
          initialValues={{ unitId: null, year: thisYear() }}
          onFinish={(values) => {
            if (values.unitId) setSelection({ unitId: values.unitId, year: values.year });
          }}
          style={{ rowGap: 8 }}
        >
          <Form.Item
            name="unitId"
            label={t.unit}
            rules={[{ required: true, message: t.pickUnit }]}
            style={{ minWidth: 320 }}
          >
            <UnitTreeSelect roots={units.roots} loading={units.loading} />
          </Form.Item>
          <Form.Item name="year" label={t.year} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} precision={0} />
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
      {sheet && (
        <SheetTable sheet={sheet} downloading={downloading} onDownload={() => void download()} />
      )}
    </>
  );
}

function SheetTable({
  sheet,
  downloading,
  onDownload,
}: {
  sheet: EvaluationSheet;
  downloading: boolean;
  onDownload(): void;
}) {
  const t = useMessages(evaluationMessages);
  const localize = useLocalize();
  const heading = fill(t.heading, { unit: sheet.unit.name, year: String(sheet.year) });
  const columns: ColumnsType<EvaluationRow> = [
    {
      title: t.columnName,
      key: 'name',
      render: (_, row) => (
        <span style={{ paddingLeft: row.depth * 16 }}>
          {row.kind === 'unit' ? <strong>{row.name}</strong> : row.name}{' '}
          <Typography.Text type="secondary">({row.code})</Typography.Text>
        </span>
      ),
    },
    {
      title: t.columnKind,
      key: 'kind',
      render: (_, row) => (row.kind === 'unit' ? t.kindUnit : t.kindPerson),
    },
    {
      title: t.columnRating,
      key: 'rating',
      render: (_, row) =>
        row.rating === null ? (
          <Typography.Text type="secondary">{t.notRated}</Typography.Text>
        ) : (
          localize(row.rating.label)
        ),
    },
    {
      title: t.columnRegistrations,
      key: 'registrations',
      render: (_, row) =>
        row.registrations.length === 0
          ? t.none
          : row.registrations.map((registration) => (
              <div key={registration.caseId}>
                <Link style={LINK_STYLE} to={`/cases/${registration.caseId}`}>
                  {registration.movement.code}
                </Link>
                {': '}
                {localize(registration.stateLabel)}{' '}
                <Tag color={registration.met ? 'success' : 'default'}>
                  {registration.met ? t.met : t.notMet}
                </Tag>
              </div>
            )),
    },
    {
      title: t.columnAwards,
      key: 'awards',
      render: (_, row) =>
        row.awards.length === 0
          ? t.none
          : row.awards.map((award) => {
              const name = localize(award.awardName);
              const particulars = [
                award.decisionNumber === null
                  ? null
                  : fill(t.decision, { number: award.decisionNumber }),
                award.decidedOn === null ? null : formatLegalDate(award.decidedOn),
              ].filter((part) => part !== null);
              return (
                <div key={`${award.source}:${award.reference}`}>
                  {award.source === 'case' ? (
                    <Link style={LINK_STYLE} to={`/cases/${award.reference}`}>
                      {name}
                    </Link>
                  ) : (
                    name
                  )}
                  {particulars.length > 0 && ` (${particulars.join(', ')})`}
                </div>
              );
            }),
    },
    {
      title: t.columnViolations,
      key: 'violations',
      render: (_, row) => (
        <>
          <div>
            {fill(t.violationCounts, {
              confirmed: formatNumber(row.violations.confirmed),
              disciplines: formatNumber(row.violations.disciplines),
            })}
          </div>
          {(row.violations.details ?? []).map((line) => (
            <div key={line.caseId}>
              <Link style={LINK_STYLE} to={`/cases/${line.caseId}`}>
                {formatLegalDate(line.occurredOn)}
              </Link>{' '}
              {localize(line.category.label)} – {localize(line.outcome.label)}
              {line.disciplineForms.map((form) => ` – ${localize(form.label)}`).join('')}
            </div>
          ))}
        </>
      ),
    },
    {
      title: t.columnTraffic,
      key: 'traffic',
      render: (_, row) => {
        if (row.traffic.met !== null) {
          return (
            // Colour is never the only signal: an icon and a word too.
            <Tag
              color={row.traffic.met ? 'success' : 'error'}
              icon={row.traffic.met ? <CheckCircleOutlined /> : <CloseCircleOutlined />}
            >
              {row.traffic.met ? t.trafficMet : t.trafficNotMet}
            </Tag>
          );
        }
        const share = row.traffic.share;
        if (share.percent === null) return t.noMembers;
        return fill(t.trafficShare, {
          numerator: formatNumber(share.numerator),
          denominator: formatNumber(share.denominator),
          percent: `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(share.percent)}%`,
        });
      },
    },
  ];
  return (
    <section aria-label={heading}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <h2 style={{ fontSize: 18, margin: 0 }}>{heading}</h2>
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={onDownload}>
          {t.download}
        </Button>
      </Flex>
      {sheet.violationDetail === 'counts' && (
        <Alert type="info" showIcon title={t.countsOnly} style={{ marginBottom: 12 }} />
      )}
      <Table<EvaluationRow>
        aria-label={heading}
        rowKey={(row) => `${row.kind}:${row.id}`}
        columns={columns}
        dataSource={sheet.rows}
        pagination={false}
        size="small"
        locale={{ emptyText: t.empty }}
      />
    </section>
  );
}
