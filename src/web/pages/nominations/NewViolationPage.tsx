import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Radio,
  Result,
  Select,
  Space,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { todayInVietnam } from '../../i18n/format';
import { fill, useLocalize, useMessages } from '../../i18n/language';
import type { Role } from '../../session/session';
import { latestWorkflow, nominationApi, type CaseView, type SubjectKind } from './api';
import { useUnits } from '../../components/useUnits';
import { RoleGate } from './RoleGate';
import { PersonSelect, UnitSelect } from './SubjectPickers';
import { useLoad } from '../../components/useLoad';
import { commonMessages } from './common.messages';
import { violationMessages } from './violation.messages';
import {
  loadViolationCategories,
  VIOLATION_SOURCES,
  type ViolationSource,
} from '../discipline/api';
import { ViolationEvidence } from '../discipline/ViolationEvidence';
import { foldedSearch } from '../../i18n/fold';

/** workflows/violation.v4.json dataSchema: the lengths of the report's texts. */
const SUMMARY_MAX = 20000;
const REFERENCE_MAX = 100;
const PLACE_MAX = 500;
const DATE_FORMAT = 'DD/MM/YYYY';
const ISO = 'YYYY-MM-DD';

interface ViolationForm {
  subjectKind: SubjectKind;
  personId?: string;
  unitId?: string;
  category: string;
  source: ViolationSource;
  referenceNumber?: string;
  place?: string;
  occurredOn: Dayjs;
  summary?: string;
}

export function NewViolationPage() {
  const t = useMessages(violationMessages);
  const workflow = useLoad(() => latestWorkflow('violation'), 'violation');
  const roles: Role[] = workflow.data?.openRoles ?? ['secretariat', 'unit_leader'];
  return (
    <RoleGate roles={roles} title={t.newTitle}>
      <ViolationScreen />
    </RoleGate>
  );
}

function ViolationScreen() {
  const [created, setCreated] = useState<CaseView | null>(null);
  // The secretariat attaches the evidence right away; whoever may not is taken to the case.
  if (created) return <EvidenceStep caseView={created} onChanged={setCreated} />;
  return <ReportForm onCreated={setCreated} />;
}

/**
 * The report: whom it concerns, the category (the catalogue's, traffic first), where it came
 * from with the source's own number, where and when it happened, and what happened.
 */
function ReportForm({ onCreated }: { onCreated: (view: CaseView) => void }) {
  const common = useMessages(commonMessages);
  const t = useMessages(violationMessages);
  const localize = useLocalize();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ViolationForm>();
  const units = useUnits();
  const categories = useLoad(loadViolationCategories, 'violation-categories');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const subjectKind = Form.useWatch('subjectKind', form) ?? 'person';
  const today = todayInVietnam();
  const items = categories.data?.items ?? [];
  const categoryOptions = (['traffic', 'other'] as const)
    .map((group) => ({
      label: group === 'traffic' ? t.categoryTraffic : t.categoryOther,
      title: group === 'traffic' ? t.categoryTraffic : t.categoryOther,
      options: items
        .filter((item) => item.group === group)
        .map((item) => ({ value: item.code, label: localize(item.name) })),
    }))
    .filter((group) => group.options.length > 0);

  const submit = async (values: ViolationForm) => {
    setError(null);
    const optional = (value: string | undefined) => value?.trim() || undefined;
    const body = {
      type: 'violation',
      subject:
        values.subjectKind === 'person'
          ? { kind: 'person' as const, personId: values.personId! }
          : { kind: 'unit' as const, unitId: values.unitId! },
      data: {
        category: values.category,
        source: values.source,
        referenceNumber: optional(values.referenceNumber),
        place: optional(values.place),
        occurredOn: values.occurredOn.format(ISO),
        summary: optional(values.summary),
      },
    };
    const text = JSON.stringify(body);
    if (attempt.current?.body !== text) attempt.current = { body: text, key: crypto.randomUUID() };
    setBusy(true);
    try {
      const view = await nominationApi.openCase(body, attempt.current.key);
      attempt.current = null;
      void message.success(t.created);
      if (view.allowedEvents?.some((event) => event.type === 'ATTACH_EVIDENCE')) onCreated(view);
      else navigate(`/cases/${view.id}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle>{t.newTitle}</PageTitle>
      <Typography.Paragraph style={{ maxWidth: 800 }}>{t.newIntro}</Typography.Paragraph>
      <Card style={{ maxWidth: 800 }}>
        <Alert type="info" showIcon title={t.onHoldNote} style={{ marginBottom: 16 }} />
        <ProblemAlert error={categories.error} />
        <Form<ViolationForm>
          form={form}
          layout="vertical"
          onFinish={submit}
          scrollToFirstError
          initialValues={{ subjectKind: 'person' }}
          onValuesChange={(changed: Partial<ViolationForm>) => {
            if ('subjectKind' in changed)
              form.setFieldsValue({ personId: undefined, unitId: undefined });
          }}
        >
          <Form.Item label={t.subjectKind} name="subjectKind">
            <Radio.Group
              aria-label={t.subjectKind}
              options={[
                { value: 'person', label: t.kindPerson },
                { value: 'unit', label: t.kindUnit },
              ]}
            />
          </Form.Item>
          {subjectKind === 'person' ? (
            <Form.Item
              label={t.person}
              name="personId"
              rules={[{ required: true, message: t.personRequired }]}
            >
              <PersonSelect unitsById={units.byId} />
            </Form.Item>
          ) : (
            <Form.Item
              label={t.unit}
              name="unitId"
              rules={[{ required: true, message: t.unitRequired }]}
            >
              <UnitSelect units={units.units} loading={units.loading} />
            </Form.Item>
          )}
          <Form.Item
            label={t.category}
            name="category"
            extra={t.categoryTrafficHelp}
            rules={[{ required: true, message: t.categoryRequired }]}
          >
            <Select
              showSearch={foldedSearch()}
              placeholder={t.choose}
              loading={categories.loading}
              options={categoryOptions}
            />
          </Form.Item>
          <Form.Item
            label={t.source}
            name="source"
            rules={[{ required: true, message: t.sourceRequired }]}
          >
            <Select
              placeholder={t.choose}
              options={VIOLATION_SOURCES.map((source) => ({
                value: source,
                label: t[`source_${source}`],
              }))}
            />
          </Form.Item>
          <Form.Item label={t.referenceNumber} name="referenceNumber" extra={t.referenceNumberHelp}>
            <Input maxLength={REFERENCE_MAX} placeholder={t.referenceNumberPlaceholder} />
          </Form.Item>
          <Form.Item label={t.place} name="place">
            <Input maxLength={PLACE_MAX} placeholder={t.placePlaceholder} />
          </Form.Item>
          <Form.Item
            label={t.occurredOn}
            name="occurredOn"
            rules={[
              { required: true, message: t.occurredOnRequired },
              {
                validator: (_, value?: Dayjs) =>
                  value && value.format(ISO) > today
                    ? Promise.reject(new Error(t.occurredOnFuture))
                    : Promise.resolve(),
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
            label={t.summary}
            name="summary"
            extra={t.summaryHelp}
            rules={[{ max: SUMMARY_MAX, message: fill(t.summaryTooLong, { max: SUMMARY_MAX }) }]}
          >
            <Input.TextArea rows={5} maxLength={SUMMARY_MAX} showCount />
          </Form.Item>
          <ProblemAlert error={error} />
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t.submit}
            </Button>
            <Button onClick={() => navigate('/violations')}>{t.cancel}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}

/** After the report: its evidence (the police notice, photos), then on to the case. */
function EvidenceStep({
  caseView,
  onChanged,
}: {
  caseView: CaseView;
  onChanged: (view: CaseView) => void;
}) {
  const t = useMessages(violationMessages);
  const navigate = useNavigate();
  return (
    <>
      <PageTitle>{t.evidenceStepTitle}</PageTitle>
      <Card style={{ maxWidth: 900 }}>
        <Result
          status="success"
          title={
            <span role="status">{fill(t.createdFor, { subject: caseView.subject.name })}</span>
          }
          subTitle={t.evidenceStepIntro}
          style={{ padding: '8px 0 16px' }}
        />
        <ViolationEvidence caseView={caseView} onChanged={onChanged} />
        <Space wrap style={{ marginTop: 16 }}>
          <Button type="primary" onClick={() => navigate(`/cases/${caseView.id}`)}>
            {t.openCase}
          </Button>
        </Space>
      </Card>
    </>
  );
}
