import { Table, Typography } from 'antd';
import { api } from '../../api/client';
import { Verdict } from '../../components/Verdict';
import { fill, useLocalize, useMessages } from '../../i18n/language';
import { useLoaded, type EligibilityLine } from './caseApi';
import { privacyMessages } from './privacy.messages';

/** GET /cases/:id/eligibility/sealed: a restricted line as judged, for a reader who may see it. */
export interface SealedLine {
  seq: number;
  lineIndex: number;
  rule: string;
  line: EligibilityLine;
  commitment: string;
  nonce: string;
  verified: boolean;
}

/** Whether a recorded line was restricted (it rests on a violation case not every reader may read). */
export const isRestricted = (line: EligibilityLine): boolean => line.details?.restricted === true;

/**
 * The restricted lines of a nomination's records, as they were judged, for a reader who may read
 * the violation cases behind them; nothing at all for anyone else (their lines already say where
 * to ask).
 */
export function SealedEligibility({ caseId, version }: { caseId: string; version: number }) {
  const t = useMessages(privacyMessages);
  const localize = useLocalize();
  const sealed = useLoaded(`sealed:${caseId}:${version}`, () =>
    api.get<{ items: SealedLine[]; withheld: number }>(`/cases/${caseId}/eligibility/sealed`),
  );
  if (sealed.status !== 'done' || sealed.data.items.length === 0) return null;
  return (
    <section style={{ marginBottom: 16 }}>
      <Typography.Title level={3} style={{ fontSize: 17 }}>
        {t.sealedTitle}
      </Typography.Title>
      <Table<SealedLine>
        aria-label={t.sealedTable}
        rowKey={(item) => `${item.seq}-${item.lineIndex}`}
        pagination={false}
        dataSource={sealed.data.items}
        columns={[
          { title: t.colRecord, dataIndex: 'seq', width: 90 },
          {
            title: t.colLine,
            key: 'line',
            render: (_: unknown, item: SealedLine) => (
              <span className="case-prose">{localize(item.line.reason)}</span>
            ),
          },
          {
            title: t.colProof,
            key: 'proof',
            width: 240,
            render: (_: unknown, item: SealedLine) =>
              item.verified ? (
                <Verdict tone="good">{fill(t.sealedVerified, { seq: item.seq })}</Verdict>
              ) : (
                <Verdict tone="bad">{fill(t.sealedBroken, { seq: item.seq })}</Verdict>
              ),
          },
        ]}
      />
    </section>
  );
}
