import { Alert, Spin, Table, Typography } from 'antd';
import { api, ApiError } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Verdict, type Tone } from '../../components/Verdict';
import { formatTimestamp } from '../../i18n/format';
import { useLanguage, useMessages } from '../../i18n/language';
import { useLoaded } from './caseApi';
import { privacyMessages } from './privacy.messages';

/** GET /cases/:id/objections: one objection with who filed it. */
export interface ObjectionItem {
  seq: number;
  at: string;
  objection: string;
  objector: { name: string | null; contact: string | null } | null;
  identity: 'stored_apart' | 'in_record' | 'none';
  commitment: string | null;
  nonce: string | null;
  inRecord: boolean;
  verified: boolean | null;
}

type ProofKey = 'proofVerified' | 'proofStoredOnly' | 'proofBroken' | 'proofInRecord' | 'proofNone';

function proofOf(item: ObjectionItem): { tone: Tone; key: ProofKey } {
  if (item.identity === 'in_record') return { tone: 'neutral', key: 'proofInRecord' };
  if (item.verified === null) return { tone: 'neutral', key: 'proofNone' };
  if (!item.verified) return { tone: 'bad', key: 'proofBroken' };
  return item.inRecord
    ? { tone: 'good', key: 'proofVerified' }
    : { tone: 'warn', key: 'proofStoredOnly' };
}

/**
 * The objections to a nomination with their objectors' names and contacts, for the secretariat and
 * auditors (the server decides; anyone else gets its refusal in words). Each identity says whether
 * it matches the commitment the case history holds.
 */
export function CaseObjections({ caseId, refreshKey }: { caseId: string; refreshKey?: number }) {
  const t = useMessages(privacyMessages);
  const { language } = useLanguage();
  const listed = useLoaded(`objections:${caseId}:${refreshKey ?? ''}`, () =>
    api.get<{ items: ObjectionItem[] }>(`/cases/${caseId}/objections`),
  );
  return (
    <section aria-labelledby={`objections-${caseId}`}>
      <Typography.Title level={2} id={`objections-${caseId}`} style={{ fontSize: 18 }}>
        {t.objectionsTitle}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.objectionsIntro}</Typography.Paragraph>
      {listed.status === 'loading' && <Spin />}
      {listed.status === 'failed' &&
        (listed.error instanceof ApiError && listed.error.status === 403 ? (
          <Alert type="info" showIcon title={t.objectionsForbidden} />
        ) : (
          <ProblemAlert error={listed.error} />
        ))}
      {listed.status === 'done' &&
        (listed.data.items.length === 0 ? (
          <Typography.Text type="secondary">{t.objectionsEmpty}</Typography.Text>
        ) : (
          <Table<ObjectionItem>
            aria-label={t.objectionsTable}
            rowKey="seq"
            pagination={false}
            dataSource={listed.data.items}
            columns={[
              {
                title: t.colFiledAt,
                dataIndex: 'at',
                width: 170,
                render: (at: string) => formatTimestamp(at, language),
              },
              {
                title: t.colObjection,
                dataIndex: 'objection',
                render: (text: string) => <span className="case-prose">{text}</span>,
              },
              {
                title: t.colObjector,
                key: 'objector',
                width: 260,
                render: (_: unknown, item: ObjectionItem) =>
                  item.objector === null ? (
                    <Typography.Text type="secondary">{t.anonymous}</Typography.Text>
                  ) : (
                    <dl style={{ margin: 0 }}>
                      <dt style={{ fontWeight: 600 }}>{t.nameLabel}</dt>
                      <dd style={{ margin: 0 }}>{item.objector.name ?? t.notGiven}</dd>
                      <dt style={{ fontWeight: 600 }}>{t.contactLabel}</dt>
                      <dd style={{ margin: 0 }}>{item.objector.contact ?? t.notGiven}</dd>
                    </dl>
                  ),
              },
              {
                title: t.colProof,
                key: 'proof',
                width: 240,
                render: (_: unknown, item: ObjectionItem) => {
                  const proof = proofOf(item);
                  return <Verdict tone={proof.tone}>{t[proof.key]}</Verdict>;
                },
              },
            ]}
          />
        ))}
    </section>
  );
}
