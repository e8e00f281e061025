import { Card, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { CaseView } from '../../api/cases';
import { formatLegalDate } from '../../i18n/format';
import { fill, useLocalize, useMessages } from '../../i18n/language';
import { proposalApi, type ProposalDetail } from './api';
import { proposalMessages } from './proposals.messages';

interface ProposalLink {
  id: string;
  number: string | null;
}

/**
 * The "proposal" section of a case page: on a proposal, its recipient, letter and nominations (the
 * decision is recorded on /proposals/:id); on a nomination sent up with one, a link to it. Shows
 * nothing on other cases. Given the case as the page loaded it (so it is read once).
 */
export function CaseProposal({ caseView }: { caseView: CaseView }) {
  const t = useMessages(proposalMessages);
  const localize = useLocalize();
  const [proposal, setProposal] = useState<ProposalDetail | null>(null);

  const caseId = caseView.id;
  const isProposal = caseView.type === 'award_proposal';
  const recorded = caseView.context?.proposal as { id?: unknown; number?: unknown } | undefined;
  const sentWith: ProposalLink | null =
    !isProposal && typeof recorded?.id === 'string'
      ? { id: recorded.id, number: typeof recorded.number === 'string' ? recorded.number : null }
      : null;

  useEffect(() => {
    setProposal(null);
    if (!isProposal) return;
    const controller = new AbortController();
    proposalApi
      .get(caseId, controller.signal)
      .then(setProposal)
      .catch(() => undefined);
    return () => controller.abort();
  }, [caseId, isProposal, caseView.version]);

  if (sentWith !== null) {
    return (
      <Card size="small" style={{ marginTop: 16 }}>
        <Link to={`/proposals/${encodeURIComponent(sentWith.id)}`}>
          {fill(t.sentWith, { number: sentWith.number ?? sentWith.id })}
        </Link>
      </Card>
    );
  }
  if (proposal === null) return null;
  return (
    <Card
      title={
        <h2 style={{ fontSize: 18, margin: 0 }}>
          {fill(t.detailTitle, { number: proposal.number })}
        </h2>
      }
      style={{ marginTop: 16 }}
    >
      <Typography.Paragraph>
        {t.to}: {localize(proposal.to.authorityName) || proposal.to.authority} (
        {proposal.to.unit?.name ?? t.outside}) · {t.proposedOn}:{' '}
        {formatLegalDate(proposal.proposedOn)}
      </Typography.Paragraph>
      <ul style={{ paddingInlineStart: 18 }}>
        {proposal.nominations.map((nomination) => (
          <li key={nomination.id}>
            <Link
              to={`/cases/${encodeURIComponent(nomination.id)}`}
              style={{ textDecoration: 'underline' }}
            >
              {nomination.nominee}
            </Link>
            {' – '}
            {localize(nomination.awardName) || nomination.awardCode} (
            {localize(nomination.stateLabel)})
          </li>
        ))}
      </ul>
      <Space wrap>
        <Link to={`/proposals/${encodeURIComponent(proposal.id)}`}>{t.openProposal}</Link>
      </Space>
    </Card>
  );
}
