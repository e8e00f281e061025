import { Alert, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { useMessages } from '../../i18n/language';
import { hasRole, useMe } from '../../session/session';
import { auditMessages } from './audit.messages';
import { CheckpointsTab } from './CheckpointsTab';
import { EventsTab } from './EventsTab';
import { ReadsTab } from './ReadsTab';

const TABS = ['events', 'reads', 'checkpoints'] as const;
type TabKey = (typeof TABS)[number];

/**
 * The auditors' screen: the audit trail (search, export), the read log, and the checkpoints. The
 * tab and the filters live in the address, so a search can be linked to and Back undoes it. A tab
 * is fetched the first time it is opened (every search is itself logged), then kept.
 */
export function AuditPage() {
  const t = useMessages(auditMessages);
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const active: TabKey = TABS.includes(requested as TabKey) ? (requested as TabKey) : 'events';

  if (!hasRole(me, 'auditor')) {
    return (
      <>
        <PageTitle>{t.title}</PageTitle>
        <Alert type="warning" showIcon title={t.onlyAuditors} />
      </>
    );
  }

  const select = (key: string) => {
    const next = new URLSearchParams(params);
    if (key === 'events') next.delete('tab');
    else next.set('tab', key);
    setParams(next);
  };

  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Typography.Paragraph type="secondary">{t.loggedNotice}</Typography.Paragraph>
      <Tabs
        aria-label={t.tabsLabel}
        activeKey={active}
        onChange={select}
        items={[
          { key: 'events', label: t.tabEvents, children: <EventsTab /> },
          { key: 'reads', label: t.tabReads, children: <ReadsTab /> },
          { key: 'checkpoints', label: t.tabCheckpoints, children: <CheckpointsTab /> },
        ]}
      />
    </>
  );
}
