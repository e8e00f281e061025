import {
  CheckCircleOutlined,
  DownloadOutlined,
  ExclamationCircleOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Form, Progress, Select, Space, Table, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fill, useLanguage, useLocalize, useMessages, type Localized } from '../../i18n/language';
import {
  loadAwards,
  loadRuleSetInForce,
  useLoaded,
  type AwardCatalogue,
  type CaseView,
  type DossierDocument,
  type RuleSetDetail,
} from './caseApi';
import { caseMessages } from './case.messages';
import { formatBytes, humanize } from './labels';
import { StatusTag } from './StatusTag';

const MAX_BYTES = 10 * 1024 * 1024;
const MEDIA_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};
const ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

/** The file's media type: the browser's, or from its extension when the browser gives none. */
export function mediaTypeOf(file: File): string | null {
  if (Object.values(MEDIA_TYPES).includes(file.type)) return file.type;
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  return MEDIA_TYPES[extension] ?? null;
}

interface Row {
  code: string;
  name: Localized | null;
  required: boolean;
  /** For a document the award needs only sometimes: when. */
  when?: Localized;
  document: DossierDocument | undefined;
}

interface Needed {
  code: string;
  name: Localized | null;
  when?: Localized;
}

/**
 * The documents an award asks for, from the award catalogue (GET /awards), else its rule set:
 * those every nomination needs, and those needed only in some cases (with when).
 */
function neededDocuments(
  awardCode: unknown,
  awards: AwardCatalogue | undefined,
  ruleSet: RuleSetDetail | undefined,
): { required: Needed[]; conditional: Needed[] } {
  if (typeof awardCode !== 'string') return { required: [], conditional: [] };
  const award = awards?.items.find((item) => item.code === awardCode);
  const nameIn = (code: string) =>
    ruleSet?.documents.find((item) => item.code === code)?.name ?? null;
  if (award?.dossier) {
    return {
      required: award.dossier.documents.map((entry) =>
        typeof entry === 'string'
          ? { code: entry, name: nameIn(entry) }
          : { code: entry.code, name: entry.name },
      ),
      conditional: (award.dossier.conditional ?? []).map((entry) => ({
        code: entry.code,
        name: entry.name,
        when: entry.when,
      })),
    };
  }
  const codes = ruleSet?.awards.find((item) => item.code === awardCode)?.dossier?.documents ?? [];
  return { required: codes.map((code) => ({ code, name: nameIn(code) })), conditional: [] };
}

export interface CaseDocumentsProps {
  caseView: CaseView;
  /** After an upload, with the updated case. */
  onChanged: (updated: CaseView) => void;
}

/**
 * A nomination's dossier: the award's required documents and what was provided (from the case
 * context's `documents`), each downloadable; and, when the caller may attach documents now
 * (ATTACH_DOCUMENT in allowedEvents), an upload with progress.
 */
export function CaseDocuments({ caseView, onChanged }: CaseDocumentsProps) {
  const t = useMessages(caseMessages);
  const localize = useLocalize();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const awards = useLoaded('awards', loadAwards);
  const ruleSet = useLoaded('ruleset-in-force', loadRuleSetInForce);
  const [code, setCode] = useState<string | undefined>();
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const documents = useMemo(
    () =>
      Array.isArray(caseView.context.documents)
        ? (caseView.context.documents as DossierDocument[])
        : [],
    [caseView.context.documents],
  );
  const needed = neededDocuments(caseView.data.awardCode, awards.data, ruleSet.data);
  const requiredCodes = needed.required.map((item) => item.code);
  const listedCodes = [...requiredCodes, ...needed.conditional.map((item) => item.code)];
  const nameOf = (documentCode: string): Localized | null =>
    [...needed.required, ...needed.conditional].find((item) => item.code === documentCode)?.name ??
    ruleSet.data?.documents.find((item) => item.code === documentCode)?.name ??
    null;
  const rowFor = (item: Needed, required: boolean): Row => ({
    code: item.code,
    name: item.name,
    required,
    when: item.when,
    document: documents.find((document) => document.code === item.code),
  });
  const rows: Row[] = [
    ...needed.required.map((item) => rowFor(item, true)),
    ...needed.conditional.map((item) => rowFor(item, false)),
    ...documents
      .filter((document) => !listedCodes.includes(document.code))
      .map((document) => ({
        code: document.code,
        name: nameOf(document.code),
        required: false,
        document,
      })),
  ];
  const label = (row: { code: string; name: Localized | null }) =>
    row.name ? localize(row.name) : humanize(row.code);
  const canUpload = caseView.allowedEvents.some((event) => event.type === 'ATTACH_DOCUMENT');
  const choices = [
    ...listedCodes,
    ...(ruleSet.data?.documents
      .map((item) => item.code)
      .filter((item) => !listedCodes.includes(item)) ?? []),
  ];

  const download = async (document: DossierDocument) => {
    try {
      await api.download(`/cases/${caseView.id}/documents/${document.id}`);
    } catch (failure) {
      setError(failure);
    }
  };

  const upload = async (file: File) => {
    setError(null);
    setFileProblem(null);
    if (!code) return setFileProblem(t.uploadChooseCode);
    const mediaType = mediaTypeOf(file);
    if (!mediaType) return setFileProblem(t.uploadWrongType);
    if (file.size > MAX_BYTES) return setFileProblem(t.uploadTooLarge);
    setProgress({ name: file.name, percent: 0 });
    try {
      const updated = await api.upload<CaseView>(
        `/cases/${caseView.id}/documents`,
        file,
        mediaType,
        { code, fileName: file.name },
        (percent) => setProgress({ name: file.name, percent }),
        { 'Idempotency-Key': crypto.randomUUID() },
      );
      void message.success(fill(t.uploaded, { name: file.name }));
      setCode(undefined);
      onChanged(updated);
    } catch (failure) {
      setError(failure);
    } finally {
      setProgress(null);
    }
  };

  return (
    <section>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t.documentsRequired}
      </Typography.Title>
      <ProblemAlert error={error} />
      {rows.length === 0 ? (
        <Typography.Paragraph type="secondary">{t.documentsNone}</Typography.Paragraph>
      ) : (
        <Table<Row>
          aria-label={t.documentsTable}
          rowKey="code"
          pagination={false}
          dataSource={rows}
          size="middle"
          style={{ marginBottom: 24 }}
          columns={[
            { title: t.colDocument, key: 'name', render: (_, row) => label(row) },
            {
              title: t.colRequired,
              key: 'required',
              width: 140,
              render: (_, row) =>
                row.required ? (
                  t.documentRequired
                ) : row.when ? (
                  <span>
                    {t.documentConditional}: {localize(row.when)}
                  </span>
                ) : (
                  t.documentOptional
                ),
            },
            {
              title: t.colFile,
              key: 'file',
              render: (_, row) =>
                row.document ? (
                  <Space orientation="vertical" size={0}>
                    <StatusTag tone="green" icon={<CheckCircleOutlined />}>
                      {t.documentPresent}
                    </StatusTag>
                    <span style={{ overflowWrap: 'anywhere' }}>{row.document.fileName}</span>
                    <Typography.Text type="secondary">
                      {formatBytes(row.document.size, language)}
                    </Typography.Text>
                  </Space>
                ) : (
                  <StatusTag tone="orange" icon={<ExclamationCircleOutlined />}>
                    {t.documentMissing}
                  </StatusTag>
                ),
            },
            {
              title: t.colActions,
              key: 'download',
              width: 100,
              render: (_, row) =>
                row.document ? (
                  <Button
                    icon={<DownloadOutlined />}
                    aria-label={fill(t.documentDownload, { name: row.document.fileName })}
                    onClick={() => void download(row.document!)}
                  />
                ) : null,
            },
          ]}
        />
      )}

      {canUpload ? (
        <section>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            {t.uploadTitle}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t.uploadReplaces}</Typography.Paragraph>
          <Form layout="vertical" style={{ maxWidth: 560 }}>
            <Form.Item label={t.uploadCode} htmlFor={`upload-code-${caseView.id}`} required>
              <Select
                id={`upload-code-${caseView.id}`}
                value={code}
                onChange={(value: string) => {
                  setCode(value);
                  setFileProblem(null);
                }}
                placeholder={t.formChoose}
                options={choices.map((choice) => ({
                  value: choice,
                  label: `${label({ code: choice, name: nameOf(choice) })}${
                    documents.some((document) => document.code === choice)
                      ? ` (${t.documentPresent})`
                      : ''
                  }`,
                }))}
              />
            </Form.Item>
            <Form.Item
              label={t.uploadFile}
              htmlFor={`upload-file-${caseView.id}`}
              validateStatus={fileProblem ? 'error' : undefined}
              help={fileProblem ?? undefined}
            >
              <input
                ref={input}
                id={`upload-file-${caseView.id}`}
                type="file"
                accept={ACCEPT}
                style={{ display: 'none' }}
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  event.target.value = '';
                  if (file) void upload(file);
                }}
              />
              <Button
                icon={<UploadOutlined />}
                onClick={() => (code ? input.current?.click() : setFileProblem(t.uploadChooseCode))}
                disabled={progress !== null}
              >
                {t.uploadChoose}
              </Button>
            </Form.Item>
            {progress && (
              <div role="status">
                <Typography.Text>
                  {fill(t.uploading, { name: progress.name, percent: progress.percent })}
                </Typography.Text>
                <Progress percent={progress.percent} aria-label={progress.name} />
              </div>
            )}
          </Form>
        </section>
      ) : (
        caseView.type === 'nomination' &&
        !caseView.closed && <Alert type="info" showIcon title={t.uploadNotNow} />
      )}
    </section>
  );
}
