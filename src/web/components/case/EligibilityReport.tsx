import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  ExclamationCircleOutlined,
  LockOutlined,
  PauseCircleOutlined,
} from '@ant-design/icons';
import { Alert, Spin, Table, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import type { ReactNode } from 'react';
import { fill, useLanguage, useLocalize, useMessages } from '../../i18n/language';
import { formatLegalDate } from '../../i18n/format';
import {
  loadRuleSet,
  useLoaded,
  type CaseView,
  type EligibilityLine,
  type EligibilityOutcome,
  type EligibilityResult,
  type LineOutcome,
  type RecordedEligibility,
  type RuleSetDetail,
  type SourceRef,
  type WorkflowDetail,
} from './caseApi';
import { useCodeLabel } from './labels';
import { caseMessages } from './case.messages';
import { privacyMessages } from './privacy.messages';
import { isRestricted, SealedEligibility } from './SealedEligibility';
import { StatusTag, type Tone } from './StatusTag';

const LINE_LOOK: Record<LineOutcome, { tone: Tone; icon: ReactNode }> = {
  pass: { tone: 'green', icon: <CheckCircleOutlined /> },
  fail: { tone: 'red', icon: <CloseCircleOutlined /> },
  needs_review: { tone: 'orange', icon: <ExclamationCircleOutlined /> },
  on_hold: { tone: 'blue', icon: <PauseCircleOutlined /> },
};

const OUTCOME_ALERT: Record<EligibilityOutcome, 'success' | 'error' | 'warning' | 'info'> = {
  eligible: 'success',
  ineligible: 'error',
  needs_review: 'warning',
  on_hold: 'info',
};

export interface EligibilityReportProps {
  /** An eligibility result (GET /cases/:id/eligibility, or …/eligibility/recorded's report). */
  result: EligibilityResult;
  /** A heading above the report (an h3); none when absent. */
  title?: string;
  /** Smaller, for a modal. */
  compact?: boolean;
  /** Where the report comes from (the audit record that keeps it), under the outcome. */
  note?: string;
}

/**
 * The rule set's verdict on a nomination, line by line: each criterion's result (icon and text,
 * never colour alone), the reason in the reader's language, and the legal source it rests on.
 */
export function EligibilityReport({ result, title, compact, note }: EligibilityReportProps) {
  const t = useMessages(caseMessages) as Record<string, string>;
  const privacy = useMessages(privacyMessages);
  const localize = useLocalize();
  const ruleSet = useLoaded(`${result.ruleSet.id}@${result.ruleSet.version}`, () =>
    loadRuleSet(result.ruleSet.id, result.ruleSet.version),
  );
  const outcomeText = t[`outcome_${result.outcome}`] ?? result.outcome;
  return (
    <section style={{ marginBottom: 16 }}>
      {title && (
        <Typography.Title level={3} style={{ fontSize: compact ? 15 : 17 }}>
          {title}
        </Typography.Title>
      )}
      <Alert
        type={OUTCOME_ALERT[result.outcome] ?? 'info'}
        showIcon
        title={outcomeText}
        description={
          <>
            {result.asOf && (
              <span>{fill(t.eligibilityAsOf, { date: formatLegalDate(result.asOf) })} </span>
            )}
            <span>
              {fill(t.eligibilityRuleSet, {
                id: result.ruleSet.id,
                version: result.ruleSet.version,
              })}
            </span>
            {note && <span> {note}</span>}
          </>
        }
        style={{ marginBottom: 12 }}
      />
      <Table<EligibilityLine>
        aria-label={t.eligibilityTable}
        size={compact ? 'small' : 'middle'}
        pagination={false}
        rowKey={(line, index) => `${line.rule}-${index}`}
        dataSource={result.lines}
        columns={[
          {
            title: t.colResult,
            dataIndex: 'outcome',
            width: 150,
            render: (outcome: LineOutcome) => (
              <StatusTag tone={LINE_LOOK[outcome]?.tone ?? 'gray'} icon={LINE_LOOK[outcome]?.icon}>
                {t[`line_${outcome}`] ?? outcome}
              </StatusTag>
            ),
          },
          {
            title: t.colCriterion,
            key: 'reason',
            render: (_: unknown, line: EligibilityLine) => (
              <>
                <span className="case-prose">{localize(line.reason)}</span>
                {isRestricted(line) && (
                  <div>
                    <Tag icon={<LockOutlined />} title={privacy.restrictedHelp}>
                      {privacy.restrictedTag}
                    </Tag>
                  </div>
                )}
              </>
            ),
          },
          {
            title: t.colSource,
            dataIndex: 'source',
            width: compact ? 200 : 280,
            render: (source: SourceRef[]) => (
              <Sources source={source} ruleSet={ruleSet.data} empty={t.noSource} />
            ),
          },
        ]}
      />
    </section>
  );
}

function Sources({
  source,
  ruleSet,
  empty,
}: {
  source: SourceRef[];
  ruleSet: RuleSetDetail | undefined;
  empty: string;
}) {
  const { language } = useLanguage();
  if (!source || source.length === 0)
    return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {source.map((ref, index) => {
        const known = ruleSet?.sources.find((candidate) => candidate.id === ref.text);
        const citation = ref.citation ?? known?.citation ?? ref.text;
        const titleText = ref.title?.[language] ?? known?.title[language];
        const provision = ref.provision ? `${provisionIn(ref.provision, language)}, ` : '';
        return (
          <li key={`${ref.text}-${index}`}>
            <span title={titleText}>
              {provision}
              {citation}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** "Art 84(1)" reads "Điều 84(1)" in Vietnamese; other forms are shown as written. */
function provisionIn(provision: string, language: 'vi' | 'en'): string {
  if (language === 'en') return provision;
  return provision.replace(/\bArts?\b\.?/g, 'Điều');
}

export interface CaseEligibilityProps {
  caseView: CaseView;
  /** The case's workflow, for the label of the event that recorded the report. */
  workflow?: WorkflowDetail;
}

/**
 * A nomination's eligibility: as the rule set judges it today (GET /cases/:id/eligibility) and
 * as the case's last check recorded it, read from that event's audit record (GET
 * /cases/:id/eligibility/recorded): from nomination v9 on the case itself keeps only the outcome
 * and the lines that did not pass.
 */
export function CaseEligibility({ caseView, workflow }: CaseEligibilityProps) {
  const t = useMessages(caseMessages);
  const localize = useLocalize();
  const codeLabel = useCodeLabel();
  const key = `${caseView.id}:${caseView.version}`;
  const live = useLoaded(key, () =>
    api.get<EligibilityResult>(`/cases/${caseView.id}/eligibility`),
  );
  const kept = useLoaded(key, () =>
    api.get<RecordedEligibility>(`/cases/${caseView.id}/eligibility/recorded`),
  );
  const recorded = kept.status === 'done' ? kept.data.recorded : null;
  const event = recorded && workflow?.events.find((e) => e.type === recorded.eventType);
  return (
    <>
      {(live.status === 'loading' || kept.status === 'loading') && <Spin />}
      {live.status === 'failed' && <ProblemAlert error={live.error} />}
      {live.status === 'done' && <EligibilityReport result={live.data} title={t.eligibilityNow} />}
      {/* Both fail alike where the workflow judges no eligibility: one alert says it. */}
      {kept.status === 'failed' && live.status !== 'failed' && <ProblemAlert error={kept.error} />}
      {recorded ? (
        <>
          <EligibilityReport
            result={recorded}
            title={t.eligibilityRecorded}
            note={fill(t.eligibilityRecordedIn, {
              event: event ? localize(event.label) : codeLabel('event', recorded.eventType),
              seq: String(recorded.seq),
            })}
          />
          {recorded.lines.some(isRestricted) && (
            <SealedEligibility caseId={caseView.id} version={caseView.version} />
          )}
        </>
      ) : (
        kept.status === 'done' && (
          <section>
            <Typography.Title level={3} style={{ fontSize: 17 }}>
              {t.eligibilityRecorded}
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              {t.eligibilityNoneRecorded}
            </Typography.Paragraph>
          </section>
        )
      )}
    </>
  );
}
