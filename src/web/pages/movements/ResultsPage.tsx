import { DownloadOutlined } from '@ant-design/icons';
import { Button, Descriptions, Flex, Segmented, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { StatusTag } from '../../components/case/StatusTag';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLoad } from '../../components/useLoad';
import { formatLegalDate } from '../../i18n/format';
import { fill, useLanguage, useLocalize, useMessages } from '../../i18n/language';
import { movementReportsApi, type ResultsPhase, type ResultsRow } from './api';
import { reportsMessages } from './reports.messages';

/** The files the results page offers: the workbook, the report, its English rendering. */
type ResultsFile = 'xlsx' | 'pdf' | 'pdf-en';

/**
 * `/movements/:id/results?phase=midterm|final`: the consolidated results of a review as the
 * launching unit sends it upward, each unit against each criterion, with the Excel and PDF files.
 * The phase lives in the address, so a shared link opens the same report.
 */
export function ResultsPage() {
  const { id = '' } = useParams();
  const t = useMessages(reportsMessages);
  const localize = useLocalize();
  const [params, setParams] = useSearchParams();
  const phase: ResultsPhase = params.get('phase') === 'final' ? 'final' : 'midterm';
  const report = useLoad(
    (signal) => movementReportsApi.results(id, phase, signal),
    `movement-results-${id}-${phase}`,
  );
  const { language } = useLanguage();
  const [downloading, setDownloading] = useState<ResultsFile | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const r = report.data;

  // The report to sign is Vietnamese; an English reader may also take a rendering.
  const files: [ResultsFile, string][] = [
    ['xlsx', t.downloadXlsx],
    ['pdf', t.downloadPdf],
    ...(language === 'en' ? [['pdf-en', t.downloadPdfEnglish] as [ResultsFile, string]] : []),
  ];

  const download = async (format: ResultsFile) => {
    setDownloading(format);
    setDownloadError(null);
    try {
      await movementReportsApi.download(
        id,
        phase,
        format === 'xlsx' ? 'xlsx' : 'pdf',
        // The workbook in the reader's language; the PDF to sign stays Vietnamese.
        format === 'pdf-en' || (format === 'xlsx' && language === 'en') ? 'en' : undefined,
      );
    } catch (failure) {
      setDownloadError(failure);
    } finally {
      setDownloading(null);
    }
  };

  const columns: ColumnsType<ResultsRow> = [
    {
      title: t.colUnit,
      key: 'unit',
      render: (_, row) => `${row.unit.name} (${row.unit.code})`,
    },
    {
      title: t.colAcknowledgedOn,
      key: 'acknowledgedOn',
      render: (_, row) =>
        row.acknowledgement === null ? (
          <StatusTag tone="orange">{t.notAcknowledged}</StatusTag>
        ) : (
          formatLegalDate(row.acknowledgement.acknowledgedOn)
        ),
    },
    {
      title: t.colReportedOn,
      key: 'reportedOn',
      render: (_, row) =>
        row.report === null ? (
          row.acknowledgement === null ? (
            t.none
          ) : (
            <StatusTag tone="orange">{t.notReported}</StatusTag>
          )
        ) : (
          formatLegalDate(row.report.reportedOn)
        ),
    },
    ...(r?.criteria ?? []).map((criterion) => ({
      title:
        criterion.weight === null
          ? localize(criterion.name)
          : `${localize(criterion.name)} (${fill(t.weight, { weight: criterion.weight })})`,
      key: criterion.code,
      render: (_: unknown, row: ResultsRow) => {
        const result = row.report?.results.find((x) => x.criterionCode === criterion.code);
        if (!result || (result.score === null && result.text === '')) return t.none;
        return (
          <>
            {result.score !== null && (
              <div>
                {t.score}: <strong>{result.score}</strong>
              </div>
            )}
            <div>{result.text}</div>
          </>
        );
      },
    })),
    ...(r?.scored
      ? [
          {
            title: t.colTotal,
            key: 'total',
            render: (_: unknown, row: ResultsRow) => row.report?.totalScore ?? t.none,
          },
          {
            title: t.colWeighted,
            key: 'weighted',
            render: (_: unknown, row: ResultsRow) => row.report?.weightedScore ?? t.none,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageTitle>{t.resultsTitle}</PageTitle>
      <Typography.Paragraph>{t.resultsIntro}</Typography.Paragraph>
      <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
        <Link to={`/movements/${encodeURIComponent(id)}`}>{t.backToMovement}</Link>
        <Segmented<ResultsPhase>
          aria-label={t.phase}
          value={phase}
          onChange={(value) => setParams({ phase: value }, { replace: true })}
          options={[
            { value: 'midterm', label: t.phaseMidterm },
            { value: 'final', label: t.phaseFinal },
          ]}
        />
        {files.map(([file, label]) => (
          <Button
            key={file}
            icon={<DownloadOutlined />}
            loading={downloading === file}
            disabled={!r}
            onClick={() => void download(file)}
          >
            {label}
          </Button>
        ))}
      </Flex>
      <ProblemAlert error={report.error ?? downloadError} />
      {r && (
        <>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t.movement} span={2}>
              <span>
                <strong>{r.movement.title}</strong> ({r.movement.code})
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t.phase}>
              {r.phaseStartedOn === null
                ? t.phaseNotStarted
                : fill(t.phaseStartedOn, {
                    phase: localize(r.phaseLabel).toLowerCase(),
                    date: formatLegalDate(r.phaseStartedOn),
                  })}
            </Descriptions.Item>
            <Descriptions.Item label={t.recipients}>
              {r.recipients
                .map((recipient) =>
                  recipient.role === 'archive'
                    ? fill(t.archive, { name: recipient.name })
                    : recipient.name,
                )
                .join('; ')}
            </Descriptions.Item>
          </Descriptions>
          <h2 style={{ fontSize: 18 }}>{t.resultsTable}</h2>
          <Typography.Paragraph>
            {fill(t.resultsSummary, {
              units: r.units,
              acknowledged: r.acknowledged,
              reported: r.reported,
            })}
          </Typography.Paragraph>
        </>
      )}
      {/* One column per criterion: wide, so the table scrolls in a region the keyboard reaches. */}
      <div role="region" aria-label={t.resultsTable} tabIndex={0} style={{ overflowX: 'auto' }}>
        <Table<ResultsRow>
          aria-label={t.resultsTable}
          rowKey={(row) => row.unit.id}
          columns={columns}
          dataSource={r?.items ?? []}
          loading={report.loading}
          pagination={false}
          size="small"
        />
      </div>
    </>
  );
}
