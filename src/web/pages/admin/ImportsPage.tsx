import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Progress,
  Radio,
  Space,
  Statistic,
  Table,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatNumber } from '../../i18n/format';
import { fill, useLanguage, useMessages, type Language } from '../../i18n/language';
import {
  CSV_MEDIA_TYPE,
  rowProblemsOf,
  XLSX_MEDIA_TYPE,
  type ImportKind,
  type ImportReport,
  type RowProblem,
} from './api';
import { importAsJob, type ImportJob } from './importJobs';
import { importsMessages } from './imports.messages';

type ImportsText = Record<keyof typeof importsMessages.vi, string>;

/** Where an import stands: the file still on its way, or its job on the server. */
type Sending =
  | { fileName: string; stage: 'upload'; percent: number }
  | { fileName: string; stage: 'job'; job: ImportJob };

const KINDS: ImportKind[] = ['units', 'people', 'awards'];
/** The server's limit for a spreadsheet body (src/common/body-parsing.ts). */
const MAX_BYTES = 32 * 1024 * 1024;

function mediaTypeOf(fileName: string): string | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return XLSX_MEDIA_TYPE;
  if (lower.endsWith('.csv')) return CSV_MEDIA_TYPE;
  return null;
}

function columnLabel(t: ImportsText, kind: ImportKind, field: string): string {
  if (field === 'row') return t.wholeRow;
  const key = `col_${kind}_${field}`;
  return Object.hasOwn(t, key) ? t[key as keyof ImportsText] : field;
}

/** What the last upload came to: counts, or the rows that stopped it, or another problem. */
type Outcome =
  | { kind: ImportKind; fileName: string; report: ImportReport & { errorCount?: number } }
  | { kind: ImportKind; fileName: string; refused: RowProblem[]; error: ApiError }
  | { kind: ImportKind; fileName: string; failure: unknown };

function summaryOf(error: ApiError, language: Language): string {
  return language === 'vi'
    ? (error.problem.detailVi ?? error.problem.detail)
    : error.problem.detail;
}

function RowErrors({
  kind,
  rows,
  total,
}: {
  kind: ImportKind;
  rows: RowProblem[];
  /** Every problem found, when the server listed only the first ones. */
  total?: number;
}) {
  const t = useMessages(importsMessages);
  const { language } = useLanguage();
  const sorted = [...rows].sort((a, b) => a.line - b.line);
  const columns: ColumnsType<RowProblem & { key: string }> = [
    { title: t.line, dataIndex: 'line', width: 90, align: 'right' },
    {
      title: t.column,
      dataIndex: 'field',
      width: 220,
      render: (field: string) => columnLabel(t, kind, field),
    },
    {
      title: t.message,
      key: 'message',
      render: (_, row) => (language === 'vi' ? row.messageVi : row.message),
    },
  ];
  const lines = new Set(rows.map((row) => row.line)).size;
  return (
    <section aria-labelledby="import-errors-title">
      <Typography.Title level={3} style={{ fontSize: 16 }} id="import-errors-title">
        {t.errorsTitle}{' '}
        <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
          ({fill(t.errorCount, { n: rows.length, rows: lines })})
        </Typography.Text>
      </Typography.Title>
      {total !== undefined && total > rows.length && (
        <Typography.Paragraph type="secondary">
          {fill(t.errorsTruncated, {
            listed: formatNumber(rows.length),
            total: formatNumber(total),
          })}
        </Typography.Paragraph>
      )}
      <Table
        aria-label={t.errorsLabel}
        size="small"
        columns={columns}
        dataSource={sorted.map((row, index) => ({ ...row, key: `${row.line}-${index}` }))}
        pagination={sorted.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 640 }}
      />
    </section>
  );
}

function OutcomeView({ outcome, onAgain }: { outcome: Outcome; onAgain: () => void }) {
  const t = useMessages(importsMessages);
  const { language } = useLanguage();
  return (
    <Card
      title={
        <h2 style={{ fontSize: 18, margin: 0 }}>
          {fill(t.resultTitle, { name: outcome.fileName })}
        </h2>
      }
      extra={<Button onClick={onAgain}>{t.importAnother}</Button>}
    >
      {'report' in outcome && (
        <>
          <Alert
            type={outcome.report.skipped > 0 ? 'warning' : 'success'}
            showIcon
            role="status"
            title={
              outcome.report.skipped > 0
                ? fill(t.importedWithSkips, { n: outcome.report.skipped })
                : t.imported
            }
            style={{ marginBottom: 16 }}
          />
          <Flex wrap gap={32} style={{ marginBottom: 16 }}>
            <Statistic title={t.created} value={formatNumber(outcome.report.created)} />
            <Statistic title={t.updated} value={formatNumber(outcome.report.updated)} />
            <Statistic title={t.unchanged} value={formatNumber(outcome.report.unchanged)} />
            <Statistic title={t.skipped} value={formatNumber(outcome.report.skipped)} />
          </Flex>
          {outcome.report.errors.length > 0 && (
            <RowErrors
              kind={outcome.kind}
              rows={outcome.report.errors}
              total={outcome.report.errorCount}
            />
          )}
        </>
      )}
      {'refused' in outcome && (
        <>
          <Alert
            type="error"
            showIcon
            role="alert"
            title={summaryOf(outcome.error, language)}
            description={t.refused}
            style={{ marginBottom: 16 }}
          />
          <RowErrors
            kind={outcome.kind}
            rows={outcome.refused}
            total={
              typeof outcome.error.problem.errorCount === 'number'
                ? outcome.error.problem.errorCount
                : undefined
            }
          />
        </>
      )}
      {'failure' in outcome && <ProblemAlert error={outcome.failure} />}
    </Card>
  );
}

/** The upload, then the job: waiting, reading and checking the rows, writing them. */
function SendingView({ sending }: { sending: Sending }) {
  const t = useMessages(importsMessages);
  const name = sending.fileName;
  if (sending.stage === 'upload') {
    return (
      <div role="status" style={{ marginTop: 16 }}>
        <Typography.Text>
          {sending.percent < 100 ? fill(t.uploading, { name }) : t.processing}
        </Typography.Text>
        <Progress percent={sending.percent} status="active" aria-label={t.progressLabel} />
      </div>
    );
  }
  const { status, progress } = sending.job;
  const writing = status === 'applying' || status === 'done';
  const percent =
    writing && progress.rowsToWrite
      ? Math.floor((progress.rowsWritten / progress.rowsToWrite) * 100)
      : writing
        ? 100
        : 0;
  const text =
    status === 'queued'
      ? fill(t.queued, { name })
      : writing
        ? fill(t.applying, {
            name,
            written: formatNumber(progress.rowsWritten),
            total: formatNumber(progress.rowsToWrite ?? 0),
          })
        : fill(t.checking, { name, n: formatNumber(progress.rowsRead) });
  return (
    <div role="status" style={{ marginTop: 16 }}>
      <Typography.Text>{text}</Typography.Text>
      <Progress percent={percent} status="active" aria-label={t.jobProgressLabel} />
      <Typography.Text type="secondary">{t.jobHint}</Typography.Text>
    </div>
  );
}

/** /imports: registry imports from spreadsheets, with templates and a row-by-row error report. */
export function ImportsPage() {
  const t = useMessages(importsMessages);
  const { language } = useLanguage();
  const { message } = App.useApp();
  const [kind, setKind] = useState<ImportKind>('units');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [sending, setSending] = useState<Sending | null>(null);
  // The job goes on without the page; a page left behind stops asking about it.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [templateError, setTemplateError] = useState<unknown>(null);

  const downloadTemplate = async (format: 'xlsx' | 'csv') => {
    setTemplateError(null);
    try {
      // The guide in the reader's language (the headers stay the importer's own).
      await api.download(
        `/imports/templates/${kind}`,
        language === 'en' ? { format, lang: language } : { format },
      );
    } catch (failure) {
      setTemplateError(failure);
      void message.error(t.templateFailed);
    }
  };

  const send = async (file: File, kindNow: ImportKind) => {
    const contentType = mediaTypeOf(file.name);
    if (!contentType) return;
    setOutcome(null);
    setSending({ fileName: file.name, stage: 'upload', percent: 0 });
    try {
      const report = await importAsJob(
        kindNow,
        file,
        contentType,
        skipInvalid,
        (percent) => setSending({ fileName: file.name, stage: 'upload', percent }),
        (job) => setSending({ fileName: file.name, stage: 'job', job }),
        () => mounted.current,
      );
      if (!mounted.current) return;
      setOutcome({ kind: kindNow, fileName: file.name, report });
    } catch (failure) {
      if (!mounted.current) return;
      const rows = rowProblemsOf(failure);
      setOutcome(
        rows && failure instanceof ApiError
          ? {
              kind: kindNow,
              fileName: file.name,
              refused: rows,
              error: failure,
            }
          : { kind: kindNow, fileName: file.name, failure },
      );
    } finally {
      setSending(null);
    }
  };

  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Typography.Paragraph style={{ maxWidth: 880 }}>{t.intro}</Typography.Paragraph>
      <Flex vertical gap={16}>
        <Card>
          <Flex vertical gap={16}>
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <legend style={{ fontSize: 16, fontWeight: 600, marginBottom: 8 }}>
                {t.kindLegend}
              </legend>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                value={kind}
                disabled={sending !== null}
                onChange={(event) => {
                  setKind(event.target.value as ImportKind);
                  setOutcome(null);
                }}
                options={KINDS.map((value) => ({ value, label: t[`kind_${value}`] }))}
              />
              <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0, maxWidth: 880 }}>
                {t[`about_${kind}`]}
              </Typography.Paragraph>
            </fieldset>

            <section aria-labelledby="import-templates">
              <Typography.Title level={2} style={{ fontSize: 16 }} id="import-templates">
                {t.templates}
              </Typography.Title>
              <Typography.Paragraph>{t.templatesHelp}</Typography.Paragraph>
              <Space wrap>
                <Button
                  icon={<DownloadOutlined aria-hidden />}
                  onClick={() => void downloadTemplate('xlsx')}
                >
                  {t.templateXlsx}
                </Button>
                <Button
                  icon={<DownloadOutlined aria-hidden />}
                  onClick={() => void downloadTemplate('csv')}
                >
                  {t.templateCsv}
                </Button>
              </Space>
              <div style={{ marginTop: 8 }}>
                <ProblemAlert error={templateError} />
              </div>
            </section>

            <section aria-labelledby="import-options">
              <Typography.Title level={2} style={{ fontSize: 16 }} id="import-options">
                {t.options}
              </Typography.Title>
              <Checkbox
                checked={skipInvalid}
                disabled={sending !== null}
                onChange={(event) => setSkipInvalid(event.target.checked)}
                aria-describedby="skip-invalid-help"
              >
                {t.skipInvalid}
              </Checkbox>
              <Typography.Paragraph
                type="secondary"
                id="skip-invalid-help"
                style={{ marginTop: 4 }}
              >
                {t.skipInvalidHelp}
              </Typography.Paragraph>
            </section>

            <section aria-labelledby="import-upload">
              <Typography.Title level={2} style={{ fontSize: 16 }} id="import-upload">
                {t.upload}
              </Typography.Title>
              <Upload.Dragger
                accept=".xlsx,.csv"
                multiple={false}
                showUploadList={false}
                disabled={sending !== null}
                beforeUpload={(file) => {
                  if (!mediaTypeOf(file.name)) {
                    void message.error(t.wrongType);
                    return Upload.LIST_IGNORE;
                  }
                  if (file.size > MAX_BYTES) {
                    void message.error(t.tooLarge);
                    return Upload.LIST_IGNORE;
                  }
                  return true;
                }}
                customRequest={({ file, onSuccess }) => {
                  void send(file as File, kind).finally(() => onSuccess?.(null));
                }}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined aria-hidden />
                </p>
                <p className="ant-upload-text">{t.dropHint}</p>
                <p className="ant-upload-hint">{t.dropFormats}</p>
              </Upload.Dragger>
              {sending && <SendingView sending={sending} />}
            </section>
          </Flex>
        </Card>

        {outcome && <OutcomeView outcome={outcome} onAgain={() => setOutcome(null)} />}
      </Flex>
    </>
  );
}
