import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Result,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatLegalDate, todayInVietnam } from '../../i18n/format';
import { fill, useLanguage, useLocalize, useMessages } from '../../i18n/language';
import {
  allPages,
  DECISION_LIST_FORMATS,
  latestWorkflow,
  nominationApi,
  type AnnouncedDecision,
  type CaseListItem,
  type DecisionListFormat,
  type RuleSetDetail,
} from './api';
import { decisionMessages } from './decision.messages';
import { RoleGate } from './RoleGate';
import { useLoad } from '../../components/useLoad';
import { commonMessages } from './common.messages';

const ANNOUNCE = 'ANNOUNCE';
/** AnnounceDecisionDto: 1–200 nominations, a signer of 1–200 characters. */
const MAX_CASES = 200;
const SIGNER_MAX = 200;
const DATE_FORMAT = 'DD/MM/YYYY';
const ISO = 'YYYY-MM-DD';

type Text = Record<keyof typeof decisionMessages.vi, string>;

interface Candidate extends CaseListItem {
  /** Why the decision cannot include it yet; null when it can. */
  blocked: string | null;
  /** The last day of its public notice, when it had one. */
  noticeClosesOn: string | null;
  note: string;
}

interface DecisionForm {
  date: Dayjs;
  signer: string;
}

function noticeOf(item: CaseListItem): { closesOn: string | null } {
  const notice = item.context.publicNotice as { closesOn?: unknown } | null | undefined;
  return { closesOn: typeof notice?.closesOn === 'string' ? notice.closesOn : null };
}

/**
 * Whether ANNOUNCE would pass its guards now: an award that needs a public notice is announced
 * only from the notice, after its last day (nomination workflow: publicNoticeNotRequired,
 * publicNoticeEnded). The server decides; this only saves a refused attempt.
 */
function candidateOf(
  item: CaseListItem,
  ruleSet: RuleSetDetail | undefined,
  today: string,
  t: Text,
): Candidate {
  const { closesOn } = noticeOf(item);
  const award = ruleSet?.awards.find((a) => a.code === item.award?.code);
  let blocked: string | null = null;
  let note = t.ready;
  if (closesOn !== null) {
    if (today <= closesOn) blocked = fill(t.noticeRunning, { date: formatLegalDate(closesOn) });
    else note = fill(t.noticeEnded, { date: formatLegalDate(closesOn) });
  } else if (award?.publicNotice?.required) {
    blocked = t.needsNotice;
  }
  return { ...item, blocked, noticeClosesOn: closesOn, note: blocked ?? note };
}

export function NewDecisionPage() {
  const t = useMessages(decisionMessages);
  return (
    <RoleGate roles={['secretariat']} title={t.title}>
      <DecisionScreen />
    </RoleGate>
  );
}

function DecisionScreen() {
  const common = useMessages(commonMessages);
  const t = useMessages(decisionMessages);
  const localize = useLocalize();
  const { language } = useLanguage();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<DecisionForm>();
  const today = todayInVietnam();

  const loaded = useLoad(async (signal) => {
    const workflow = await latestWorkflow('nomination');
    // The states from which ANNOUNCE leads on: approved, and the public notice once it is over.
    const states = workflow.states
      .filter((state) => state.transitions.some((tr) => tr.event === ANNOUNCE))
      .map((state) => state.name);
    const [awards, lists] = await Promise.all([
      nominationApi.awards(signal),
      Promise.all(
        states.map((state) =>
          allPages<CaseListItem>(
            '/cases',
            { type: 'nomination', state, actionable: true },
            signal,
            10,
          ),
        ),
      ),
    ]);
    const ruleSet = await nominationApi.ruleSet(awards.ruleSet.id, awards.ruleSet.version, signal);
    const items = lists
      .flat()
      .filter((item) => item.allowedEvents.some((event) => event.type === ANNOUNCE));
    return { items, ruleSet };
  }, 'decision-candidates');

  const candidates = useMemo(
    () =>
      (loaded.data?.items ?? []).map((item) => candidateOf(item, loaded.data?.ruleSet, today, t)),
    [loaded.data, today, t],
  );
  const [awardFilter, setAwardFilter] = useState<string | undefined>();
  const [yearFilter, setYearFilter] = useState<number | undefined>();
  const [selected, setSelected] = useState<string[]>([]);
  const [selectionError, setSelectionError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<AnnouncedDecision | null>(null);

  const shown = candidates.filter(
    (item) =>
      (awardFilter === undefined || item.award?.code === awardFilter) &&
      (yearFilter === undefined || item.year === yearFilter),
  );
  const awardName = (item: CaseListItem) =>
    item.award ? (item.award.name ? localize(item.award.name) : item.award.code) : '';
  const awardChoices = [
    ...new Map(candidates.filter((c) => c.award).map((c) => [c.award!.code, awardName(c)])),
  ];
  const years = [...new Set(candidates.map((c) => c.year).filter((y): y is number => y !== null))]
    .sort()
    .reverse();
  const chosen = candidates.filter((item) => selected.includes(item.id));
  const latestNoticeEnd = chosen
    .map((item) => item.noticeClosesOn)
    .filter((date): date is string => date !== null)
    .sort()
    .at(-1);

  const issue = (values: DecisionForm) => {
    if (chosen.length === 0) {
      setSelectionError(t.noneSelected);
      return;
    }
    if (chosen.length > MAX_CASES) {
      setSelectionError(fill(t.tooMany, { max: MAX_CASES }));
      return;
    }
    const date = values.date.format(ISO);
    const signer = values.signer.trim();
    modal.confirm({
      title: t.confirmTitle,
      content: fill(t.confirmText, { date: formatLegalDate(date), signer, n: chosen.length }),
      okText: t.confirmOk,
      cancelText: t.cancel,
      onOk: async () => {
        setBusy(true);
        setError(null);
        try {
          const result = await nominationApi.announce({
            caseIds: chosen.map((item) => item.id),
            decision: { date, signer },
          });
          setIssued(result);
          setSelected([]);
          window.scrollTo({ top: 0 });
        } catch (failure) {
          setError(failure);
          // Someone else may have moved a case on: show the list as it is now.
          if (failure instanceof ApiError && failure.status === 409) loaded.reload();
        } finally {
          setBusy(false);
        }
      },
    });
  };

  if (issued) {
    return (
      <IssuedDecision
        issued={issued}
        onAnother={() => {
          setIssued(null);
          form.resetFields();
          loaded.reload();
        }}
        onDownloadFailed={(failure) =>
          void message.error(
            failure instanceof ApiError ? failure.describe(language) : t.downloadFailed,
          )
        }
      />
    );
  }

  const columns: TableColumnsType<Candidate> = [
    {
      title: t.columnSubject,
      key: 'subject',
      render: (_, item) => <Link to={`/cases/${item.id}`}>{item.subject.name}</Link>,
    },
    { title: t.columnUnit, key: 'unit', render: (_, item) => item.unit?.name ?? '' },
    { title: t.columnAward, key: 'award', render: (_, item) => awardName(item) },
    { title: t.columnYear, key: 'year', dataIndex: 'year', width: 80 },
    { title: t.columnState, key: 'state', render: (_, item) => localize(item.stateLabel) },
    {
      title: t.columnReady,
      key: 'ready',
      render: (_, item) =>
        item.blocked ? (
          <Tag color="warning">{item.note}</Tag>
        ) : (
          <Tag color="success">{item.note}</Tag>
        ),
    },
  ];

  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Typography.Paragraph style={{ maxWidth: 960 }}>{t.intro}</Typography.Paragraph>
      <ProblemAlert error={loaded.error} />
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t.candidatesTitle}
        </Typography.Title>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label={t.filterAward}
            style={{ minWidth: 260 }}
            allowClear
            placeholder={t.allAwards}
            value={awardFilter}
            onChange={setAwardFilter}
            options={awardChoices.map(([code, name]) => ({ value: code, label: name }))}
          />
          <Select
            aria-label={t.filterYear}
            style={{ minWidth: 160 }}
            allowClear
            placeholder={t.allYears}
            value={yearFilter}
            onChange={setYearFilter}
            options={years.map((year) => ({ value: year, label: String(year) }))}
          />
          <Button onClick={loaded.reload} loading={loaded.loading}>
            {t.reload}
          </Button>
        </Space>
        <Table<Candidate>
          aria-label={t.candidatesTable}
          rowKey="id"
          size="small"
          loading={loaded.loading}
          dataSource={shown}
          columns={columns}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t.noCandidates }}
          rowSelection={{
            selectedRowKeys: selected,
            preserveSelectedRowKeys: true,
            onChange: (keys) => {
              setSelected(keys as string[]);
              setSelectionError(null);
            },
            getCheckboxProps: (item) => ({
              disabled: item.blocked !== null,
              'aria-label': fill(t.selectRow, { name: item.subject.name }),
            }),
          }}
        />
        <Typography.Paragraph style={{ marginTop: 8 }} role="status">
          {fill(t.selected, { n: chosen.length })}
        </Typography.Paragraph>
      </Card>

      <Card style={{ maxWidth: 720 }}>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t.decisionTitle}
        </Typography.Title>
        <Alert type="info" showIcon title={t.numberNote} style={{ marginBottom: 16 }} />
        <Form<DecisionForm>
          form={form}
          layout="vertical"
          onFinish={issue}
          initialValues={{ date: dayjs(today) }}
        >
          <Form.Item
            label={t.date}
            name="date"
            rules={[
              { required: true, message: t.dateRequired },
              {
                validator: (_, value?: Dayjs) => {
                  if (!value) return Promise.resolve();
                  const date = value.format(ISO);
                  if (date > today) return Promise.reject(new Error(t.dateFuture));
                  if (latestNoticeEnd && date <= latestNoticeEnd) {
                    return Promise.reject(
                      new Error(
                        fill(t.dateAfterNotice, { date: formatLegalDate(latestNoticeEnd) }),
                      ),
                    );
                  }
                  return Promise.resolve();
                },
              },
            ]}
          >
            <DatePicker
              format={DATE_FORMAT}
              placeholder={common.datePlaceholder}
              disabledDate={(day) => day.format(ISO) > today}
            />
          </Form.Item>
          <Form.Item
            label={t.signer}
            name="signer"
            extra={t.signerHelp}
            rules={[
              { required: true, whitespace: true, message: t.signerRequired },
              { max: SIGNER_MAX, message: fill(t.signerTooLong, { max: SIGNER_MAX }) },
            ]}
          >
            <Input maxLength={SIGNER_MAX} placeholder={t.signerPlaceholder} />
          </Form.Item>
          {selectionError && (
            <Alert
              type="error"
              role="alert"
              showIcon
              title={selectionError}
              style={{ marginBottom: 16 }}
            />
          )}
          <ProblemAlert error={error} />
          <Button type="primary" htmlType="submit" loading={busy}>
            {t.issue}
          </Button>
        </Form>
      </Card>
    </>
  );
}

/** The decision just issued: its number, and the files it produces. */
function IssuedDecision({
  issued,
  onAnother,
  onDownloadFailed,
}: {
  issued: AnnouncedDecision;
  onAnother(): void;
  onDownloadFailed(failure: unknown): void;
}) {
  const t = useMessages(decisionMessages);
  // The certificates are the Vietnamese documents; an English reader may also take a rendering.
  const { language } = useLanguage();
  const [downloading, setDownloading] = useState<string | null>(null);
  const { decision, cases } = issued;
  const anyCase = cases[0]?.id;

  const download = async (key: string, work: () => Promise<void>) => {
    setDownloading(key);
    try {
      await work();
    } catch (failure) {
      onDownloadFailed(failure);
    } finally {
      setDownloading(null);
    }
  };
  const formatLabel: Record<DecisionListFormat, string> = {
    xlsx: t.downloadXlsx,
    csv: t.downloadCsv,
  };

  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Result
        status="success"
        title={
          <h2 style={{ fontSize: 20, margin: 0 }}>{fill(t.issued, { number: decision.number })}</h2>
        }
        subTitle={fill(t.issuedSubtitle, {
          date: formatLegalDate(decision.date),
          signer: decision.signer,
          unit: decision.issuingUnit.name,
          n: cases.length,
        })}
        extra={<Button onClick={onAnother}>{t.another}</Button>}
      />
      <Card style={{ maxWidth: 960, margin: '0 auto' }}>
        <Typography.Title level={3} style={{ fontSize: 18 }}>
          {t.downloadsTitle}
        </Typography.Title>
        {anyCase && (
          <>
            <Typography.Paragraph>{t.decisionList}</Typography.Paragraph>
            <Space wrap style={{ marginBottom: 24 }}>
              {DECISION_LIST_FORMATS.map((format) => (
                <Button
                  key={format}
                  icon={<DownloadOutlined aria-hidden />}
                  loading={downloading === format}
                  onClick={() =>
                    void download(format, () => nominationApi.decisionList(anyCase, format))
                  }
                >
                  {formatLabel[format]}
                </Button>
              ))}
            </Space>
          </>
        )}
        <Table
          aria-label={t.certificatesTable}
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={cases}
          columns={[
            {
              title: t.columnSubject,
              key: 'subject',
              render: (_, item) => <Link to={`/cases/${item.id}`}>{item.subject.name}</Link>,
            },
            {
              title: t.columnCertificate,
              key: 'certificate',
              render: (_, item) => (
                <Space wrap>
                  <Button
                    icon={<DownloadOutlined aria-hidden />}
                    aria-label={fill(t.downloadCertificateOf, { name: item.subject.name })}
                    loading={downloading === item.id}
                    onClick={() => void download(item.id, () => nominationApi.certificate(item.id))}
                  >
                    {t.downloadCertificate}
                  </Button>
                  {language === 'en' && (
                    <Button
                      icon={<DownloadOutlined aria-hidden />}
                      aria-label={fill(t.downloadCertificateEnglishOf, {
                        name: item.subject.name,
                      })}
                      loading={downloading === `${item.id}-en`}
                      onClick={() =>
                        void download(`${item.id}-en`, () =>
                          nominationApi.certificate(item.id, 'en'),
                        )
                      }
                    >
                      {t.downloadCertificateEnglish}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
