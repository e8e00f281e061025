import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import type { EventModalProps } from '../../components/case/CaseActions';
import { caseMessages } from '../../components/case/case.messages';
import { useLoad } from '../../components/useLoad';
import { formatLegalDate, todayInVietnam } from '../../i18n/format';
import { fill, useLocalize, useMessages } from '../../i18n/language';
import {
  DECISION_OUTCOMES,
  loadVotingRoster,
  type Competence,
  type DecisionOutcome,
  type DisciplineRules,
} from './api';
import { disciplineMessages } from './discipline.messages';
import { EventFrame, useEventSender } from './EventSender';
import { useDisciplineNames, useDisciplineRules } from './labels';

export const DATE_FORMAT = 'DD/MM/YYYY';
const ISO = 'YYYY-MM-DD';
const today = () => todayInVietnam();
export const notAfterToday = (day: Dayjs) => day.format(ISO) > today();

interface DecideValues {
  body?: string;
  subjectType?: string;
  outcome?: DecisionOutcome;
  form?: string;
  legalBasis?: string[];
  decision?: { date?: Dayjs; signer?: string };
  vote?: {
    meetingDate?: Dayjs;
    present?: string[];
    inFavour?: number;
    against?: number;
    abstain?: number;
  };
  ratification?: { number?: string; date?: Dayjs; by?: string };
}

/** The competence the rule set gives for this body, subject type and form, if any. */
function competenceOf(
  rules: DisciplineRules | undefined,
  body: string | undefined,
  subjectType: string | undefined,
  form: string | undefined,
): Competence | undefined {
  return rules?.competence?.find(
    (entry) =>
      entry.body === body &&
      entry.subject === subjectType &&
      form !== undefined &&
      entry.forms.includes(form),
  );
}

/**
 * DECIDE: the competent body's decision, with every choice from the rule set in force (bodies,
 * subject types, the forms the chosen body may impose on the chosen subject type), the legal
 * basis lines, the signing; the vote of the body's roster on the meeting day where the
 * competence asks for one, and the ratification where it asks for one.
 */
export function DecideModal(props: EventModalProps) {
  const t = useMessages(disciplineMessages);
  const c = useMessages(caseMessages);
  const localize = useLocalize();
  const [form] = Form.useForm<DecideValues>();
  const sender = useEventSender(props, form);
  const rules = useDisciplineRules();
  const names = useDisciplineNames(rules.data);
  const discipline = rules.data?.discipline;
  const values = Form.useWatch((all: DecideValues) => all, form) ?? {};
  const spec = props.workflow.events.find((event) => event.type === props.event.type);
  const dateLabel = (path: string, fallback: string) =>
    spec?.legalDates?.[path] ? localize(spec.legalDates[path].label) : fallback;

  const competence = competenceOf(discipline, values.body, values.subjectType, values.form);
  const needsVote = values.outcome === 'discipline' && competence?.vote !== undefined;
  const needsRatification =
    values.outcome === 'discipline' && competence?.ratification !== undefined;

  const bodyOptions = (discipline?.bodies ?? []).map((body) => ({
    value: body.code,
    label: `${localize(body.name)}${body.confirmed === false ? ` (${t.unconfirmed})` : ''}`,
  }));
  const subjectsOfBody = new Set(
    (discipline?.competence ?? [])
      .filter((entry) => entry.body === values.body)
      .map((entry) => entry.subject),
  );
  const subjectOptions = (discipline?.subjects ?? [])
    .filter((subject) => subjectsOfBody.size === 0 || subjectsOfBody.has(subject.code))
    .map((subject) => ({ value: subject.code, label: localize(subject.name) }));
  const formCodes = new Set(
    (discipline?.competence ?? [])
      .filter((entry) => entry.body === values.body && entry.subject === values.subjectType)
      .flatMap((entry) => entry.forms),
  );
  const formOptions = (discipline?.forms ?? [])
    .filter((item) => formCodes.has(item.code))
    .filter((item) => !item.abolishedFrom || item.abolishedFrom > today())
    .map((item) => ({ value: item.code, label: localize(item.name) }));

  const submit = (submitted: DecideValues) => {
    const payload: Record<string, unknown> = {
      body: submitted.body,
      subjectType: submitted.subjectType,
      outcome: submitted.outcome,
      ...(submitted.outcome === 'discipline' ? { form: submitted.form } : {}),
      legalBasis: (submitted.legalBasis ?? []).map((line) => line.trim()).filter(Boolean),
      decision: {
        ...(submitted.decision?.date ? { date: submitted.decision.date.format(ISO) } : {}),
        signer: submitted.decision?.signer?.trim(),
      },
    };
    if (needsVote && submitted.vote) {
      payload.vote = {
        meetingDate: submitted.vote.meetingDate?.format(ISO),
        present: submitted.vote.present ?? [],
        inFavour: submitted.vote.inFavour ?? 0,
        against: submitted.vote.against ?? 0,
        abstain: submitted.vote.abstain ?? 0,
      };
    }
    if (needsRatification && submitted.ratification) {
      payload.ratification = {
        number: submitted.ratification.number?.trim(),
        date: submitted.ratification.date?.format(ISO),
        by: submitted.ratification.by?.trim(),
      };
    }
    void sender.send(payload);
  };

  return (
    <EventFrame props={props} sender={sender} refusedTitle={t.refused} width={760}>
      {(formId) => (
        <Form<DecideValues>
          form={form}
          id={formId}
          layout="vertical"
          disabled={sender.busy}
          onFinish={submit}
          scrollToFirstError
          initialValues={{ legalBasis: [''] }}
          onValuesChange={(changed: DecideValues) => {
            if ('body' in changed) form.setFieldsValue({ subjectType: undefined, form: undefined });
            if ('subjectType' in changed || 'outcome' in changed)
              form.setFieldsValue({ form: undefined });
          }}
        >
          {rules.data && (
            <Typography.Paragraph type="secondary">
              {fill(t.decideIntro, { ruleSet: `${rules.data.id} v${rules.data.version}` })}
            </Typography.Paragraph>
          )}
          <Form.Item
            name="body"
            label={t.fieldBody}
            rules={[{ required: true, message: fill(c.formChooseField, { field: t.fieldBody }) }]}
          >
            <Select options={bodyOptions} placeholder={c.formChoose} loading={rules.loading} />
          </Form.Item>
          <Form.Item
            name="subjectType"
            label={t.fieldSubjectType}
            rules={[
              { required: true, message: fill(c.formChooseField, { field: t.fieldSubjectType }) },
            ]}
          >
            <Select options={subjectOptions} placeholder={c.formChoose} />
          </Form.Item>
          <Form.Item
            name="outcome"
            label={t.fieldOutcome}
            rules={[
              { required: true, message: fill(c.formChooseField, { field: t.fieldOutcome }) },
            ]}
          >
            <Select
              placeholder={c.formChoose}
              options={DECISION_OUTCOMES.map((outcome) => ({
                value: outcome,
                label: t[`outcome_${outcome}`],
              }))}
            />
          </Form.Item>
          {values.outcome === 'discipline' &&
            (values.body && values.subjectType && formOptions.length === 0 ? (
              <Alert type="warning" showIcon title={t.formsNone} style={{ marginBottom: 16 }} />
            ) : (
              <Form.Item
                name="form"
                label={t.fieldForm}
                rules={[
                  { required: true, message: fill(c.formChooseField, { field: t.fieldForm }) },
                ]}
              >
                <Select options={formOptions} placeholder={c.formChoose} />
              </Form.Item>
            ))}
          <LegalBasisLines />
          <fieldset className="case-event-group">
            <legend>{localize(props.event.label)}</legend>
            <Form.Item
              name={['decision', 'date']}
              label={dateLabel('decision.date', t.fieldSigningDate)}
              extra={`${c.formLegalDateToday} ${c.formNotInFuture}`}
            >
              <DatePicker
                format={DATE_FORMAT}
                placeholder={c.formDatePlaceholder}
                disabledDate={notAfterToday}
                style={{ width: '100%', maxWidth: 240 }}
              />
            </Form.Item>
            <Form.Item
              name={['decision', 'signer']}
              label={t.fieldSigner}
              rules={[{ required: true, whitespace: true, message: t.fieldSignerRequired }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </fieldset>
          {needsVote && competence?.vote && (
            <VoteFields
              props={props}
              rules={discipline}
              vote={competence.vote}
              meetingDate={values.vote?.meetingDate?.format(ISO)}
              meetingLabel={dateLabel('vote.meetingDate', t.fieldMeetingDate)}
              bodyName={names.body(competence.vote.body)}
              ratio={names.ratio}
            />
          )}
          {needsRatification && competence?.ratification && (
            <fieldset className="case-event-group">
              <legend>
                {fill(t.ratificationTitle, { name: localize(competence.ratification.name) })}
              </legend>
              <Form.Item
                name={['ratification', 'number']}
                label={t.fieldRatNumber}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: fill(c.formEnterField, { field: t.fieldRatNumber }),
                  },
                ]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item
                name={['ratification', 'date']}
                label={t.fieldRatDate}
                rules={[
                  { required: true, message: fill(c.formChooseField, { field: t.fieldRatDate }) },
                ]}
              >
                <DatePicker
                  format={DATE_FORMAT}
                  placeholder={c.formDatePlaceholder}
                  disabledDate={notAfterToday}
                  style={{ width: '100%', maxWidth: 240 }}
                />
              </Form.Item>
              <Form.Item
                name={['ratification', 'by']}
                label={t.fieldRatBy}
                initialValue={names.body(competence.ratification.body)}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: fill(c.formEnterField, { field: t.fieldRatBy }),
                  },
                ]}
              >
                <Input maxLength={300} />
              </Form.Item>
            </fieldset>
          )}
        </Form>
      )}
    </EventFrame>
  );
}

/** The legal basis, one text per line: add and remove lines. */
export function LegalBasisLines() {
  const t = useMessages(disciplineMessages);
  return (
    <fieldset className="case-event-group">
      <legend>{t.fieldLegalBasis}</legend>
      <Form.List
        name="legalBasis"
        rules={[
          {
            validator: (_, lines?: string[]) =>
              (lines ?? []).some((line) => line?.trim())
                ? Promise.resolve()
                : Promise.reject(new Error(t.legalBasisRequired)),
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <Space key={field.key} align="start" style={{ display: 'flex', width: '100%' }}>
                <Form.Item
                  name={field.name}
                  label={fill(t.legalBasisLine, { n: index + 1 })}
                  style={{ flex: 1, minWidth: 220 }}
                >
                  <Input maxLength={500} />
                </Form.Item>
                {fields.length > 1 && (
                  <Button
                    icon={<MinusCircleOutlined />}
                    aria-label={fill(t.removeLegalBasis, { n: index + 1 })}
                    onClick={() => remove(field.name)}
                    style={{ marginTop: 30 }}
                  />
                )}
              </Space>
            ))}
            <Form.ErrorList errors={errors} />
            {fields.length < 20 && (
              <Button icon={<PlusOutlined />} onClick={() => add('')}>
                {t.addLegalBasis}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </fieldset>
  );
}

/**
 * The vote of the body the competence names: the meeting date, the members present (checkboxes
 * from the roster, on that day, of that body's council in the subject's unit or the nearest unit
 * above it) and the counts.
 */
function VoteFields({
  props,
  rules,
  vote,
  meetingDate,
  meetingLabel,
  bodyName,
  ratio,
}: {
  props: EventModalProps;
  rules: DisciplineRules | undefined;
  vote: NonNullable<Competence['vote']>;
  meetingDate: string | undefined;
  meetingLabel: string;
  bodyName: string;
  ratio: (fraction: NonNullable<Competence['vote']>['threshold']) => string;
}) {
  const t = useMessages(disciplineMessages);
  const c = useMessages(caseMessages);
  const councilBody = rules?.bodies?.find((body) => body.code === vote.body)?.council ?? vote.body;
  // The same roster the server counts the vote against: that body's council in the subject's
  // unit or the nearest unit above it, on the meeting day (today until one is chosen).
  const on = meetingDate ?? todayInVietnam();
  const roster = useLoad(
    () => loadVotingRoster(props.caseView.id, councilBody, on),
    `voting-roster:${props.caseView.id}:${councilBody}:${on}`,
  );
  const council = roster.data?.council;
  const voters = (roster.data?.members ?? []).filter((member) => member.votes);
  const count = (name: string, label: string) => (
    <Form.Item
      name={['vote', name]}
      label={label}
      initialValue={0}
      rules={[{ required: true, message: fill(c.formEnterField, { field: label }) }]}
    >
      <InputNumber min={0} max={500} precision={0} style={{ width: 120 }} />
    </Form.Item>
  );

  return (
    <fieldset className="case-event-group">
      <legend>{fill(t.voteTitle, { body: bodyName })}</legend>
      <Typography.Paragraph type="secondary">
        {fill(vote.quorum ? t.voteRule : t.voteRuleNoQuorum, {
          threshold: ratio(vote.threshold),
          quorum: vote.quorum ? ratio(vote.quorum) : '',
          body: bodyName,
        })}
      </Typography.Paragraph>
      <Form.Item
        name={['vote', 'meetingDate']}
        label={meetingLabel}
        rules={[{ required: true, message: fill(c.formChooseField, { field: meetingLabel }) }]}
        extra={c.formNotInFuture}
      >
        <DatePicker
          format={DATE_FORMAT}
          placeholder={c.formDatePlaceholder}
          disabledDate={notAfterToday}
          style={{ width: '100%', maxWidth: 240 }}
        />
      </Form.Item>
      {!roster.loading && !council ? (
        <Alert
          type="warning"
          showIcon
          title={fill(t.rosterNone, { body: bodyName })}
          style={{ marginBottom: 16 }}
        />
      ) : !meetingDate ? (
        <Typography.Paragraph type="secondary">{t.meetingDateFirst}</Typography.Paragraph>
      ) : (
        council && (
          <Typography.Paragraph>
            {fill(t.rosterOf, {
              council: council.name,
              unit: council.unitName,
              n: voters.length,
              date: formatLegalDate(meetingDate),
            })}
          </Typography.Paragraph>
        )
      )}
      {meetingDate && council && (
        <Form.Item
          name={['vote', 'present']}
          label={t.presentLabel}
          // A validator, not `required`: antd would put aria-required on the group, which ARIA forbids.
          rules={[
            {
              validator: (_, present?: string[]) =>
                present && present.length > 0
                  ? Promise.resolve()
                  : Promise.reject(new Error(t.presentRequired)),
            },
          ]}
        >
          <Checkbox.Group
            aria-label={t.presentLabel}
            options={voters.map((member) => ({
              value: member.personId,
              label: member.fullName,
            }))}
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          />
        </Form.Item>
      )}
      <Space wrap size="large">
        {count('inFavour', t.fieldInFavour)}
        {count('against', t.fieldAgainst)}
        {count('abstain', t.fieldAbstain)}
      </Space>
    </fieldset>
  );
}
