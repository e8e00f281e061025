import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useId, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { showFieldErrors } from '../../components/fieldErrors';
import { useLoad } from '../../components/useLoad';
import { formatLegalDate } from '../../i18n/format';
import { useLanguage, useLocalize, useMessages } from '../../i18n/language';
import { hasRole, useMe, type Role } from '../../session/session';
import { councilApi, loadSessionWorkflow, SESSION_COUNCIL_BODY, type SessionSummary } from './api';
import { sessionsMessages } from './sessions.messages';
import { SessionStateTag } from './SessionStateTag';

const DATE_FORMAT = 'DD/MM/YYYY';

/** `/council-sessions`: sessions in scope, newest meeting first; the secretariat schedules. */
export function SessionsPage() {
  const t = useMessages(sessionsMessages);
  const localize = useLocalize();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? undefined;
  const councilId = params.get('council') ?? undefined;
  const workflow = useLoad(() => loadSessionWorkflow(), 'session-workflow');
  const sessions = useLoad((signal) => councilApi.sessions(state, signal), state ?? '');
  const [scheduling, setScheduling] = useState(false);
  const openRoles: Role[] = workflow.data?.openRoles ?? ['secretariat'];
  const maySchedule = hasRole(me, ...openRoles);

  const items = (sessions.data?.items ?? []).filter(
    (session) => !councilId || session.council?.id === councilId,
  );
  const councils = new Map(
    (sessions.data?.items ?? []).flatMap((session) =>
      session.council ? [[session.council.id, session.council.name] as const] : [],
    ),
  );
  const setFilter = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const columns: ColumnsType<SessionSummary> = [
    {
      title: t.colTitle,
      key: 'title',
      render: (_, session) => <Link to={`/council-sessions/${session.id}`}>{session.title}</Link>,
    },
    { title: t.colDate, key: 'date', render: (_, session) => formatLegalDate(session.meetingDate) },
    { title: t.colCouncil, key: 'council', render: (_, session) => session.council?.name ?? '–' },
    { title: t.colUnit, key: 'unit', render: (_, session) => session.unit.name },
    {
      title: t.colState,
      key: 'state',
      render: (_, session) => <SessionStateTag state={session.state} workflow={workflow.data} />,
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="start" wrap gap={16}>
        <PageTitle>{t.listTitle}</PageTitle>
        {maySchedule && (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setScheduling(true)}
          >
            {t.schedule}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 880 }}>
        {t.listIntro}
      </Typography.Paragraph>
      <Flex wrap gap={16} style={{ marginBottom: 16 }}>
        <div style={{ minWidth: 220 }}>
          <label htmlFor="session-state" style={{ display: 'block', marginBottom: 4 }}>
            {t.filterState}
          </label>
          <Select<string>
            id="session-state"
            allowClear
            placeholder={t.filterAll}
            value={state}
            onChange={(value) => setFilter('state', value)}
            options={(workflow.data?.states ?? []).map((spec) => ({
              value: spec.name,
              label: localize(spec.label),
            }))}
            style={{ width: '100%' }}
          />
        </div>
        {councils.size > 1 || councilId ? (
          <div style={{ minWidth: 280 }}>
            <label htmlFor="session-council" style={{ display: 'block', marginBottom: 4 }}>
              {t.filterCouncil}
            </label>
            <Select<string>
              id="session-council"
              allowClear
              placeholder={t.filterAll}
              value={councilId}
              onChange={(value) => setFilter('council', value)}
              options={[...councils].map(([value, label]) => ({ value, label }))}
              style={{ width: '100%' }}
            />
          </div>
        ) : null}
      </Flex>
      <ProblemAlert error={sessions.error ?? workflow.error} />
      <Table<SessionSummary>
        aria-label={t.listTable}
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={sessions.loading}
        pagination={false}
        size="middle"
        scroll={{ x: 760 }}
        locale={{ emptyText: t.listEmpty }}
      />
      {scheduling && (
        <ScheduleModal onClose={() => setScheduling(false)} presetCouncil={councilId} />
      )}
    </>
  );
}

interface ScheduleForm {
  councilId?: string;
  title?: string;
  meetingDate?: Dayjs;
  place?: string;
}

function ScheduleModal({
  onClose,
  presetCouncil,
}: {
  onClose: () => void;
  presetCouncil: string | undefined;
}) {
  const t = useMessages(sessionsMessages);
  const { language } = useLanguage();
  const { message } = App.useApp();
  const navigate = useNavigate();
  // Sessions are the Emulation-Commendation Council's: other bodies vote inside a violation.
  const councils = useLoad(
    (signal) => councilApi.councils(signal, SESSION_COUNCIL_BODY),
    'session-councils',
  );
  const [form] = Form.useForm<ScheduleForm>();
  const formId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);

  const submit = async (values: ScheduleForm) => {
    const council = councils.data?.items.find((item) => item.id === values.councilId);
    if (!council) return;
    const session = {
      councilId: council.id,
      unitId: council.unit.id,
      meetingDate: values.meetingDate!.format('YYYY-MM-DD'),
      title: values.title!.trim(),
      place: values.place?.trim() || undefined,
    };
    // The same request again (a retry after a lost answer) keeps its key, so it applies once.
    const body = JSON.stringify(session);
    if (attempt.current?.body !== body) attempt.current = { body, key: crypto.randomUUID() };
    setBusy(true);
    setError(null);
    try {
      const created = await councilApi.schedule(session, attempt.current.key);
      void message.success(t.scheduled);
      navigate(`/council-sessions/${created.id}`);
    } catch (failure) {
      showFieldErrors(form, failure, language, ['councilId', 'title', 'meetingDate', 'place']);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t.scheduleTitle}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: !busy }}
      footer={[
        <Button key="cancel" onClick={onClose} disabled={busy}>
          {t.cancel}
        </Button>,
        <Button key="schedule" type="primary" htmlType="submit" form={formId} loading={busy}>
          {t.schedule}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t.scheduleIntro}</Typography.Paragraph>
      <ProblemAlert error={error ?? councils.error} />
      <Form<ScheduleForm>
        id={formId}
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ councilId: presetCouncil }}
      >
        <Form.Item
          label={t.council}
          name="councilId"
          rules={[{ required: true, message: t.councilRequired }]}
        >
          <Select<string>
            placeholder={t.councilPlaceholder}
            loading={councils.loading}
            options={(councils.data?.items ?? []).map((council) => ({
              value: council.id,
              label: `${council.name} (${council.unit.name})`,
            }))}
          />
        </Form.Item>
        <Form.Item
          label={t.title}
          name="title"
          rules={[{ required: true, whitespace: true, message: t.titleRequired }]}
        >
          <Input maxLength={300} placeholder={t.titlePlaceholder} />
        </Form.Item>
        <Form.Item
          label={t.meetingDate}
          name="meetingDate"
          rules={[{ required: true, message: t.meetingDateRequired }]}
        >
          <DatePicker format={DATE_FORMAT} placeholder={t.datePlaceholder} />
        </Form.Item>
        <Form.Item label={t.place} name="place">
          <Input maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
