import { ArrowLeftOutlined, FilePdfOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Collapse,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useId, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { AllowedEvent, CaseView } from '../../api/cases';
import { api, ApiError } from '../../api/client';
import { loadWorkflow, type WorkflowDetail } from '../../api/workflows';
import { PageTitle } from '../../app/AppShell';
import { EventModal, EVENTS_WITHOUT_BUTTON } from '../../components/case/CaseActions';
import { StatusTag } from '../../components/case/StatusTag';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLoad } from '../../components/useLoad';
import { formatLegalDate, formatNumber } from '../../i18n/format';
import { fill, useLanguage, useLocalize, useMessages } from '../../i18n/language';
import {
  councilApi,
  loadSessionWorkflow,
  type AgendaItem,
  type BallotChoice,
  type ReceiptCheck,
  type SessionView,
  type TallyItem,
} from './api';
import { councilsMessages } from './councils.messages';
import { sessionsMessages } from './sessions.messages';
import { SessionStateTag } from './SessionStateTag';

type Text = Record<keyof typeof sessionsMessages.vi, string>;

/** Events this page sends with forms of its own; the generic buttons offer the rest. */
const OWN_FORMS = ['RECORD_ATTENDANCE', 'DECLARE_RECUSAL', 'CLOSE_VOTING', 'RECORD_MINUTES'];
/** Events that end the session without minutes: offered last, and marked as such. */
const ENDING_EVENTS = ['CANCEL'];
/** Either one means the caller may close: POST /close counts, renders the minutes and closes. */
const CLOSING_EVENTS = ['CLOSE_VOTING', 'RECORD_MINUTES'];
/** Refusals that mean the session moved on under the user: reload it rather than retry. */
const MOVED_ON = new Set([
  'CASE.STALE_VERSION',
  'CASE.EVENT_NOT_ALLOWED_IN_STATE',
  'CASE.CASE_CLOSED',
]);

const percent = (ratio: number) => `${formatNumber(Math.round(ratio * 10000) / 100)}%`;

/**
 * `/council-sessions/:id`: one session from scheduling to minutes. Its state and actions come from
 * the session's case (`allowedEvents`); attendance, recusals and the close have forms here.
 */
export function SessionPage() {
  const { id = '' } = useParams();
  const t = useMessages(sessionsMessages);
  const navigate = useNavigate();
  const session = useLoad((signal) => councilApi.session(id, signal), id);
  const caseView = useLoad(
    (signal) => api.get<CaseView>(`/cases/${encodeURIComponent(id)}`, undefined, signal),
    id,
  );
  const pin = caseView.data ? `${caseView.data.workflow.id}@${caseView.data.workflow.version}` : '';
  // The session's pinned version once its case is read; the latest until then.
  const workflow = useLoad(
    () =>
      caseView.data
        ? loadWorkflow(caseView.data.workflow.id, caseView.data.workflow.version)
        : loadSessionWorkflow(),
    pin,
  );
  const refresh = () => {
    session.reload();
    caseView.reload();
  };

  const view = session.data;
  if (!view) {
    return session.error ? (
      <>
        <BackLink />
        <PageTitle>{t.listTitle}</PageTitle>
        <ProblemAlert error={session.error} />
      </>
    ) : (
      <Loading />
    );
  }
  const finished = workflow.data?.states.find((state) => state.name === view.state)?.final;
  const allowed = new Set(view.allowedEvents.map((event) => event.type));

  return (
    <article>
      <BackLink />
      <PageTitle>{view.title}</PageTitle>
      <Space wrap size="middle" style={{ marginBottom: 16 }}>
        <span>
          {t.stateLabel}: <SessionStateTag state={view.state} workflow={workflow.data} />
        </span>
        {view.me.votes && view.state === 'open' && (
          <Button type="primary" onClick={() => navigate(`/council-sessions/${view.id}/ballot`)}>
            {t.openBallot}
          </Button>
        )}
      </Space>
      <ProblemAlert error={session.error} />
      <Flex vertical gap={16}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.details}</h2>}>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t.council}>
              {view.council ? (
                <Link to={`/councils/${view.council.id}`}>{view.council.name}</Link>
              ) : (
                '–'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t.unit}>{view.unit.name}</Descriptions.Item>
            <Descriptions.Item label={t.meetingDate}>
              {formatLegalDate(view.meetingDate)}
            </Descriptions.Item>
            <Descriptions.Item label={t.place}>{view.place ?? t.noPlace}</Descriptions.Item>
          </Descriptions>
        </Card>
        {!finished && (
          <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.actionsTitle}</h2>}>
            <SessionActions
              view={view}
              caseView={caseView.data}
              caseError={caseView.error}
              workflow={workflow.data}
              onChanged={refresh}
            />
          </Card>
        )}
        <QuorumCard view={view} />
        <AttendanceCard
          view={view}
          mayRecord={allowed.has('RECORD_ATTENDANCE')}
          onChanged={refresh}
        />
        <AgendaCard
          view={view}
          mayDeclareRecusal={allowed.has('DECLARE_RECUSAL')}
          onChanged={refresh}
        />
        {view.tally && <TallyCard view={view} tally={view.tally} />}
        {view.minutes && <MinutesCard view={view} minutes={view.minutes} />}
        {view.tally && <ReceiptCheckCard view={view} />}
      </Flex>
    </article>
  );
}

function BackLink() {
  const t = useMessages(sessionsMessages);
  return (
    <div style={{ marginBottom: 12 }}>
      <Link to="/council-sessions">
        <ArrowLeftOutlined aria-hidden /> {t.backToList}
      </Link>
    </div>
  );
}

/**
 * The session's buttons: the workflow's own events (draw the agenda, open, cancel) as generic
 * forms from their payload schemas, and the close, which the session route runs as one step.
 */
function SessionActions({
  view,
  caseView,
  caseError,
  workflow,
  onChanged,
}: {
  view: SessionView;
  caseView: CaseView | undefined;
  caseError: unknown;
  workflow: WorkflowDetail | undefined;
  onChanged: () => void;
}) {
  const t = useMessages(sessionsMessages);
  const localize = useLocalize();
  const { message } = App.useApp();
  const [pressed, setPressed] = useState<AllowedEvent | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const exclude = [...EVENTS_WITHOUT_BUTTON, ...OWN_FORMS];
  const generic = (caseView?.allowedEvents ?? []).filter((event) => !exclude.includes(event.type));
  const forward = generic.filter((event) => !ENDING_EVENTS.includes(event.type));
  const ending = generic.filter((event) => ENDING_EVENTS.includes(event.type));
  const mayClose = view.allowedEvents.some((event) => CLOSING_EVENTS.includes(event.type));

  const close = async () => {
    setBusy(true);
    setError(null);
    try {
      await councilApi.close(view.id);
      void message.success(t.closed);
      setConfirming(false);
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (generic.length === 0 && !mayClose) {
    return (
      <>
        <ProblemAlert error={caseError} />
        <Typography.Text type="secondary">{t.noActions}</Typography.Text>
      </>
    );
  }
  return (
    <>
      <ProblemAlert error={caseError} />
      {/* The step forward is the primary button; cancelling the session is never the default. */}
      <Space wrap role="group" aria-label={t.actionsLabel}>
        {forward.map((event, index) => (
          <Button
            key={event.type}
            type={index === 0 ? 'primary' : 'default'}
            disabled={workflow === undefined}
            onClick={() => setPressed(event)}
          >
            {localize(event.label)}
          </Button>
        ))}
        {mayClose && (
          <Button
            type={forward.length === 0 ? 'primary' : 'default'}
            onClick={() => setConfirming(true)}
          >
            {t.closeVoting}
          </Button>
        )}
        {ending.map((event) => (
          <Button
            key={event.type}
            danger
            disabled={workflow === undefined}
            onClick={() => setPressed(event)}
          >
            {localize(event.label)}
          </Button>
        ))}
      </Space>
      {pressed && caseView && workflow && (
        <EventModal
          key={pressed.type}
          caseView={caseView}
          event={pressed}
          workflow={workflow}
          onClose={() => setPressed(null)}
          onChanged={() => {
            setPressed(null);
            onChanged();
          }}
        />
      )}
      <Modal
        open={confirming}
        title={t.closeConfirmTitle}
        onCancel={() => setConfirming(false)}
        mask={{ closable: !busy }}
        footer={[
          <Button key="cancel" onClick={() => setConfirming(false)} disabled={busy}>
            {t.cancel}
          </Button>,
          <Button key="close" type="primary" loading={busy} onClick={() => void close()}>
            {t.closeConfirm}
          </Button>,
        ]}
      >
        <Typography.Paragraph>{t.closeConfirmText}</Typography.Paragraph>
        <ProblemAlert error={error} />
      </Modal>
    </>
  );
}

function QuorumCard({ view }: { view: SessionView }) {
  const t = useMessages(sessionsMessages);
  const { quorum } = view;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.quorumTitle}</h2>}>
      {quorum === null ? (
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t.quorumNone}</Typography.Paragraph>
      ) : (
        <>
          <Space wrap size="middle" align="center">
            <Typography.Text strong>
              {fill(t.quorumPresent, { present: quorum.present, total: quorum.members })}
            </Typography.Text>
            <StatusTag tone={quorum.met ? 'green' : 'orange'}>
              {quorum.met ? t.quorumMet : t.quorumNotMet}
            </StatusTag>
          </Space>
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            {fill(quorum.comparison === 'gt' ? t.quorumRuleGt : t.quorumRule, {
              required: quorum.required,
              numerator: quorum.numerator,
              denominator: quorum.denominator,
            })}{' '}
            <Typography.Text type="secondary">
              {fill(t.quorumRuleSet, { id: quorum.ruleSet.id, version: quorum.ruleSet.version })}
            </Typography.Text>
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}

/** Sends one of the session's events with a form of this page; reloads when it moved on. */
function useSessionEvent(view: SessionView, onChanged: () => void) {
  const { message } = App.useApp();
  const t = useMessages(sessionsMessages);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // One key per user action: a double click or a retry after a lost answer applies once.
  const key = useRef(crypto.randomUUID());
  const send = async (type: string, payload: Record<string, unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await councilApi.sendEvent(view, type, payload, key.current);
      key.current = crypto.randomUUID();
      onChanged();
      return true;
    } catch (failure) {
      if (failure instanceof ApiError && failure.status > 0) key.current = crypto.randomUUID();
      if (failure instanceof ApiError && MOVED_ON.has(failure.code)) {
        void message.warning({ content: t.staleReloaded, duration: 8 });
        onChanged();
        return false;
      }
      setError(failure);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { send, busy, error };
}

function AttendanceCard({
  view,
  mayRecord,
  onChanged,
}: {
  view: SessionView;
  mayRecord: boolean;
  onChanged: () => void;
}) {
  const t = useMessages(sessionsMessages);
  const roles = useMessages(councilsMessages);
  const { message } = App.useApp();
  const recorded = view.attendance?.present;
  const [present, setPresent] = useState<Set<string> | null>(null);
  const event = useSessionEvent(view, onChanged);
  // Until the user ticks something, the boxes show what was recorded (everyone, the first time).
  const ticked = present ?? new Set(recorded ?? view.roster.map((member) => member.personId));

  type Member = SessionView['roster'][number];
  const columns: ColumnsType<Member> = [
    { title: t.colPerson, key: 'name', render: (_, member) => member.name },
    { title: t.colRole, key: 'role', render: (_, member) => roles[`role_${member.role}`] },
    { title: t.colVotes, key: 'votes', render: (_, member) => (member.votes ? t.yes : t.no) },
    {
      title: t.colPresent,
      key: 'present',
      render: (_, member) =>
        mayRecord ? (
          <Checkbox
            checked={ticked.has(member.personId)}
            aria-label={fill(t.presentOf, { name: member.name })}
            onChange={(change) => {
              const next = new Set(ticked);
              if (change.target.checked) next.add(member.personId);
              else next.delete(member.personId);
              setPresent(next);
            }}
          />
        ) : recorded ? (
          recorded.includes(member.personId) ? (
            t.present
          ) : (
            t.absent
          )
        ) : (
          t.notRecorded
        ),
    },
  ];

  const record = async () => {
    const ids = view.roster
      .map((member) => member.personId)
      .filter((personId) => ticked.has(personId));
    if (await event.send('RECORD_ATTENDANCE', { present: ids })) {
      setPresent(null);
      void message.success(t.attendanceRecorded);
    }
  };

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.rosterTitle}</h2>}>
      <Typography.Paragraph type="secondary">
        {fill(t.rosterIntro, { date: formatLegalDate(view.meetingDate) })}
      </Typography.Paragraph>
      <ProblemAlert error={event.error} />
      <Table<Member>
        aria-label={t.rosterTable}
        rowKey="personId"
        columns={columns}
        dataSource={view.roster}
        pagination={false}
        size="small"
        scroll={{ x: 560 }}
        locale={{ emptyText: t.rosterEmpty }}
      />
      {mayRecord && (
        <Button
          type="primary"
          style={{ marginTop: 12 }}
          loading={event.busy}
          onClick={() => void record()}
        >
          {t.recordAttendance}
        </Button>
      )}
    </Card>
  );
}

function AgendaCard({
  view,
  mayDeclareRecusal,
  onChanged,
}: {
  view: SessionView;
  mayDeclareRecusal: boolean;
  onChanged: () => void;
}) {
  const t = useMessages(sessionsMessages);
  const localize = useLocalize();
  const [recusing, setRecusing] = useState<AgendaItem | null>(null);

  const columns: ColumnsType<AgendaItem> = [
    {
      title: t.colNominee,
      key: 'nominee',
      render: (_, item) => <Link to={`/cases/${item.caseId}`}>{item.nominee.name}</Link>,
    },
    { title: t.colAward, key: 'award', render: (_, item) => localize(item.award.name) },
    {
      title: t.colBallot,
      key: 'ballot',
      render: (_, item) => (item.ballot === 'secret' ? t.ballotSecret : t.ballotOpen),
    },
    {
      title: t.colStatus,
      key: 'status',
      render: (_, item) =>
        item.status === 'deferred' ? (
          <>
            <StatusTag tone="orange">{t.deferred}</StatusTag>
            {item.deferredBecause && (
              <div style={{ marginTop: 4 }}>{localize(item.deferredBecause)}</div>
            )}
          </>
        ) : (
          <StatusTag tone="blue">{t.toVote}</StatusTag>
        ),
    },
    {
      title: t.colRecusals,
      key: 'recusals',
      render: (_, item) =>
        item.recusals.length === 0 ? (
          <Typography.Text type="secondary">{t.noRecusal}</Typography.Text>
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {item.recusals.map((recusal) => (
              <li key={recusal.personId}>
                {recusal.name}: {localize(recusal.reason)}
                {recusal.automatic ? ` (${t.automatic})` : ''}
              </li>
            ))}
          </ul>
        ),
    },
    ...(mayDeclareRecusal
      ? [
          {
            title: t.colActions,
            key: 'actions',
            render: (_: unknown, item: AgendaItem) =>
              item.status === 'to_vote' ? (
                <Button
                  size="small"
                  onClick={() => setRecusing(item)}
                  aria-label={fill(t.declareRecusalOf, { nominee: item.nominee.name })}
                >
                  {t.declareRecusal}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.agendaTitle}</h2>}>
      {view.agenda === null ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t.agendaNone}
        </Typography.Paragraph>
      ) : (
        <Table<AgendaItem>
          aria-label={t.agendaTable}
          rowKey="caseId"
          columns={columns}
          dataSource={view.agenda}
          pagination={false}
          size="small"
          scroll={{ x: 760 }}
          locale={{ emptyText: t.agendaEmpty }}
        />
      )}
      {recusing && (
        <RecusalModal
          view={view}
          item={recusing}
          onClose={() => setRecusing(null)}
          onChanged={() => {
            setRecusing(null);
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

function RecusalModal({
  view,
  item,
  onClose,
  onChanged,
}: {
  view: SessionView;
  item: AgendaItem;
  onClose: () => void;
  onChanged: () => void;
}) {
  const t = useMessages(sessionsMessages);
  const localize = useLocalize();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ personId?: string; reason?: string }>();
  const formId = useId();
  const event = useSessionEvent(view, onChanged);
  const recused = new Set(item.recusals.map((recusal) => recusal.personId));
  const candidates = view.roster.filter((member) => member.votes && !recused.has(member.personId));

  const submit = async (values: { personId?: string; reason?: string }) => {
    const name = candidates.find((member) => member.personId === values.personId)?.name ?? '';
    const sent = await event.send('DECLARE_RECUSAL', {
      caseId: item.caseId,
      personId: values.personId,
      reason: values.reason?.trim(),
    });
    if (sent) void message.success(fill(t.recusalDone, { name }));
  };

  return (
    <Modal
      open
      title={t.recusalTitle}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: !event.busy }}
      footer={[
        <Button key="cancel" onClick={onClose} disabled={event.busy}>
          {t.cancel}
        </Button>,
        <Button key="send" type="primary" htmlType="submit" form={formId} loading={event.busy}>
          {t.recusalSend}
        </Button>,
      ]}
    >
      <Typography.Paragraph>
        {fill(t.recusalIntro, { nominee: item.nominee.name, award: localize(item.award.name) })}
      </Typography.Paragraph>
      <ProblemAlert error={event.error} />
      <Form id={formId} form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          label={t.recusalMember}
          name="personId"
          rules={[{ required: true, message: t.recusalMemberRequired }]}
        >
          <Select<string>
            options={candidates.map((member) => ({ value: member.personId, label: member.name }))}
          />
        </Form.Item>
        <Form.Item
          label={t.recusalReason}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t.recusalReasonRequired }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function thresholdText(t: Text, item: TallyItem): string {
  return fill(item.comparison === 'gt' ? t.thresholdGt : t.thresholdGte, {
    ratio: percent(item.ratio),
  });
}

function TallyCard({ view, tally }: { view: SessionView; tally: TallyItem[] }) {
  const t = useMessages(sessionsMessages);
  const nomineeOf = (caseId: string) =>
    view.agenda?.find((item) => item.caseId === caseId)?.nominee.name ?? caseId;

  const columns: ColumnsType<TallyItem> = [
    {
      title: t.colNominee,
      key: 'nominee',
      render: (_, item) => <Link to={`/cases/${item.caseId}`}>{nomineeOf(item.caseId)}</Link>,
    },
    { title: t.colApprove, dataIndex: 'approve', align: 'right' },
    { title: t.colReject, dataIndex: 'reject', align: 'right' },
    { title: t.colAbstain, dataIndex: 'abstain', align: 'right' },
    {
      title: t.colBase,
      key: 'base',
      render: (_, item) =>
        fill(item.baseKind === 'all_members' ? t.baseAllMembers : t.basePresentMembers, {
          n: item.base,
        }),
    },
    {
      title: t.colRatio,
      key: 'ratio',
      align: 'right',
      render: (_, item) => (item.base > 0 ? percent(item.approve / item.base) : '–'),
    },
    { title: t.colThreshold, key: 'threshold', render: (_, item) => thresholdText(t, item) },
    {
      title: t.colResult,
      key: 'result',
      render: (_, item) => (
        <StatusTag tone={item.recommended ? 'green' : 'red'}>
          {item.recommended ? t.recommended : t.notRecommended}
        </StatusTag>
      ),
    },
  ];

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.tallyTitle}</h2>}>
      <Table<TallyItem>
        aria-label={t.tallyTable}
        rowKey="caseId"
        columns={columns}
        dataSource={tally}
        pagination={false}
        size="small"
        scroll={{ x: 860 }}
      />
      <Collapse
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'receipts',
            label: t.receiptsTitle,
            children: tally.map((item) => (
              <BallotList key={item.caseId} nominee={nomineeOf(item.caseId)} item={item} />
            )),
          },
        ]}
      />
    </Card>
  );
}

/** An item's counted ballots: receipt hashes for a secret ballot, names for an open vote. */
function BallotList({ nominee, item }: { nominee: string; item: TallyItem }) {
  const t = useMessages(sessionsMessages);
  const rows = item.openVotes
    ? item.openVotes.map((vote) => ({ key: vote.personId, who: vote.name, choice: vote.choice }))
    : item.receipts.map((receipt) => ({
        key: receipt.receiptHash,
        who: receipt.receiptHash,
        choice: receipt.choice,
      }));
  return (
    <section style={{ marginBottom: 12 }}>
      <h3 style={{ fontSize: 14 }}>{fill(t.receiptsOf, { nominee, n: rows.length })}</h3>
      <Table
        aria-label={fill(t.receiptsTable, { nominee })}
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 560 }}
        columns={[
          {
            title: item.openVotes ? t.colVoter : t.colReceipt,
            dataIndex: 'who',
            render: (who: string) =>
              item.openVotes ? who : <code style={{ wordBreak: 'break-all' }}>{who}</code>,
          },
          {
            title: t.colChoice,
            dataIndex: 'choice',
            render: (choice: BallotChoice) => t[`choice_${choice}`],
          },
        ]}
      />
    </section>
  );
}

function MinutesCard({
  view,
  minutes,
}: {
  view: SessionView;
  minutes: NonNullable<SessionView['minutes']>;
}) {
  const t = useMessages(sessionsMessages);
  const { language } = useLanguage();
  const [busy, setBusy] = useState<'vi' | 'en' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const download = async (lang: 'vi' | 'en') => {
    setBusy(lang);
    setError(null);
    try {
      await councilApi.minutes(view.id, lang);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.minutesTitle}</h2>}>
      <ProblemAlert error={error} />
      <Space wrap>
        <Button
          icon={<FilePdfOutlined aria-hidden />}
          loading={busy === 'vi'}
          onClick={() => void download('vi')}
        >
          {t.minutesDownload}
        </Button>
        {/* The filed minutes are Vietnamese; an English reader may also take a rendering. */}
        {language === 'en' && (
          <Button
            icon={<FilePdfOutlined aria-hidden />}
            loading={busy === 'en'}
            onClick={() => void download('en')}
          >
            {t.minutesDownloadEnglish}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        <span style={{ wordBreak: 'break-all' }}>
          {fill(t.minutesHash, { sha256: minutes.sha256 })}
        </span>
      </Typography.Paragraph>
    </Card>
  );
}

function ReceiptCheckCard({ view }: { view: SessionView }) {
  const t = useMessages(sessionsMessages);
  const [form] = Form.useForm<{ receipt?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ReceiptCheck | null>(null);

  const check = async ({ receipt }: { receipt?: string }) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await councilApi.checkReceipt(view.id, receipt!.trim()));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const nominee =
    result?.caseId && view.agenda?.find((item) => item.caseId === result.caseId)?.nominee.name;

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.receiptCheckTitle}</h2>}>
      <Typography.Paragraph type="secondary">{t.receiptCheckIntro}</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={(values) => void check(values)}>
        <Form.Item
          label={t.receipt}
          name="receipt"
          rules={[{ required: true, whitespace: true, message: t.receiptRequired }]}
        >
          <Input autoComplete="off" spellCheck={false} style={{ minWidth: 240 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={busy}>
            {t.check}
          </Button>
        </Form.Item>
      </Form>
      <div aria-live="polite" style={{ marginTop: 12 }}>
        <ProblemAlert error={error} />
        {result && (
          <Alert
            type={result.counted ? 'success' : 'warning'}
            showIcon
            title={
              result.counted
                ? fill(t.receiptCounted, {
                    nominee: nominee || result.caseId || '',
                    choice: result.choice ? t[`choice_${result.choice}`] : '',
                  })
                : t.receiptNotCounted
            }
          />
        )}
      </div>
    </Card>
  );
}
