import { Typography } from 'antd';
import { Navigate } from 'react-router';
import { homePathFor, PageTitle } from '../../app/AppShell';
import { CaseListView } from '../../components/case/CaseList';
import { useMessages } from '../../i18n/language';
import { useMe } from '../../session/session';
import { casesMessages } from './cases.messages';

const FIXED = { actionable: true };

/** `/`: the cases on which the signed-in user can act now (GET /cases?actionable=true). */
export function MyWorkPage() {
  const t = useMessages(casesMessages);
  const me = useMe();
  // An administrator works on accounts and the registry, not on cases: their start page is there.
  const home = homePathFor(me);
  if (home !== '/') return <Navigate to={home} replace />;
  return (
    <>
      <PageTitle>{t.myWorkTitle}</PageTitle>
      <Typography.Paragraph type="secondary">{t.myWorkIntro}</Typography.Paragraph>
      <CaseListView
        fixed={FIXED}
        filters={['q', 'type', 'state', 'unit', 'award', 'year']}
        ariaLabel={t.myWorkTable}
        emptyText={t.myWorkEmpty}
      />
    </>
  );
}
