import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { PageTitle } from '../../app/AppShell';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLoad } from '../../components/useLoad';
import { formatLegalDate } from '../../i18n/format';
import { fill, useLocalize, useMessages } from '../../i18n/language';
import { councilApi, type AgendaItem, type BallotChoice, type SessionView } from './api';
import { ballotMessages } from './ballot.messages';

/** Refusals meaning the ballot box is not what the screen shows: read the session again. */
const STALE_BALLOT = new Set(['COUNCIL.ALREADY_VOTED', 'COUNCIL.VOTING_CLOSED']);

const CHOICE_STYLE: Record<BallotChoice, { type: 'primary' | 'default'; danger: boolean }> = {
  approve: { type: 'primary', danger: false },
  reject: { type: 'default', danger: true },
  abstain: { type: 'default', danger: false },
};
const CHOICES: BallotChoice[] = ['approve', 'reject', 'abstain'];

/**
 * `/council-sessions/:id/ballot`: a voting member's ballot, one row per agenda item. One tap casts
 * that item's ballot (there is nothing to confirm: the receipt that follows is the confirmation);
 * the receipt code shows once on its row. Laid out for a phone held in one hand.
 */
export function BallotPage() {
  const { id = '' } = useParams();
  const t = useMessages(ballotMessages);
  const session = useLoad((signal) => councilApi.session(id, signal), id);
  // Receipts exist only in this page's memory: the server keeps their hashes, never the codes.
  const [receipts, setReceipts] = useState<Record<string, string>>({});

  const view = session.data;
  if (!view) {
    return session.error ? (
      <>
        <PageTitle>{t.title}</PageTitle>
        <ProblemAlert error={session.error} />
      </>
    ) : (
      <Loading />
    );
  }
  const items = view.agenda ?? [];
  const votable = items.filter(
    (item) => view.me.mayVoteOn.includes(item.caseId) || view.me.votedOn.includes(item.caseId),
  );
  const voted = votable.filter(
    (item) => view.me.votedOn.includes(item.caseId) || receipts[item.caseId],
  );

  return (
    <div style={{ maxWidth: 720 }}>
      <div style={{ marginBottom: 12 }}>
        <Link to={`/council-sessions/${view.id}`}>
          <ArrowLeftOutlined aria-hidden /> {t.backToSession}
        </Link>
      </div>
      <PageTitle>{t.title}</PageTitle>
      <Typography.Paragraph strong>
        {fill(t.session, { title: view.title, date: formatLegalDate(view.meetingDate) })}
      </Typography.Paragraph>
      {!view.me.votes ? (
        <Alert type="info" showIcon title={t.notVoter} />
      ) : view.state !== 'open' ? (
        <Alert type="info" showIcon title={t.notOpen} />
      ) : (
        <>
          <Typography.Paragraph>{t.intro}</Typography.Paragraph>
          {items.some((item) => item.ballot === 'secret') && (
            <Typography.Paragraph type="secondary">{t.secretNote}</Typography.Paragraph>
          )}
          {votable.length > 0 && (
            <Typography.Paragraph aria-live="polite">
              {fill(t.progress, { done: voted.length, total: votable.length })}
            </Typography.Paragraph>
          )}
          {items.length === 0 ? (
            <Alert type="info" showIcon title={t.noItems} />
          ) : (
            <ul
              aria-label={t.itemsLabel}
              style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 12 }}
            >
              {items.map((item) => (
                <li key={item.caseId}>
                  <BallotRow
                    view={view}
                    item={item}
                    receipt={receipts[item.caseId]}
                    onCast={(receipt) => {
                      setReceipts((known) => ({ ...known, [item.caseId]: receipt }));
                      session.reload();
                    }}
                    onStale={session.reload}
                  />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

function BallotRow({
  view,
  item,
  receipt,
  onCast,
  onStale,
}: {
  view: SessionView;
  item: AgendaItem;
  receipt: string | undefined;
  onCast: (receipt: string) => void;
  onStale: () => void;
}) {
  const t = useMessages(ballotMessages);
  const localize = useLocalize();
  const [casting, setCasting] = useState<BallotChoice | null>(null);
  const [error, setError] = useState<unknown>(null);
  const headingId = `ballot-${item.caseId}`;
  const recusal = item.recusals.find((candidate) => candidate.personId === view.me.personId);

  const cast = async (choice: BallotChoice) => {
    setCasting(choice);
    setError(null);
    try {
      const answer = await councilApi.castBallot(view.id, item.caseId, choice);
      onCast(answer.receipt);
    } catch (failure) {
      setError(failure);
      if (failure instanceof ApiError && STALE_BALLOT.has(failure.code)) onStale();
    } finally {
      setCasting(null);
    }
  };

  let body;
  if (receipt) {
    body = (
      <Alert
        type="success"
        showIcon
        title={t.cast}
        description={
          <>
            <div style={{ fontSize: 18, margin: '4px 0' }}>
              {t.receipt}{' '}
              {/* Kept whole on one line: a code split across lines is easy to copy wrong. */}
              <code style={{ fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }}>{receipt}</code>
            </div>
            <div>{t.receiptHint}</div>
          </>
        }
      />
    );
  } else if (view.me.votedOn.includes(item.caseId)) {
    body = <Alert type="success" showIcon title={t.done} />;
  } else if (item.status === 'deferred') {
    body = (
      <Alert
        type="warning"
        showIcon
        title={
          item.deferredBecause
            ? fill(t.deferred, { reason: localize(item.deferredBecause) })
            : t.deferredNoReason
        }
      />
    );
  } else if (recusal) {
    body = (
      <Alert type="info" showIcon title={fill(t.recused, { reason: localize(recusal.reason) })} />
    );
  } else if (view.me.mayVoteOn.includes(item.caseId)) {
    body = (
      <Flex
        wrap
        gap={8}
        role="group"
        aria-label={fill(t.choicesOf, { nominee: item.nominee.name })}
      >
        {CHOICES.map((choice) => (
          <Button
            key={choice}
            size="large"
            type={CHOICE_STYLE[choice].type}
            danger={CHOICE_STYLE[choice].danger}
            loading={casting === choice}
            disabled={casting !== null && casting !== choice}
            onClick={() => void cast(choice)}
            style={{ flex: '1 1 140px', minHeight: 56, fontSize: 17 }}
          >
            {t[choice]}
          </Button>
        ))}
      </Flex>
    );
  } else {
    body = <Alert type="info" showIcon title={t.notForYou} />;
  }

  return (
    <Card size="small">
      <section aria-labelledby={headingId}>
        <h2 id={headingId} style={{ fontSize: 18, margin: 0 }}>
          {item.nominee.name}
        </h2>
        <Flex wrap gap={8} align="center" style={{ margin: '4px 0 12px' }}>
          <span>{localize(item.award.name)}</span>
          <Tag>{item.ballot === 'secret' ? t.ballotSecret : t.ballotOpen}</Tag>
        </Flex>
        <ProblemAlert error={error} />
        {body}
      </section>
    </Card>
  );
}
