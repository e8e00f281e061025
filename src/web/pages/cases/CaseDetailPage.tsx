import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useLocation, useParams } from 'react-router';
import { CaseDetail, type CaseTab } from '../../components/case/CaseDetail';
import { useMessages } from '../../i18n/language';
import { NotFoundPage } from '../NotFoundPage';
import { casesMessages } from './cases.messages';

const TABS: CaseTab[] = ['info', 'eligibility', 'documents', 'objections', 'history', 'workflow'];

/** `/cases/:id`: one case (any type), with its actions; `#history` etc. opens that tab. */
export function CaseDetailPage() {
  const t = useMessages(casesMessages);
  const { id } = useParams();
  const location = useLocation();
  const hash = location.hash.replace('#', '') as CaseTab;
  if (!id) return <NotFoundPage />;
  return (
    <>
      <div style={{ marginBottom: 12 }}>
        <Link to="/cases">
          <ArrowLeftOutlined aria-hidden /> {t.backToList}
        </Link>
      </div>
      <CaseDetail key={id} caseId={id} initialTab={TABS.includes(hash) ? hash : 'info'} />
    </>
  );
}
