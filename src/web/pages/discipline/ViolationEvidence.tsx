import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Form, Progress, Table, Typography } from 'antd';
import { useId, useRef, useState } from 'react';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { mediaTypeOf } from '../../components/case/CaseDocuments';
import type { CaseView, DossierDocument, WorkflowDetail } from '../../components/case/caseApi';
import { formatBytes } from '../../components/case/labels';
import { fill, useLanguage, useMessages } from '../../i18n/language';
import { disciplineMessages } from './discipline.messages';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';
/** The document code the upload route records as a violation's evidence (ATTACH_EVIDENCE). */
const EVIDENCE = 'evidence';

/** A case whose documents are evidence (violation v4 and later) rather than a dossier. */
export function hasEvidence(caseView: CaseView, workflow: WorkflowDetail | undefined): boolean {
  return (
    Array.isArray(caseView.context.evidence) ||
    workflow?.events.some((event) => event.type === 'ATTACH_EVIDENCE') === true
  );
}

export function evidenceOf(caseView: CaseView): DossierDocument[] {
  const evidence = caseView.context.evidence;
  return Array.isArray(evidence) ? (evidence as DossierDocument[]) : [];
}

export interface ViolationEvidenceProps {
  caseView: CaseView;
  onChanged: (updated: CaseView) => void;
  /** The heading level of the section (2 on the case page). */
  level?: 2 | 3;
}

/**
 * A violation case's evidence: each file with its size and SHA-256, downloadable; and, when the
 * caller may attach evidence now (ATTACH_EVIDENCE allowed), an upload with progress. The upload
 * is POST /cases/:id/documents?code=evidence, the file itself as the body.
 */
export function ViolationEvidence({ caseView, onChanged, level = 2 }: ViolationEvidenceProps) {
  const t = useMessages(disciplineMessages);
  const { language } = useLanguage();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const evidence = evidenceOf(caseView);
  const canUpload = caseView.allowedEvents.some((event) => event.type === 'ATTACH_EVIDENCE');
  const Heading = level === 2 ? 'h2' : 'h3';

  const download = async (document: DossierDocument) => {
    setError(null);
    try {
      await api.download(`/cases/${caseView.id}/documents/${document.id}`);
    } catch (failure) {
      setError(failure);
    }
  };

  const upload = async (file: File) => {
    setError(null);
    setFileProblem(null);
    const mediaType = mediaTypeOf(file);
    if (!mediaType) return setFileProblem(t.evidenceWrongType);
    if (file.size > MAX_BYTES) return setFileProblem(t.evidenceTooLarge);
    setProgress({ name: file.name, percent: 0 });
    try {
      const updated = await api.upload<CaseView>(
        `/cases/${caseView.id}/documents`,
        file,
        mediaType,
        { code: EVIDENCE, fileName: file.name },
        (percent) => setProgress({ name: file.name, percent }),
        { 'Idempotency-Key': crypto.randomUUID() },
      );
      void message.success(fill(t.evidenceUploaded, { name: file.name }));
      onChanged(updated);
    } catch (failure) {
      setError(failure);
    } finally {
      setProgress(null);
    }
  };

  return (
    <section>
      <Heading style={{ fontSize: level === 2 ? 18 : 16, marginTop: 0 }}>{t.evidenceTitle}</Heading>
      <ProblemAlert error={error} />
      {evidence.length === 0 ? (
        <Typography.Paragraph type="secondary">{t.evidenceNone}</Typography.Paragraph>
      ) : (
        <div style={{ overflowX: 'auto', marginBottom: 24 }}>
          <Table<DossierDocument>
            aria-label={t.evidenceTable}
            rowKey="id"
            pagination={false}
            dataSource={evidence}
            size="middle"
            columns={[
              {
                title: t.colFile,
                key: 'file',
                render: (_, document) => (
                  <span style={{ overflowWrap: 'anywhere' }}>{document.fileName}</span>
                ),
              },
              {
                title: t.colSize,
                key: 'size',
                render: (_, document) => formatBytes(document.size, language),
              },
              {
                title: t.colSha,
                key: 'sha256',
                render: (_, document) => (
                  <Typography.Text
                    code
                    style={{ overflowWrap: 'anywhere', wordBreak: 'break-all' }}
                  >
                    {document.sha256}
                  </Typography.Text>
                ),
              },
              {
                title: t.colDownload,
                key: 'download',
                width: 100,
                render: (_, document) => (
                  <Button
                    icon={<DownloadOutlined />}
                    aria-label={fill(t.evidenceDownload, { name: document.fileName })}
                    onClick={() => void download(document)}
                  />
                ),
              },
            ]}
          />
        </div>
      )}
      {canUpload && (
        <Form layout="vertical" style={{ maxWidth: 560 }}>
          <Typography.Paragraph type="secondary">{t.evidenceUploadHelp}</Typography.Paragraph>
          <Form.Item
            label={t.evidenceFile}
            htmlFor={inputId}
            validateStatus={fileProblem ? 'error' : undefined}
            help={fileProblem ?? undefined}
          >
            <input
              ref={input}
              id={inputId}
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
              onClick={() => input.current?.click()}
              disabled={progress !== null}
            >
              {t.evidenceChoose}
            </Button>
          </Form.Item>
          {progress && (
            <div role="status">
              <Typography.Text>
                {fill(t.evidenceUploading, { name: progress.name, percent: progress.percent })}
              </Typography.Text>
              <Progress percent={progress.percent} aria-label={progress.name} />
            </div>
          )}
        </Form>
      )}
    </section>
  );
}
