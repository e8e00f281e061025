import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Descriptions, Flex, Form, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatLegalDate, formatNumber, todayInVietnam } from '../../i18n/format';
import { fill, useLanguage, useLocalize, useMessages } from '../../i18n/language';
import { UnitTreeSelect } from '../admin/UnitTreeSelect';
import { useUnits } from '../admin/useUnits';
import {
  statisticsApi,
  type CountLine,
  type StatisticsQuery,
  type ViolationStatistics,
} from './api';
import { CountBars } from './CountBars';
import { statisticsMessages } from './statistics.messages';

interface PeriodForm {
  unitId: string | null;
  from: Dayjs;
  to: Dayjs;
}

const DATE_FORMAT = 'DD/MM/YYYY';
const ISO_DATE = 'YYYY-MM-DD';

function thisYear(): { from: Dayjs; to: Dayjs } {
  const year = todayInVietnam().slice(0, 4);
  return { from: dayjs(`${year}-01-01`), to: dayjs(`${year}-12-31`) };
}

/** `/violations/statistics`: a unit subtree's violations in a period, as tables and bars. */
export function ViolationStatisticsPage() {
  const t = useMessages(statisticsMessages);
  const { language } = useLanguage();
  const units = useUnits();
  const [form] = Form.useForm<PeriodForm>();
  const [query, setQuery] = useState<StatisticsQuery | null>(null);
  const [statistics, setStatistics] = useState<ViolationStatistics | null>(null);
  const [loading, setLoading] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // The first unit the reader may see is where most readers count (their own).
  const firstUnit = units.roots[0]?.unit.id ?? null;
  useEffect(() => {
    if (firstUnit !== null && !form.getFieldValue('unitId')) {
      form.setFieldValue('unitId', firstUnit);
    }
  }, [firstUnit, form]);

  useEffect(() => {
    if (query === null) return;
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    statisticsApi
      .get(query, controller.signal)
      .then(setStatistics)
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) {
          setStatistics(null);
          setError(failure);
        }
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [query]);

  const show = (values: PeriodForm) => {
    if (values.unitId) {
      setQuery({
        unitId: values.unitId,
        from: values.from.format(ISO_DATE),
        to: values.to.format(ISO_DATE),
      });
    }
  };

  const download = async () => {
    if (query === null) return;
    setDownloading(true);
    setError(null);
    try {
      await statisticsApi.download(query, language);
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
        <Form<PeriodForm>
          form={form}
          layout="inline"
          initialValues={{ unitId: null, ...thisYear() }}
          onFinish={show}
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
          <Form.Item name="from" label={t.from} rules={[{ required: true }]}>
            <DatePicker format={DATE_FORMAT} allowClear={false} />
          </Form.Item>
          <Form.Item
            name="to"
            label={t.to}
            dependencies={['from']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | null) =>
                  !value || !value.isBefore(getFieldValue('from') as Dayjs, 'day')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t.invalidPeriod)),
              }),
            ]}
          >
            <DatePicker format={DATE_FORMAT} allowClear={false} />
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
      {statistics && (
        <StatisticsReport
          statistics={statistics}
          downloading={downloading}
          onDownload={() => void download()}
        />
      )}
    </>
  );
}

function StatisticsReport({
  statistics,
  downloading,
  onDownload,
}: {
  statistics: ViolationStatistics;
  downloading: boolean;
  onDownload(): void;
}) {
  const t = useMessages(statisticsMessages);
  const compliance = statistics.trafficCompliance;
  const percent =
    compliance.percent === null
      ? t.noMembers
      : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(compliance.percent)}%`;
  const heading = `${statistics.unit.name} · ${formatLegalDate(statistics.period.from)} – ${formatLegalDate(statistics.period.to)}`;
  return (
    <section aria-label={heading}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <h2 style={{ fontSize: 18, margin: 0 }}>{heading}</h2>
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={onDownload}>
          {t.download}
        </Button>
      </Flex>
      <Descriptions
        title={<h3 style={{ fontSize: 16, margin: 0 }}>{t.summary}</h3>}
        bordered
        size="small"
        column={1}
        items={[
          { key: 'total', label: t.total, children: formatNumber(statistics.total) },
          {
            key: 'datedByReport',
            label: t.datedByReport,
            children: formatNumber(statistics.datedByReport),
          },
          {
            key: 'disciplines',
            label: t.disciplines,
            children: formatNumber(statistics.disciplines),
          },
          {
            key: 'membersDisciplined',
            label: t.membersDisciplined,
            children: formatNumber(statistics.membersDisciplined),
          },
          {
            key: 'trafficViolators',
            label: t.trafficViolators,
            children: formatNumber(statistics.peopleWithConfirmedTrafficViolation),
          },
          { key: 'members', label: t.members, children: formatNumber(statistics.members) },
          {
            key: 'compliance',
            label: t.compliance,
            children: fill(t.complianceValue, {
              numerator: formatNumber(compliance.numerator),
              denominator: formatNumber(compliance.denominator),
              percent,
            }),
          },
        ]}
        style={{ marginBottom: 24 }}
      />
      <Breakdown title={t.byCategory} lines={statistics.byCategory} chart />
      <Breakdown title={t.bySource} lines={statistics.bySource} />
      <Breakdown title={t.byOutcome} lines={statistics.byOutcome} chart />
      <Breakdown title={t.byForm} lines={statistics.disciplinesByForm} empty={t.noDiscipline} />
    </section>
  );
}

function Breakdown({
  title,
  lines,
  chart,
  empty,
}: {
  title: string;
  lines: readonly CountLine[];
  chart?: boolean;
  empty?: string;
}) {
  const t = useMessages(statisticsMessages);
  const localize = useLocalize();
  const columns: ColumnsType<CountLine> = [
    { title: t.columnItem, key: 'item', render: (_, line) => localize(line.label) },
    {
      title: t.columnCount,
      key: 'count',
      align: 'right',
      width: 120,
      render: (_, line) => formatNumber(line.count),
    },
  ];
  return (
    <section style={{ marginBottom: 24 }}>
      <h3 style={{ fontSize: 16 }}>{title}</h3>
      <Flex wrap gap={24} align="start">
        <Table<CountLine>
          aria-label={title}
          rowKey={(line) => line.code || '(none)'}
          columns={columns}
          dataSource={[...lines]}
          pagination={false}
          size="small"
          locale={empty ? { emptyText: empty } : undefined}
          style={{ flex: '1 1 420px', minWidth: 320 }}
        />
        {chart && lines.length > 0 && (
          <div style={{ flex: '1 1 420px' }}>
            <CountBars title={fill(t.chart, { title })} lines={lines} />
          </div>
        )}
      </Flex>
    </section>
  );
}
