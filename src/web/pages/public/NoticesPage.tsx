import { Button, Card, Descriptions, Empty, Flex, Grid, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatLegalDate, todayInVietnam } from '../../i18n/format';
import { fill, useLocalize, useMessages } from '../../i18n/language';
import { Verdict } from '../../components/Verdict';
import { publicApi, type PublicNotice } from './api';
import { ObjectionForm } from './ObjectionForm';
import { publicMessages } from './public.messages';
import { Loading } from '../../components/Loading';

/** The nominations under public notice (no sign-in), each with its objection form. */
export function NoticesPage() {
  const t = useMessages(publicMessages);
  const [items, setItems] = useState<PublicNotice[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    publicApi
      .notices(null, controller.signal)
      .then((page) => {
        setItems(page.items);
        setNextCursor(page.nextCursor);
      })
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      });
    return () => controller.abort();
  }, [attempt]);

  const reload = () => {
    setItems(null);
    setAttempt((n) => n + 1);
  };

  const loadMore = async () => {
    if (nextCursor === null || items === null) return;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await publicApi.notices(nextCursor);
      setItems([...items, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <>
      <PageTitle>{t.noticesTitle}</PageTitle>
      <Typography.Paragraph>{t.noticesIntro}</Typography.Paragraph>
      {error !== null && (
        <>
          <ProblemAlert error={error} />
          <Button onClick={reload} style={{ marginBottom: 16 }}>
            {t.retry}
          </Button>
        </>
      )}
      {items === null ? (
        error === null && <Loading padding={32} />
      ) : items.length === 0 ? (
        <Empty description={t.noticesEmpty} />
      ) : (
        <>
          <ul aria-label={t.noticesList} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {items.map((notice) => (
              <li key={notice.caseId} style={{ marginBottom: 16 }}>
                <NoticeCard notice={notice} onGone={reload} />
              </li>
            ))}
          </ul>
          <Flex align="center" gap={16} wrap>
            <Typography.Text>{fill(t.noticesCount, { n: items.length })}</Typography.Text>
            {nextCursor !== null && (
              <Button onClick={() => void loadMore()} loading={loadingMore}>
                {t.loadMore}
              </Button>
            )}
          </Flex>
        </>
      )}
    </>
  );
}

function NoticeCard({ notice, onGone }: { notice: PublicNotice; onGone: () => void }) {
  const t = useMessages(publicMessages);
  const localize = useLocalize();
  const screens = Grid.useBreakpoint();
  const [open, setOpen] = useState(false);
  const [onHold, setOnHold] = useState(notice.onHold);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  // Closing the form hands the focus back to the button that opened it.
  useEffect(() => {
    if (wasOpen.current && !open) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const headingId = `notice-${notice.caseId}`;

  const ended = notice.closesOn !== null && notice.closesOn < todayInVietnam();
  const status = onHold ? (
    <Verdict tone="warn">{t.statusOnHold}</Verdict>
  ) : ended ? (
    <Verdict tone="neutral">{t.statusEnded}</Verdict>
  ) : (
    <Verdict tone="good">{t.statusOpen}</Verdict>
  );

  const period =
    notice.opensOn && notice.closesOn
      ? `${fill(t.periodValue, {
          from: formatLegalDate(notice.opensOn),
          to: formatLegalDate(notice.closesOn),
        })}${notice.workingDays ? ` ${fill(t.periodDays, { n: notice.workingDays })}` : ''}`
      : t.periodUnknown;

  return (
    <Card
      size="small"
      aria-labelledby={headingId}
      title={
        <div style={{ whiteSpace: 'normal', padding: '8px 0' }}>
          <h2 id={headingId} style={{ fontSize: 18, margin: 0 }}>
            {notice.nominee.name}
          </h2>
          <Typography.Text type="secondary">
            {notice.nominee.kind === 'person' ? t.nomineePerson : t.nomineeUnit}
          </Typography.Text>
        </div>
      }
    >
      <div style={{ marginBottom: 12 }}>{status}</div>
      <Descriptions
        size="small"
        column={1}
        layout={screens.sm ? 'horizontal' : 'vertical'}
        colon={Boolean(screens.sm)}
        items={[
          { key: 'award', label: t.award, children: localize(notice.award.name) },
          { key: 'year', label: t.evaluationYear, children: notice.evaluationYear },
          ...(notice.unitName && notice.unitName !== notice.nominee.name
            ? [{ key: 'unit', label: t.unit, children: notice.unitName }]
            : []),
          { key: 'period', label: t.period, children: period },
        ]}
      />
      <div style={{ marginTop: 12 }}>
        {open ? (
          <ObjectionForm
            notice={notice}
            onCancel={() => setOpen(false)}
            onGone={onGone}
            onReceived={() => setOnHold(true)}
          />
        ) : (
          <Button ref={opener} onClick={() => setOpen(true)}>
            {t.objectButton}
          </Button>
        )}
      </div>
    </Card>
  );
}
