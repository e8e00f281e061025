import { Button, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fill, useLanguage, useMessages } from '../../i18n/language';
import { hasRole, useMe } from '../../session/session';
import { useRecord } from '../admin/useRecord';
import { templatesMessages } from './templates.messages';

export interface DocumentTemplateView {
  kind: 'proposal_letter' | 'award_decision' | 'certificate' | 'council_minutes';
  format: 'party' | 'state';
  version: number;
  description: { vi: string; en: string };
  source: string;
  file: string;
  sha256: string;
  previewUrl: string;
}

/**
 * /admin/templates: the official document templates the server runs with, and a preview of one
 * (the same-origin PDF in a frame, or a new tab; the session cookie signs the request in). The
 * preview is for administrators and the secretariat; auditors read the list.
 */
export function TemplatesPage() {
  const t = useMessages(templatesMessages);
  const { language } = useLanguage();
  const me = useMe();
  const [list, , error] = useRecord<{ items: DocumentTemplateView[] }>('/templates');
  const [shown, setShown] = useState<DocumentTemplateView | null>(null);
  const mayPreview = hasRole(me, 'admin', 'secretariat');
  const nameOf = (template: DocumentTemplateView) =>
    `${t[`kind_${template.kind}`]} – ${t[`format_${template.format}`]}`;

  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Typography.Paragraph>{t.intro}</Typography.Paragraph>
      <ProblemAlert error={error} />
      <Table<DocumentTemplateView>
        rowKey={(template) => template.file}
        loading={list === null && error === null}
        dataSource={list?.items ?? []}
        pagination={false}
        size="small"
        columns={[
          {
            title: t.kind,
            key: 'kind',
            render: (_, template) => (
              <>
                <Typography.Text strong>{t[`kind_${template.kind}`]}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{template.description[language]}</Typography.Text>
              </>
            ),
          },
          {
            title: t.format,
            key: 'format',
            render: (_, template) => t[`format_${template.format}`],
          },
          { title: t.version, dataIndex: 'version' },
          {
            title: t.file,
            key: 'file',
            render: (_, template) => (
              <Typography.Text code title={template.sha256}>
                {template.file}
              </Typography.Text>
            ),
          },
          { title: t.source, dataIndex: 'source' },
          ...(mayPreview
            ? [
                {
                  title: t.preview,
                  key: 'preview',
                  render: (_: unknown, template: DocumentTemplateView) => (
                    <Button
                      onClick={() => setShown(template)}
                      aria-label={fill(t.previewOf, { name: nameOf(template) })}
                    >
                      {t.preview}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {shown !== null && (
        <section aria-label={fill(t.previewOf, { name: nameOf(shown) })}>
          <Space style={{ margin: '16px 0 8px' }} wrap>
            <Typography.Title level={2} style={{ margin: 0 }}>
              {fill(t.previewOf, { name: nameOf(shown) })}
            </Typography.Title>
            <Typography.Link href={shown.previewUrl} target="_blank" rel="noopener">
              {t.openInNewTab}
            </Typography.Link>
          </Space>
          <Typography.Paragraph type="secondary">{t.previewHelp}</Typography.Paragraph>
          <iframe
            key={shown.previewUrl}
            src={shown.previewUrl}
            title={fill(t.previewOf, { name: nameOf(shown) })}
            style={{ width: '100%', height: 800, border: '1px solid #d9d9d9' }}
          />
        </section>
      )}
    </>
  );
}
