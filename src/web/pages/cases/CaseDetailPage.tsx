import { ArrowLeftOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { CaseView } from '../../api/cases';
import { CaseDetail, type CaseTab } from '../../components/case/CaseDetail';
import { useMessages } from '../../i18n/language';
import { CaseDeadlines } from '../deadlines/CaseDeadlines';
import { NotFoundPage } from '../NotFoundPage';
import { CaseProposal } from '../proposals/CaseProposal';
import { casesMessages } from './cases.messages';

const TABS: CaseTab[] = ['info', 'eligibility', 'documents', 'objections', 'history', 'workflow'];

/** `/cases/:id`: one case (any type), with its actions; `#history` etc. opens that tab. */
export function CaseDetailPage() {
  const t = useMessages(casesMessages);
  const { id } = useParams();
  const location = useLocation();
  const hash = location.hash.replace('#', '') as CaseTab;
  // The sections below ask for more about the case only once it has been read in full (a reader
  // who learns only that it exists gets nothing more, and no refused request is made).
  const [loaded, setLoaded] = useState<CaseView | null>(null);
  if (!id) return <NotFoundPage />;
  const view = loaded?.id === id ? loaded : null;
  return (
    <>
      <div style={{ marginBottom: 12 }}>
        <Link to="/cases">
          <ArrowLeftOutlined aria-hidden /> {t.backToList}
        </Link>
      </div>
      <CaseDetail
        key={id}
        caseId={id}
        initialTab={TABS.includes(hash) ? hash : 'info'}
        onCaseChange={setLoaded}
      />
      {view !== null && (
        <>
          <CaseDeadlines key={`deadlines-${id}-${view.version}`} caseId={id} />
          <CaseProposal key={`proposal-${id}`} caseView={view} />
        </>
      )}
    </>
  );
}
