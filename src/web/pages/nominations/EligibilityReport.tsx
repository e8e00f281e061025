import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  ExclamationCircleOutlined,
  PauseCircleOutlined,
} from '@ant-design/icons';
import { Alert, Button, Skeleton, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fill, useLanguage, useLocalize, useMessages, type Language } from '../../i18n/language';
import {
  nominationApi,
  type EligibilityOutcome,
  type EligibilityReport as Report,
  type LineOutcome,
} from './api';
import { commonMessages } from './common.messages';
import { useLoad } from '../../components/useLoad';

type Text = Record<keyof typeof commonMessages.vi, string>;

const OUTCOME_ALERT: Record<EligibilityOutcome, 'success' | 'error' | 'warning' | 'info'> = {
  eligible: 'success',
  ineligible: 'error',
  on_hold: 'warning',
  needs_review: 'info',
};

function outcomeText(outcome: EligibilityOutcome, t: Text): string {
  return {
    eligible: t.outcomeEligible,
    ineligible: t.outcomeIneligible,
    on_hold: t.outcomeOnHold,
    needs_review: t.outcomeNeedsReview,
  }[outcome];
}

/** The rule set writes provisions in English ("Art 84(1)"); Vietnamese readers get "Điều 84(1)". */
function provisionText(provision: string | undefined, language: Language): string | undefined {
  return language === 'vi' ? provision?.replace(/\bArts?\.?(?=\s)/g, 'Điều') : provision;
}

/** Each line's result as a tag with an icon and a word: colour is never the only signal. */
function LineTag({ outcome, t }: { outcome: LineOutcome; t: Text }) {
  const look: Record<LineOutcome, { color: string; icon: ReactNode; text: string }> = {
    pass: { color: 'success', icon: <CheckCircleOutlined />, text: t.linePass },
    fail: { color: 'error', icon: <CloseCircleOutlined />, text: t.lineFail },
    needs_review: {
      color: 'processing',
      icon: <ExclamationCircleOutlined />,
      text: t.lineNeedsReview,
    },
    on_hold: { color: 'warning', icon: <PauseCircleOutlined />, text: t.lineOnHold },
  };
  const { color, icon, text } = look[outcome];
  return (
    <Tag color={color} icon={icon}>
      {text}
    </Tag>
  );
}

/**
 * The eligibility report of a case (GET /cases/:id/eligibility): the overall verdict and one line
 * per rule, with the reason and its legal source. `sources` names the rule set's texts.
 */
export function EligibilityReport({
  caseId,
  sources,
  note,
}: {
  caseId: string;
  sources?: ReadonlyMap<string, string>;
  note?: string;
}) {
  const t = useMessages(commonMessages);
  const localize = useLocalize();
  const { language } = useLanguage();
  const { data, error, loading, reload } = useLoad(
    (signal) => nominationApi.eligibility(caseId, signal),
    caseId,
  );

  if (loading && !data) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (error) {
    if (error instanceof ApiError && error.status === 404) {
      return <Alert type="info" showIcon title={t.eligibilityUnavailable} />;
    }
    return (
      <>
        <ProblemAlert error={error} />
        <Button onClick={reload}>{t.retry}</Button>
      </>
    );
  }
  if (!data) return null;
  const report: Report = data;
  const sourceText = (line: Report['lines'][number]) =>
    (line.source ?? [])
      .map((ref) =>
        [ref.citation ?? sources?.get(ref.text) ?? ref.text, provisionText(ref.provision, language)]
          .filter(Boolean)
          .join(', '),
      )
      .join('; ');

  return (
    <section aria-labelledby="eligibility-title">
      <Typography.Title level={3} id="eligibility-title" style={{ fontSize: 18 }}>
        {t.eligibilityTitle}
      </Typography.Title>
      <Alert
        type={OUTCOME_ALERT[report.outcome]}
        showIcon
        title={outcomeText(report.outcome, t)}
        description={
          <>
            <div>{t.eligibilityIntro}</div>
            {note && <div>{note}</div>}
            {report.ruleSet && (
              <Typography.Text type="secondary">
                {fill(t.eligibilityRuleSet, {
                  id: report.ruleSet.id,
                  version: report.ruleSet.version,
                })}
              </Typography.Text>
            )}
          </>
        }
        style={{ marginBottom: 12 }}
      />
      <Table
        aria-label={t.eligibilityTable}
        size="small"
        pagination={false}
        rowKey={(line) => line.rule}
        dataSource={report.lines}
        columns={[
          {
            title: t.columnRule,
            key: 'reason',
            render: (_, line) => {
              const source = sourceText(line);
              return (
                <>
                  <div>{localize(line.reason)}</div>
                  {source && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fill(t.lineSource, { source })}
                    </Typography.Text>
                  )}
                </>
              );
            },
          },
          {
            title: t.columnOutcome,
            key: 'outcome',
            width: 160,
            render: (_, line) => <LineTag outcome={line.outcome} t={t} />,
          },
        ]}
      />
    </section>
  );
}
