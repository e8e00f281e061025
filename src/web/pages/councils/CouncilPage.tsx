import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Modal,
  Select,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { StatusTag, type Tone } from '../../components/case/StatusTag';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { showFieldErrors } from '../../components/fieldErrors';
import { useLoad } from '../../components/useLoad';
import { formatLegalDate, formatTimestamp, todayInVietnam } from '../../i18n/format';
import { fill, useLanguage, useMessages } from '../../i18n/language';
import { PersonSelect } from '../admin/PersonSelect';
import {
  COUNCIL_ROLES,
  councilApi,
  SESSION_COUNCIL_BODY,
  termCovers,
  type CouncilMemberView,
  type CouncilRole,
  type CouncilView,
} from './api';
import { councilsMessages } from './councils.messages';
import { useMayManageCouncils } from './roles';

const DATE_FORMAT = 'DD/MM/YYYY';
const ISO = 'YYYY-MM-DD';

type Term = 'current' | 'upcoming' | 'ended';
const TERM_ORDER: Term[] = ['current', 'upcoming', 'ended'];
const TERM_TONE: Record<Term, Tone> = { current: 'green', upcoming: 'blue', ended: 'gray' };

function termOf(member: CouncilMemberView, today: string): Term {
  if (termCovers(member, today)) return 'current';
  return member.from > today ? 'upcoming' : 'ended';
}

/** `/councils/:id`: a council, its roster over time; the secretariat adds members, ends terms. */
export function CouncilPage() {
  const { id = '' } = useParams();
  const t = useMessages(councilsMessages);
  const { language } = useLanguage();
  const mayManage = useMayManageCouncils();
  const loaded = useLoad((signal) => councilApi.council(id, signal), id);
  const [council, setCouncil] = useState<CouncilView | null>(null);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<CouncilMemberView | null>(null);
  const today = todayInVietnam();

  // What a change answers replaces what was loaded, until another council is opened.
  const shown = council?.id === id ? council : loaded.data;
  if (loaded.error) {
    return (
      <>
        <Link to="/councils">
          <ArrowLeftOutlined aria-hidden /> {t.backToList}
        </Link>
        <PageTitle>{t.listTitle}</PageTitle>
        <ProblemAlert error={loaded.error} />
      </>
    );
  }
  if (!shown) return <Loading />;

  const roleLabel = (role: CouncilRole) => t[`role_${role}`];
  const rows = [...shown.members].sort(
    (a, b) => TERM_ORDER.indexOf(termOf(a, today)) - TERM_ORDER.indexOf(termOf(b, today)),
  );
  const votingNow = shown.members.filter((m) => m.votes && termCovers(m, today)).length;

  const columns: ColumnsType<CouncilMemberView> = [
    {
      title: t.colPerson,
      key: 'person',
      render: (_, member) => (
        <>
          {member.person.name}{' '}
          <Typography.Text type="secondary">({member.person.code})</Typography.Text>
        </>
      ),
    },
    { title: t.colRole, key: 'role', render: (_, member) => roleLabel(member.role) },
    {
      title: t.colVotes,
      key: 'votes',
      render: (_, member) => (member.votes ? t.votes : t.noVote),
    },
    { title: t.colFrom, key: 'from', render: (_, member) => formatLegalDate(member.from) },
    {
      title: t.colTo,
      key: 'to',
      render: (_, member) => (member.to ? formatLegalDate(member.to) : t.openTerm),
    },
    {
      title: t.colStatus,
      key: 'status',
      render: (_, member) => {
        const term = termOf(member, today);
        const text = { current: t.termCurrent, upcoming: t.termUpcoming, ended: t.termEnded };
        return <StatusTag tone={TERM_TONE[term]}>{text[term]}</StatusTag>;
      },
    },
    ...(mayManage
      ? [
          {
            title: t.colActions,
            key: 'actions',
            render: (_: unknown, member: CouncilMemberView) =>
              termOf(member, today) === 'ended' ? null : (
                <Button
                  size="small"
                  onClick={() => setEnding(member)}
                  aria-label={fill(t.endTermOf, { name: member.person.name })}
                >
                  {t.endTerm}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Link to="/councils">
        <ArrowLeftOutlined aria-hidden /> {t.backToList}
      </Link>
      <PageTitle>{shown.name}</PageTitle>
      {!mayManage && <Alert type="info" showIcon title={t.readOnly} style={{ marginBottom: 16 }} />}
      <Flex vertical gap={16}>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.details}</h2>}>
          <Descriptions column={{ xs: 1, md: 3 }} size="small">
            <Descriptions.Item label={t.body}>{t[`body_${shown.body}`]}</Descriptions.Item>
            <Descriptions.Item label={t.unit}>{shown.unit.name}</Descriptions.Item>
            <Descriptions.Item label={t.colCreatedAt}>
              {formatTimestamp(shown.createdAt, language).slice(0, 10)}
            </Descriptions.Item>
            <Descriptions.Item label={t.votingNow}>{votingNow}</Descriptions.Item>
          </Descriptions>
          {shown.body === SESSION_COUNCIL_BODY && (
            <Link to={`/council-sessions?council=${shown.id}`}>{t.sessionsLink}</Link>
          )}
        </Card>
        <Card
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.rosterTitle}</h2>}
          extra={
            mayManage && (
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
                {t.addMember}
              </Button>
            )
          }
        >
          <Typography.Paragraph type="secondary">{t.rosterIntro}</Typography.Paragraph>
          <Table<CouncilMemberView>
            aria-label={t.rosterTable}
            rowKey="id"
            columns={columns}
            dataSource={rows}
            pagination={false}
            size="middle"
            scroll={{ x: 760 }}
            locale={{ emptyText: t.rosterEmpty }}
          />
        </Card>
      </Flex>
      {adding && (
        <AddMemberModal
          council={shown}
          onClose={() => setAdding(false)}
          onSaved={(updated) => {
            setCouncil(updated);
            setAdding(false);
          }}
        />
      )}
      {ending && (
        <EndTermModal
          council={shown}
          member={ending}
          onClose={() => setEnding(null)}
          onSaved={(updated) => {
            setCouncil(updated);
            setEnding(null);
          }}
        />
      )}
    </>
  );
}

interface MemberForm {
  personId?: string | null;
  role?: CouncilRole;
  from?: Dayjs;
  to?: Dayjs | null;
}

interface ChangeModalProps {
  council: CouncilView;
  onClose: () => void;
  onSaved: (council: CouncilView) => void;
}

function AddMemberModal({ council, onClose, onSaved }: ChangeModalProps) {
  const t = useMessages(councilsMessages);
  const { language } = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberForm>();
  const formId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (values: MemberForm) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await councilApi.addMember(council.id, {
        personId: values.personId!,
        role: values.role!,
        from: values.from!.format(ISO),
        ...(values.to ? { to: values.to.format(ISO) } : {}),
      });
      const added = updated.members.find((member) => member.person.id === values.personId);
      void message.success(fill(t.memberAdded, { name: added?.person.name ?? '' }));
      onSaved(updated);
    } catch (failure) {
      showFieldErrors(form, failure, language, ['personId', 'role', 'from', 'to']);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t.addMemberTitle}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: !busy }}
      footer={[
        <Button key="cancel" onClick={onClose} disabled={busy}>
          {t.cancel}
        </Button>,
        <Button key="add" type="primary" htmlType="submit" form={formId} loading={busy}>
          {t.add}
        </Button>,
      ]}
    >
      <ProblemAlert error={error} />
      <Form<MemberForm>
        id={formId}
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ role: 'member', from: dayjs(todayInVietnam()) }}
      >
        <Form.Item
          label={t.person}
          name="personId"
          rules={[{ required: true, message: t.personRequired }]}
        >
          <PersonSelect />
        </Form.Item>
        <Form.Item label={t.role} name="role" rules={[{ required: true, message: t.roleRequired }]}>
          <Select<CouncilRole>
            options={COUNCIL_ROLES.map((role) => ({ value: role, label: t[`role_${role}`] }))}
          />
        </Form.Item>
        <Flex wrap gap={16}>
          <Form.Item
            label={t.from}
            name="from"
            rules={[{ required: true, message: t.fromRequired }]}
          >
            <DatePicker format={DATE_FORMAT} placeholder={t.datePlaceholder} />
          </Form.Item>
          <Form.Item
            label={t.to}
            name="to"
            extra={t.toHelp}
            dependencies={['from']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value?: Dayjs | null) => {
                  const from = getFieldValue('from') as Dayjs | undefined;
                  return value && from && value.isBefore(from, 'day')
                    ? Promise.reject(
                        new Error(fill(t.toBeforeFrom, { from: from.format(DATE_FORMAT) })),
                      )
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker format={DATE_FORMAT} placeholder={t.datePlaceholder} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

function EndTermModal({
  council,
  member,
  onClose,
  onSaved,
}: ChangeModalProps & { member: CouncilMemberView }) {
  const t = useMessages(councilsMessages);
  const { language } = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ to?: Dayjs }>();
  const formId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const today = todayInVietnam();
  // A term that has not started yet ends no earlier than its first day.
  const initial = dayjs(member.from > today ? member.from : today);

  const submit = async ({ to }: { to?: Dayjs }) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await councilApi.endTerm(council.id, member.id, to!.format(ISO));
      void message.success(fill(t.termEndedDone, { name: member.person.name }));
      onSaved(updated);
    } catch (failure) {
      showFieldErrors(form, failure, language, ['to']);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t.endTermTitle}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: !busy }}
      footer={[
        <Button key="cancel" onClick={onClose} disabled={busy}>
          {t.cancel}
        </Button>,
        <Button key="end" type="primary" htmlType="submit" form={formId} loading={busy}>
          {t.endTerm}
        </Button>,
      ]}
    >
      <Typography.Paragraph>
        {fill(t.endTermIntro, {
          name: member.person.name,
          role: t[`role_${member.role}`],
          from: formatLegalDate(member.from),
        })}
      </Typography.Paragraph>
      <ProblemAlert error={error} />
      <Form<{ to?: Dayjs }>
        id={formId}
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ to: initial }}
      >
        <Form.Item
          label={t.endOn}
          name="to"
          rules={[
            { required: true, message: t.endOnRequired },
            {
              validator: (_, value?: Dayjs) =>
                value && value.format(ISO) < member.from
                  ? Promise.reject(
                      new Error(fill(t.toBeforeFrom, { from: formatLegalDate(member.from) })),
                    )
                  : Promise.resolve(),
            },
          ]}
        >
          <DatePicker format={DATE_FORMAT} placeholder={t.datePlaceholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
