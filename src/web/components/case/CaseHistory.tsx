import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { Alert, Button, Space, Spin, Timeline, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fill, useLanguage, useLocalize, useMessages } from '../../i18n/language';
import { formatLegalDate, formatTimestamp } from '../../i18n/format';
import {
  loadWorkflow,
  useLoaded,
  valueAt,
  type HistoryPage,
  type HistoryRecord,
  type Verification,
  type WorkflowDetail,
} from './caseApi';
import { caseMessages } from './case.messages';
import { useCodeLabel } from './labels';

const PAGE = 50;

export interface CaseHistoryProps {
  caseId: string;
  /** Changes when the case changes (its version), so the log is read again. */
  refreshKey?: string | number;
}

/**
 * The case's audit log as a timeline, oldest first, paged with `afterSeq`: who (username and
 * role), when, what (the event's label), the legal dates its payload carries, and the record's
 * hash (shortened; the whole hash in a tooltip and copyable).
 */
export function CaseHistory({ caseId, refreshKey }: CaseHistoryProps) {
  const t = useMessages(caseMessages);
  const [records, setRecords] = useState<HistoryRecord[]>([]);
  const [next, setNext] = useState<number | null>(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [workflows, setWorkflows] = useState<Record<string, WorkflowDetail>>({});

  const loadPage = useCallback(
    async (afterSeq: number, replace: boolean) => {
      setBusy(true);
      setError(null);
      try {
        const page = await api.get<HistoryPage>(`/cases/${caseId}/history`, {
          afterSeq,
          limit: PAGE,
        });
        setRecords((current) => (replace ? page.items : [...current, ...page.items]));
        setNext(page.nextAfterSeq);
      } catch (failure) {
        setError(failure);
      } finally {
        setBusy(false);
      }
    },
    [caseId],
  );

  useEffect(() => {
    void loadPage(0, true);
  }, [loadPage, refreshKey]);

  // The labels of each workflow version the records were written under (a migrated case has two).
  const pins = useMemo(
    () => [...new Set(records.map((record) => `${record.workflow.id}@${record.workflow.version}`))],
    [records],
  );
  useEffect(() => {
    for (const pin of pins) {
      if (workflows[pin]) continue;
      const [id, version] = pin.split('@');
      loadWorkflow(id, Number(version)).then(
        (workflow) => setWorkflows((known) => ({ ...known, [pin]: workflow })),
        () => undefined,
      );
    }
  }, [pins, workflows]);

  return (
    <section aria-labelledby={`history-${caseId}`}>
      <Typography.Title level={2} id={`history-${caseId}`} style={{ fontSize: 18 }}>
        {t.historyTitle}
      </Typography.Title>
      <ChainVerification caseId={caseId} refreshKey={refreshKey} />
      <ProblemAlert error={error} />
      {records.length === 0 && busy ? (
        <Spin />
      ) : records.length === 0 ? (
        <Typography.Text type="secondary">{t.historyEmpty}</Typography.Text>
      ) : (
        <Timeline
          items={records.map((record) => ({
            key: record.seq,
            color: record.eventType === 'CASE_OPENED' ? 'green' : 'blue',
            content: (
              <HistoryEntry
                record={record}
                workflow={workflows[`${record.workflow.id}@${record.workflow.version}`]}
              />
            ),
          }))}
        />
      )}
      {next !== null && records.length > 0 && (
        <Button onClick={() => void loadPage(next, false)} loading={busy}>
          {t.historyMore}
        </Button>
      )}
    </section>
  );
}

function HistoryEntry({
  record,
  workflow,
}: {
  record: HistoryRecord;
  workflow: WorkflowDetail | undefined;
}) {
  const t = useMessages(caseMessages);
  const { language } = useLanguage();
  const localize = useLocalize();
  const codeLabel = useCodeLabel();
  const spec = workflow?.events.find((event) => event.type === record.eventType);
  const stateLabel = (state: string | null) => {
    if (state === null) return '';
    const found = workflow?.states.find((candidate) => candidate.name === state);
    return found ? localize(found.label) : state;
  };
  const eventLabel = spec ? localize(spec.label) : codeLabel('event', record.eventType);

  // Legal dates the payload carries (the dates the law counts from, as entered).
  const legalDates = Object.entries(spec?.legalDates ?? {})
    .map(([path, rule]) => ({ label: localize(rule.label), value: valueAt(record.payload, path) }))
    .filter((item): item is { label: string; value: string } => typeof item.value === 'string');
  const decisionNumber = valueAt(record.facts, 'decisionNumber.number');
  const documentName = valueAt(record.facts, 'document.fileName');
  const reason = typeof record.payload.reason === 'string' ? record.payload.reason : null;
  const short = `${record.hash.slice(0, 12)}…`;

  return (
    <div>
      <Typography.Text strong>{eventLabel}</Typography.Text>
      <div>
        <Typography.Text type="secondary">
          {formatTimestamp(record.at, language)} ·{' '}
          {fill(t.historyBy, {
            user: record.actor.username,
            role: codeLabel('role', record.actor.role),
          })}
        </Typography.Text>
      </div>
      {record.fromState !== null && record.fromState !== record.toState && (
        <div>
          {fill(t.historyTransition, {
            from: stateLabel(record.fromState),
            to: stateLabel(record.toState),
          })}
        </div>
      )}
      {legalDates.map((item) => (
        <div key={item.label}>
          {item.label}: <strong>{formatLegalDate(item.value)}</strong>
        </div>
      ))}
      {typeof decisionNumber === 'string' && (
        <div>{fill(t.historyDecisionNumber, { number: decisionNumber })}</div>
      )}
      {typeof documentName === 'string' && (
        <div>{fill(t.historyDocument, { name: documentName })}</div>
      )}
      {reason && <div className="case-prose">{fill(t.historyReason, { text: reason })}</div>}
      <div>
        <Typography.Text type="secondary">
          {fill(t.historySeq, { seq: record.seq })} · {t.historyHash}:{' '}
        </Typography.Text>
        <Tooltip title={fill(t.historyHashFull, { hash: record.hash })}>
          <Typography.Text
            className="case-hash"
            copyable={{
              text: record.hash,
              tooltips: [t.historyCopyHash, t.historyCopied],
            }}
          >
            <span aria-hidden="true">{short}</span>
            <span className="case-sr-only">{record.hash}</span>
          </Typography.Text>
        </Tooltip>
      </div>
    </div>
  );
}

export interface ChainVerificationProps {
  caseId: string;
  refreshKey?: string | number;
}

/** GET /cases/:id/verify as an alert: an icon and words for intact or broken, never colour alone. */
export function ChainVerification({ caseId, refreshKey }: ChainVerificationProps) {
  const t = useMessages(caseMessages);
  const { language } = useLanguage();
  const result = useLoaded(`${caseId}:${refreshKey ?? ''}`, () =>
    api.get<Verification>(`/cases/${caseId}/verify`),
  );
  const again = (
    <Button size="small" onClick={result.reload}>
      {t.verifyAgain}
    </Button>
  );
  if (result.status === 'loading') {
    return (
      <Alert
        type="info"
        showIcon
        icon={<SafetyCertificateOutlined />}
        title={t.verifyRunning}
        style={{ marginBottom: 16 }}
      />
    );
  }
  if (result.status === 'failed') {
    return (
      <Alert
        type="warning"
        showIcon
        title={t.verifyFailed}
        action={again}
        style={{ marginBottom: 16 }}
      />
    );
  }
  const { ok, checked, firstBadSeq, problem } = result.data;
  const problemText =
    typeof problem === 'string' ? problem : problem ? problem[language] : undefined;
  return (
    <Alert
      role={ok ? 'status' : 'alert'}
      type={ok ? 'success' : 'error'}
      showIcon
      icon={ok ? <CheckCircleOutlined /> : <CloseCircleOutlined />}
      title={
        ok
          ? fill(t.verifyOk, { n: checked })
          : firstBadSeq !== null
            ? fill(t.verifyBad, { seq: firstBadSeq })
            : t.verifyBadNoSeq
      }
      description={!ok && problemText ? problemText : undefined}
      action={<Space>{again}</Space>}
      style={{ marginBottom: 16 }}
    />
  );
}
