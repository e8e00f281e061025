import { Typography } from 'antd';
import { PageTitle } from '../../app/AppShell';
import { CaseListView } from '../../components/case/CaseList';
import { useMessages } from '../../i18n/language';
import { casesMessages } from './cases.messages';

/** `/cases`: every case in the caller's scope, with all filters. */
export function CaseListPage() {
  const t = useMessages(casesMessages);
  return (
    <>
      <PageTitle>{t.casesTitle}</PageTitle>
      <Typography.Paragraph type="secondary">{t.casesIntro}</Typography.Paragraph>
      <CaseListView ariaLabel={t.casesTable} emptyText={t.casesEmpty} />
    </>
  );
}
