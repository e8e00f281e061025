import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { StatusTag } from '../../components/case/StatusTag';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLoad } from '../../components/useLoad';
import { fill, useLocalize, useMessages } from '../../i18n/language';
import { formatLegalDate } from '../../i18n/format';
import { movementApi, type MovementView, type ParticipationRow } from './api';
import { MovementOverview } from './MovementOverview';
import { movementsMessages } from './movements.messages';
import { reportsMessages } from './reports.messages';

const DATE_FORMAT = 'DD/MM/YYYY';

/** The legal date each event records (absent: today). */
const EVENT_DATES: Record<string, string> = {
  LAUNCH: 'launchedOn',
  START_MIDTERM_REVIEW: 'startedOn',
  START_FINAL_REVIEW: 'startedOn',
  CLOSE: 'closedOn',
};

/** `/movements/:id`: the movement, its state and actions, the caller's units and who has acknowledged. */
export function MovementPage() {
  const { id = '' } = useParams();
  const t = useMessages(movementsMessages);
  const reports = useMessages(reportsMessages);
  const localize = useLocalize();
  const movement = useLoad((signal) => movementApi.get(id, signal), `movement-${id}`);
  const m = movement.data;
  const [event, setEvent] = useState<string | null>(null);
  const criteria = useLoad((signal) => movementApi.criteria(signal), 'emulation-criteria');
  const awards = useLoad((signal) => movementApi.awards(signal), 'awards');
  const criterionName = (code: string) => {
    const found = criteria.data?.items.find((c) => c.code === code);
    return found ? localize(found.name) : code;
  };
  const awardName = (code: string) => {
    const found = awards.data?.items.find((a) => a.code === code);
    return found ? localize(found.name) : code;
  };

  return (
    <>
      <PageTitle>{m?.title ?? t.details}</PageTitle>
      <Flex gap={16} wrap style={{ marginBottom: 16 }}>
        <Link to="/movements">{t.backToList}</Link>
        {m && m.milestones.launchedOn !== null && (
          <Link to={`/movements/${id}/registrations`}>{t.registrations}</Link>
        )}
        {m && m.launcherView && m.milestones.launchedOn !== null && (
          <Link to={`/movements/${id}/results`}>{reports.openResults}</Link>
        )}
      </Flex>
      <ProblemAlert error={movement.error} />
      {m && (
        <>
          <Card title={t.details} style={{ marginBottom: 24 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t.code}>{m.code}</Descriptions.Item>
              <Descriptions.Item label={t.state}>
                <StatusTag tone={m.tags.includes('movement_live') ? 'green' : 'gray'}>
                  {localize(m.stateLabel)}
                </StatusTag>
              </Descriptions.Item>
              <Descriptions.Item label={t.type}>{t[`type_${m.type}`]}</Descriptions.Item>
              <Descriptions.Item label={t.launchingUnit}>{m.launchingUnit.name}</Descriptions.Item>
              <Descriptions.Item label={t.leadUnit}>{m.leadUnit?.name ?? t.none}</Descriptions.Item>
              <Descriptions.Item label={t.coordinatingUnits}>
                {m.coordinatingUnits.map((u) => u.name).join(', ') || t.none}
              </Descriptions.Item>
              <Descriptions.Item label={t.participatingUnit}>
                {m.participatingUnit?.name ?? t.none}
              </Descriptions.Item>
              <Descriptions.Item label={t.period}>
                {`${formatLegalDate(m.period.from)} – ${formatLegalDate(m.period.to)}`}
              </Descriptions.Item>
              <Descriptions.Item label={t.registrationDeadline}>
                {formatLegalDate(m.registrationDeadline)}
              </Descriptions.Item>
              <Descriptions.Item label={t.launchedOn}>
                {formatLegalDate(m.milestones.launchedOn) || t.none}
              </Descriptions.Item>
              {m.milestones.midtermStartedOn && (
                <Descriptions.Item label={t.midtermStartedOn}>
                  {formatLegalDate(m.milestones.midtermStartedOn)}
                </Descriptions.Item>
              )}
              {m.milestones.finalStartedOn && (
                <Descriptions.Item label={t.finalStartedOn}>
                  {formatLegalDate(m.milestones.finalStartedOn)}
                </Descriptions.Item>
              )}
              {m.milestones.closedOn && (
                <Descriptions.Item label={t.closedOn}>
                  {formatLegalDate(m.milestones.closedOn)}
                </Descriptions.Item>
              )}
              {m.theme && (
                <Descriptions.Item label={t.theme} span={2}>
                  {m.theme}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t.legalBasis} span={2}>
                {m.legalBasis.map((b) => b.citation).join('; ')}
              </Descriptions.Item>
              <Descriptions.Item label={t.criteria} span={2}>
                {m.criteria
                  .map((c) =>
                    c.weight === undefined
                      ? criterionName(c.code)
                      : `${criterionName(c.code)} (${c.weight})`,
                  )
                  .join(', ')}
              </Descriptions.Item>
              <Descriptions.Item label={t.awardsOnOffer} span={2}>
                {m.awardsOnOffer.map(awardName).join(', ') || t.none}
              </Descriptions.Item>
            </Descriptions>
            {m.allowedEvents.length > 0 && (
              <Flex gap={8} wrap style={{ marginTop: 16 }}>
                {m.allowedEvents.map((allowed) => (
                  <Button
                    key={allowed.type}
                    danger={allowed.type === 'CANCEL'}
                    type={allowed.type === 'LAUNCH' ? 'primary' : 'default'}
                    onClick={() => setEvent(allowed.type)}
                  >
                    {localize(allowed.label)}
                  </Button>
                ))}
              </Flex>
            )}
          </Card>
          {m.milestones.launchedOn !== null && <MovementOverview movement={m} />}
          {m.yourUnits.length > 0 && <YourUnits movement={m} />}
          {m.launcherView && m.milestones.launchedOn !== null && <Participation movementId={id} />}
          {event && (
            <EventModal
              movement={m}
              event={event}
              onClose={() => setEvent(null)}
              onDone={() => {
                setEvent(null);
                movement.reload();
              }}
            />
          )}
        </>
      )}
    </>
  );
}

/** The caller's own units: acknowledge the movement, or open the unit's participation. */
function YourUnits({ movement }: { movement: MovementView }) {
  const t = useMessages(movementsMessages);
  const live = movement.tags.includes('movement_live');
  return (
    <Card title={t.yourUnits} style={{ marginBottom: 24 }}>
      <Flex vertical gap={8}>
        {movement.yourUnits.map(({ unit, participationId }) => (
          <Flex key={unit.id} gap={16} align="center" wrap>
            <Typography.Text strong>{unit.name}</Typography.Text>
            {participationId === null ? (
              <>
                <StatusTag tone="orange">{t.notAcknowledged}</StatusTag>
                {live && (
                  <Link to={`/movements/${movement.id}/acknowledge?unit=${unit.id}`}>
                    {t.acknowledge}
                  </Link>
                )}
              </>
            ) : (
              <>
                <StatusTag tone="green">{t.acknowledged}</StatusTag>
                <Link to={`/movements/${movement.id}/participations/${participationId}`}>
                  {t.openParticipation}
                </Link>
              </>
            )}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

/** The launcher's table: every unit of the scope, acknowledged or not. */
function Participation({ movementId }: { movementId: string }) {
  const t = useMessages(movementsMessages);
  const table = useLoad(
    (signal) => movementApi.participation(movementId, signal),
    `participation-${movementId}`,
  );
  const [onlyMissing, setOnlyMissing] = useState(false);
  const rows = (table.data?.items ?? []).filter((r) => !onlyMissing || r.participation === null);
  const columns: ColumnsType<ParticipationRow> = [
    { title: t.colUnit, key: 'unit', render: (_, r) => `${r.unit.name} (${r.unit.code})` },
    {
      title: t.colAcknowledgedOn,
      key: 'acknowledgedOn',
      render: (_, r) =>
        r.participation === null ? (
          <StatusTag tone="orange">{t.notAcknowledged}</StatusTag>
        ) : (
          formatLegalDate(r.participation.acknowledgedOn)
        ),
    },
    { title: t.colPlans, key: 'plans', render: (_, r) => r.participation?.plans ?? t.none },
    {
      title: t.colMidterm,
      key: 'midterm',
      render: (_, r) =>
        formatLegalDate(r.participation?.resultsReportedOn.midterm) ||
        (r.participation ? t.notYet : t.none),
    },
    {
      title: t.colFinal,
      key: 'final',
      render: (_, r) =>
        formatLegalDate(r.participation?.resultsReportedOn.final) ||
        (r.participation ? t.notYet : t.none),
    },
  ];
  return (
    <Card title={t.participationTitle} style={{ marginBottom: 24 }}>
      <ProblemAlert error={table.error} />
      {table.data && (
        <Typography.Paragraph>
          {fill(t.participationSummary, {
            acknowledged: table.data.acknowledged,
            units: table.data.units,
          })}
        </Typography.Paragraph>
      )}
      <Checkbox
        checked={onlyMissing}
        onChange={(e) => setOnlyMissing(e.target.checked)}
        style={{ marginBottom: 12 }}
      >
        {t.onlyNotAcknowledged}
      </Checkbox>
      <Table<ParticipationRow>
        aria-label={t.participationTable}
        rowKey={(r) => r.unit.id}
        columns={columns}
        dataSource={rows}
        loading={table.loading}
        pagination={false}
        size="small"
        scroll={{ x: 760 }}
      />
    </Card>
  );
}

interface EventForm {
  date?: Dayjs;
  reason?: string;
  summary?: string;
  title?: string;
}

/** One movement event: its legal date, or the reason of a cancellation, or a draft's new title. */
function EventModal({
  movement,
  event,
  onClose,
  onDone,
}: {
  movement: MovementView;
  event: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useMessages(movementsMessages);
  const localize = useLocalize();
  const { message } = App.useApp();
  const [form] = Form.useForm<EventForm>();
  const formId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const label = movement.allowedEvents.find((e) => e.type === event)?.label;
  const dateField = EVENT_DATES[event];

  const submit = async (values: EventForm) => {
    const payload: Record<string, unknown> = {};
    if (dateField && values.date) payload[dateField] = values.date.format('YYYY-MM-DD');
    if (event === 'CANCEL') payload.reason = values.reason?.trim();
    if (event === 'CLOSE' && values.summary?.trim()) payload.summary = values.summary.trim();
    if (event === 'UPDATE_DRAFT') payload.title = values.title?.trim();
    setBusy(true);
    setError(null);
    try {
      await movementApi.sendEvent(movement.id, event, payload, movement.version);
      void message.success(t.eventDone);
      onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={label ? localize(label) : event}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose} disabled={busy}>
          {t.cancel}
        </Button>,
        <Button
          key="confirm"
          type="primary"
          danger={event === 'CANCEL'}
          htmlType="submit"
          form={formId}
          loading={busy}
        >
          {t.confirm}
        </Button>,
      ]}
    >
      <ProblemAlert error={error} />
      <Form<EventForm>
        id={formId}
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ title: movement.title }}
      >
        {dateField && (
          <Form.Item label={t.eventDate} name="date">
            <DatePicker format={DATE_FORMAT} placeholder={t.datePlaceholder} />
          </Form.Item>
        )}
        {event === 'CANCEL' && (
          <Form.Item
            label={t.reason}
            name="reason"
            rules={[{ required: true, whitespace: true, min: 5, message: t.reasonRequired }]}
          >
            <Input.TextArea maxLength={4000} autoSize={{ minRows: 2 }} />
          </Form.Item>
        )}
        {event === 'CLOSE' && (
          <Form.Item label={t.summary} name="summary">
            <Input.TextArea maxLength={4000} autoSize={{ minRows: 2 }} />
          </Form.Item>
        )}
        {event === 'UPDATE_DRAFT' && (
          <Form.Item
            label={t.newTitleLabel}
            name="title"
            rules={[{ required: true, whitespace: true, message: t.titleRequired }]}
          >
            <Input maxLength={300} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
