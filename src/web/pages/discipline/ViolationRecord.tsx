import { Alert, Descriptions, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { StatusTag } from '../../components/case/StatusTag';
import type { CaseView } from '../../components/case/caseApi';
import { formatLegalDate } from '../../i18n/format';
import { fill, useMessages } from '../../i18n/language';
import {
  decisionsOf,
  explanationOf,
  isDisciplineCase,
  type Explanation,
  type ViolationDecision,
} from './api';
import { disciplineMessages } from './discipline.messages';
import { useDisciplineNames, useDisciplineRules } from './labels';

const HEADING = { fontSize: 18, margin: 0 } as const;

/**
 * What a violation case recorded about its subject's explanation and its decisions (v4 and
 * later), laid out for reading: the case's info tab shows it after the case data.
 */
export function ViolationRecord({ caseView }: { caseView: CaseView }) {
  if (!isDisciplineCase(caseView)) return null;
  return <DisciplineRecord caseView={caseView} />;
}

function DisciplineRecord({ caseView }: { caseView: CaseView }) {
  const t = useMessages(disciplineMessages);
  const explanation = explanationOf(caseView);
  const decisions = decisionsOf(caseView);
  const mayExplain = caseView.allowedEvents.some((event) => event.type === 'RECORD_EXPLANATION');
  const isAboutMe = mayExplain && caseView.allowedEvents.length === 1;
  return (
    <>
      {isAboutMe && (
        <Alert type="info" showIcon title={t.explYourTurn} style={{ marginBottom: 16 }} />
      )}
      {explanation && <ExplanationRecord explanation={explanation} />}
      <section aria-labelledby={`decisions-${caseView.id}`} style={{ marginBottom: 24 }}>
        <h2 id={`decisions-${caseView.id}`} style={{ ...HEADING, marginBottom: 12 }}>
          {t.decisionsTitle}
        </h2>
        {decisions.length === 0 ? (
          <Typography.Paragraph type="secondary">{t.decisionsNone}</Typography.Paragraph>
        ) : (
          decisions.map((decision) => <DecisionRecord key={decision.number} decision={decision} />)
        )}
      </section>
    </>
  );
}

function ExplanationRecord({ explanation }: { explanation: Explanation }) {
  const t = useMessages(disciplineMessages);
  const date = (value: string | null | undefined) =>
    value ? formatLegalDate(value) : <Typography.Text type="secondary">—</Typography.Text>;
  const items: DescriptionsProps['items'] = [
    { key: 'requestedOn', label: t.explRequestedOn, children: date(explanation.requestedOn) },
    { key: 'dueOn', label: t.explDueOn, children: date(explanation.dueOn) },
    {
      key: 'status',
      label: t.explStatus,
      children: (
        <StatusTag
          tone={
            explanation.status === 'given'
              ? 'green'
              : explanation.status === 'not_given'
                ? 'orange'
                : 'blue'
          }
        >
          {t[`explStatus_${explanation.status}`]}
        </StatusTag>
      ),
    },
    ...(explanation.status === 'given'
      ? [
          { key: 'givenOn', label: t.explGivenOn, children: date(explanation.givenOn) },
          {
            key: 'recordedBy',
            label: t.explRecordedBy,
            children: explanation.recordedBy ? t[`recordedBy_${explanation.recordedBy}`] : '—',
          },
          {
            key: 'text',
            label: t.explText,
            children: <span className="case-prose">{explanation.text}</span>,
          },
        ]
      : []),
    ...(explanation.status === 'not_given' && explanation.recordedOn
      ? [{ key: 'recordedOn', label: t.explRecordedOn, children: date(explanation.recordedOn) }]
      : []),
  ];
  return (
    <Descriptions
      title={<h2 style={HEADING}>{t.explanationTitle}</h2>}
      bordered
      column={{ xs: 1, md: 2 }}
      size="middle"
      items={items}
      style={{ marginBottom: 24 }}
    />
  );
}

function DecisionRecord({ decision }: { decision: ViolationDecision }) {
  const t = useMessages(disciplineMessages);
  const rules = useDisciplineRules();
  const names = useDisciplineNames(rules.data);
  const vote = decision.vote;
  const appeal = decision.appeal;
  // An annulled decision bars nothing, whatever lapse it had.
  const lapses =
    decision.status === 'annulled'
      ? t.lapsesNone
      : decision.lapsesOn === null
        ? t.lapsesNever
        : decision.lapsesOn
          ? formatLegalDate(decision.lapsesOn)
          : decision.outcome === 'discipline'
            ? t.lapsesUnknown
            : t.lapsesNone;
  const items: DescriptionsProps['items'] = [
    {
      key: 'body',
      label: t.colBody,
      children: `${names.body(decision.body)}${decision.issuingUnit ? ` – ${decision.issuingUnit.name}` : ''}`,
    },
    { key: 'track', label: t.colTrack, children: t[`track_${decision.track}`] },
    {
      key: 'outcome',
      label: t.colOutcome,
      children: (
        <>
          <div>
            {names.subjectType(decision.subjectType)} – {names.outcome(decision)}
          </div>
          {decision.legalBasis.length > 0 && (
            <Typography.Text type="secondary">
              {fill(t.legalBasis, { text: decision.legalBasis.join('; ') })}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      key: 'date',
      label: t.colDate,
      children: `${formatLegalDate(decision.date)} – ${decision.signer}`,
    },
    {
      key: 'vote',
      label: t.colVote,
      children: vote ? (
        <>
          <div>
            {fill(t.voteText, {
              inFavour: vote.inFavour ?? 0,
              needed: vote.needed ?? '—',
              base: vote.base ?? '—',
            })}
          </div>
          {vote.meetingDate && (
            <Typography.Text type="secondary">
              {fill(t.voteMeeting, {
                date: formatLegalDate(vote.meetingDate),
                present: vote.present?.length ?? 0,
                against: vote.against ?? 0,
                abstain: vote.abstain ?? 0,
              })}
            </Typography.Text>
          )}
        </>
      ) : (
        t.noVote
      ),
    },
    ...(decision.ratification
      ? [
          {
            key: 'ratification',
            label: t.fieldRatNumber,
            children: fill(t.ratificationText, {
              number: decision.ratification.number,
              date: formatLegalDate(decision.ratification.date),
              by: decision.ratification.by,
            }),
          },
        ]
      : []),
    {
      key: 'announced',
      label: t.colAnnounced,
      children: decision.announcedOn ? formatLegalDate(decision.announcedOn) : t.notAnnounced,
    },
    { key: 'lapses', label: t.colLapses, children: lapses },
    {
      key: 'status',
      label: t.colStatus,
      children: (
        <StatusTag
          tone={
            decision.status === 'annulled'
              ? 'gray'
              : decision.status === 'changed'
                ? 'orange'
                : 'red'
          }
        >
          {t[`status_${decision.status}`]}
        </StatusTag>
      ),
    },
    {
      key: 'appeal',
      label: t.colAppeal,
      children: appeal ? (
        <>
          <div>
            {fill(t.appealFiled, { date: formatLegalDate(appeal.filedOn) })}:{' '}
            <span className="case-prose">{appeal.grounds}</span>
          </div>
          {appeal.decision ? (
            <div>
              {fill(t.appealDecision, {
                number: appeal.decision.number,
                date: formatLegalDate(appeal.decision.date),
                signer: appeal.decision.signer,
                outcome: t[`appealOutcome_${appeal.decision.outcome}`],
                reason: appeal.decision.reason,
              })}
              {appeal.decision.previous && (
                <div>
                  {fill(t.previousForm, { form: names.form(appeal.decision.previous.form) })}
                </div>
              )}
            </div>
          ) : (
            <Typography.Text strong>{t.appealPending}</Typography.Text>
          )}
        </>
      ) : (
        t.noAppeal
      ),
    },
  ];
  return (
    <Descriptions
      title={
        <h3 style={{ fontSize: 16, margin: 0 }}>
          {t.colNumber} {decision.number}
        </h3>
      }
      bordered
      column={{ xs: 1, md: 2 }}
      size="small"
      items={items}
      style={{ marginBottom: 16 }}
    />
  );
}
