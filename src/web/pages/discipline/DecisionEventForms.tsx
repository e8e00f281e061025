import { Alert, DatePicker, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { EventModalProps } from '../../components/case/CaseActions';
import { caseMessages } from '../../components/case/case.messages';
import { formatLegalDate, todayInVietnam } from '../../i18n/format';
import { fill, useLocalize, useMessages } from '../../i18n/language';
import { APPEAL_OUTCOMES, decisionsOf, type AppealOutcome, type ViolationDecision } from './api';
import { DATE_FORMAT, notAfterToday } from './DecideForm';
import { disciplineMessages } from './discipline.messages';
import { EventFrame, useEventSender } from './EventSender';
import { useDisciplineNames, useDisciplineRules } from './labels';

const ISO = 'YYYY-MM-DD';

/** The label the workflow gives a legal date of this event, or a fallback. */
function useDateLabel(props: EventModalProps) {
  const localize = useLocalize();
  const spec = props.workflow.events.find((event) => event.type === props.event.type);
  return (path: string, fallback: string) =>
    spec?.legalDates?.[path] ? localize(spec.legalDates[path].label) : fallback;
}

/** A legal date of an event: empty means today, never after today. */
function LegalDate({ name, label }: { name: string | string[]; label: string }) {
  const c = useMessages(caseMessages);
  return (
    <Form.Item name={name} label={label} extra={`${c.formLegalDateToday} ${c.formNotInFuture}`}>
      <DatePicker
        format={DATE_FORMAT}
        placeholder={c.formDatePlaceholder}
        disabledDate={notAfterToday}
        style={{ width: '100%', maxWidth: 240 }}
      />
    </Form.Item>
  );
}

/** The choice of one of the case's decisions, by its number (ANNOUNCE, APPEAL). */
function DecisionSelect({ decisions }: { decisions: ViolationDecision[] }) {
  const t = useMessages(disciplineMessages);
  const c = useMessages(caseMessages);
  const rules = useDisciplineRules();
  const names = useDisciplineNames(rules.data);
  return (
    <Form.Item
      name="decisionNumber"
      label={t.fieldDecision}
      initialValue={decisions.length === 1 ? decisions[0].number : undefined}
      rules={[{ required: true, message: fill(c.formChooseField, { field: t.fieldDecision }) }]}
    >
      <Select
        placeholder={c.formChoose}
        options={decisions.map((decision) => ({
          value: decision.number,
          label: fill(t.decisionOption, {
            number: decision.number,
            body: names.body(decision.body),
            outcome: names.outcome(decision),
          }),
        }))}
      />
    </Form.Item>
  );
}

interface AnnounceValues {
  decisionNumber?: string;
  announcedOn?: Dayjs;
}

/** ANNOUNCE: one of the decisions not announced yet, and the day it was announced. */
export function AnnounceModal(props: EventModalProps) {
  const t = useMessages(disciplineMessages);
  const [form] = Form.useForm<AnnounceValues>();
  const sender = useEventSender(props, form);
  const dateLabel = useDateLabel(props);
  const waiting = decisionsOf(props.caseView).filter((decision) => !decision.announcedOn);
  return (
    <EventFrame props={props} sender={sender} refusedTitle={t.refused} width={640}>
      {(formId) =>
        waiting.length === 0 ? (
          <Alert type="info" showIcon title={t.noDecisionToAnnounce} />
        ) : (
          <Form<AnnounceValues>
            form={form}
            id={formId}
            layout="vertical"
            disabled={sender.busy}
            onFinish={(values) =>
              void sender.send({
                decisionNumber: values.decisionNumber,
                announcedOn: values.announcedOn?.format(ISO) ?? todayInVietnam(),
              })
            }
          >
            <DecisionSelect decisions={waiting} />
            <LegalDate name="announcedOn" label={dateLabel('announcedOn', t.colAnnounced)} />
          </Form>
        )
      }
    </EventFrame>
  );
}

interface AppealValues {
  decisionNumber?: string;
  filedOn?: Dayjs;
  grounds?: string;
}

/** APPEAL: an announced discipline decision in force, the filing day and the grounds. */
export function AppealModal(props: EventModalProps) {
  const t = useMessages(disciplineMessages);
  const c = useMessages(caseMessages);
  const [form] = Form.useForm<AppealValues>();
  const sender = useEventSender(props, form);
  const dateLabel = useDateLabel(props);
  const appealable = decisionsOf(props.caseView).filter(
    (decision) =>
      decision.outcome === 'discipline' &&
      decision.status === 'in_force' &&
      decision.announcedOn !== undefined &&
      decision.appeal === undefined,
  );
  return (
    <EventFrame props={props} sender={sender} refusedTitle={t.refused} width={640}>
      {(formId) =>
        appealable.length === 0 ? (
          <Alert type="info" showIcon title={t.noDecisionToAppeal} />
        ) : (
          <Form<AppealValues>
            form={form}
            id={formId}
            layout="vertical"
            disabled={sender.busy}
            onFinish={(values) =>
              void sender.send({
                decisionNumber: values.decisionNumber,
                filedOn: values.filedOn?.format(ISO) ?? todayInVietnam(),
                grounds: values.grounds?.trim(),
              })
            }
          >
            <DecisionSelect decisions={appealable} />
            <LegalDate name="filedOn" label={dateLabel('filedOn', t.fieldFiledOn)} />
            <Form.Item
              name="grounds"
              label={t.fieldGrounds}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: fill(c.formEnterField, { field: t.fieldGrounds }),
                },
                {
                  min: 5,
                  transform: (value?: string) => value?.trim(),
                  message: fill(t.textTooShort, { n: 5 }),
                },
              ]}
            >
              <Input.TextArea rows={4} maxLength={20000} showCount />
            </Form.Item>
          </Form>
        )
      }
    </EventFrame>
  );
}

interface AppealDecisionValues {
  outcome?: AppealOutcome;
  form?: string;
  body?: string;
  reason?: string;
  decision?: { date?: Dayjs; signer?: string };
}

/**
 * DECIDE_APPEAL: on the decision whose appeal is pending, the outcome, the new form when it is
 * changed (the forms of the decision's subject type), the body (of the decision's track), the
 * reason and the signing.
 */
export function DecideAppealModal(props: EventModalProps) {
  const t = useMessages(disciplineMessages);
  const c = useMessages(caseMessages);
  const localize = useLocalize();
  const [form] = Form.useForm<AppealDecisionValues>();
  const sender = useEventSender(props, form);
  const dateLabel = useDateLabel(props);
  const rules = useDisciplineRules();
  const names = useDisciplineNames(rules.data);
  const discipline = rules.data?.discipline;
  const pending = props.caseView.context.appealPending;
  const appealed = decisionsOf(props.caseView).find((decision) => decision.number === pending);
  const outcome = Form.useWatch('outcome', form);
  const bodies = (discipline?.bodies ?? []).filter(
    (body) => !appealed || body.track === appealed.track,
  );
  const subject = discipline?.subjects.find((item) => item.code === appealed?.subjectType);
  const forms = (discipline?.forms ?? [])
    .filter((item) => !subject || subject.forms.some((allowed) => allowed.form === item.code))
    .filter((item) => item.code !== appealed?.form)
    .filter((item) => !item.abolishedFrom || item.abolishedFrom > todayInVietnam());

  return (
    <EventFrame props={props} sender={sender} refusedTitle={t.refused} width={680}>
      {(formId) => (
        <Form<AppealDecisionValues>
          form={form}
          id={formId}
          layout="vertical"
          disabled={sender.busy}
          onFinish={(values) =>
            void sender.send({
              outcome: values.outcome,
              ...(values.outcome === 'changed' ? { form: values.form } : {}),
              body: values.body,
              reason: values.reason?.trim(),
              decision: {
                ...(values.decision?.date ? { date: values.decision.date.format(ISO) } : {}),
                signer: values.decision?.signer?.trim(),
              },
            })
          }
        >
          {appealed?.appeal && (
            <Typography.Paragraph>
              {fill(t.appealOf, {
                number: appealed.number,
                outcome: names.outcome(appealed),
                date: formatLegalDate(appealed.appeal.filedOn),
              })}
            </Typography.Paragraph>
          )}
          <Form.Item
            name="outcome"
            label={t.fieldAppealOutcome}
            rules={[
              { required: true, message: fill(c.formChooseField, { field: t.fieldAppealOutcome }) },
            ]}
          >
            <Select
              placeholder={c.formChoose}
              options={APPEAL_OUTCOMES.map((value) => ({
                value,
                label: t[`appealOutcome_${value}`],
              }))}
            />
          </Form.Item>
          {outcome === 'changed' && (
            <Form.Item
              name="form"
              label={t.fieldNewForm}
              rules={[
                { required: true, message: fill(c.formChooseField, { field: t.fieldNewForm }) },
              ]}
            >
              <Select
                placeholder={c.formChoose}
                options={forms.map((item) => ({ value: item.code, label: localize(item.name) }))}
              />
            </Form.Item>
          )}
          <Form.Item
            name="body"
            label={t.fieldAppealBody}
            rules={[
              { required: true, message: fill(c.formChooseField, { field: t.fieldAppealBody }) },
            ]}
          >
            <Select
              placeholder={c.formChoose}
              options={bodies.map((body) => ({
                value: body.code,
                label: `${localize(body.name)}${body.confirmed === false ? ` (${t.unconfirmed})` : ''}`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t.fieldReason}
            rules={[
              { required: true, whitespace: true, message: t.fieldReasonRequired },
              {
                min: 5,
                transform: (value?: string) => value?.trim(),
                message: fill(t.textTooShort, { n: 5 }),
              },
            ]}
          >
            <Input.TextArea rows={3} maxLength={4000} showCount />
          </Form.Item>
          <LegalDate
            name={['decision', 'date']}
            label={dateLabel('decision.date', t.fieldSigningDate)}
          />
          <Form.Item
            name={['decision', 'signer']}
            label={t.fieldSigner}
            rules={[{ required: true, whitespace: true, message: t.fieldSignerRequired }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      )}
    </EventFrame>
  );
}
