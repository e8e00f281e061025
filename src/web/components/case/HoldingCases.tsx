import { Table, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { StatusTag } from './StatusTag';
import { Verdict } from '../../components/Verdict';
import { formatTimestamp } from '../../i18n/format';
import { useLanguage, useMessages } from '../../i18n/language';
import { useLoaded } from './caseApi';
import { privacyMessages } from './privacy.messages';

/** GET /cases/:id/holds: a hold's reference opened, for a reader who may read its case. */
export interface HoldReference {
  reference: string;
  violationCaseId: string;
  nonce: string;
  placedAt: string;
  current: boolean;
  verified: boolean;
}

/**
 * The violation cases behind a nomination's holds, for a reader who may read them; nothing at all
 * for anyone else (the case shows them that a matter holds it, as its history does).
 */
export function HoldingCases({ caseId, version }: { caseId: string; version: number }) {
  const t = useMessages(privacyMessages);
  const { language } = useLanguage();
  const holds = useLoaded(`holds:${caseId}:${version}`, () =>
    api.get<{ items: HoldReference[]; withheld: number }>(`/cases/${caseId}/holds`),
  );
  if (holds.status !== 'done' || holds.data.items.length === 0) return null;
  return (
    <section aria-labelledby={`holds-${caseId}`} style={{ marginTop: 16 }}>
      <Typography.Title level={3} id={`holds-${caseId}`} style={{ fontSize: 17 }}>
        {t.holdsTitle}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.holdsIntro}</Typography.Paragraph>
      <Table<HoldReference>
        aria-label={t.holdsTable}
        rowKey="reference"
        pagination={false}
        dataSource={holds.data.items}
        columns={[
          {
            title: t.colHoldCase,
            dataIndex: 'violationCaseId',
            render: (id: string) => <Link to={`/cases/${id}`}>{id}</Link>,
          },
          {
            title: t.colHoldPlaced,
            dataIndex: 'placedAt',
            width: 170,
            render: (at: string) => formatTimestamp(at, language),
          },
          {
            title: t.colHoldStatus,
            dataIndex: 'current',
            width: 140,
            render: (current: boolean) => (
              <StatusTag tone={current ? 'orange' : 'gray'}>
                {current ? t.holdCurrent : t.holdEnded}
              </StatusTag>
            ),
          },
          {
            title: t.colHoldReference,
            key: 'reference',
            width: 260,
            render: (_: unknown, item: HoldReference) => (
              <>
                <Typography.Text code>{item.reference}</Typography.Text>{' '}
                {item.verified ? (
                  <Verdict tone="good">{t.holdVerified}</Verdict>
                ) : (
                  <Verdict tone="bad">{t.holdBroken}</Verdict>
                )}
              </>
            ),
          },
        ]}
      />
    </section>
  );
}
