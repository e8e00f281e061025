import { Alert, App, Button, Card, DatePicker, Form, Input, Radio, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { todayInVietnam } from '../../i18n/format';
import { fill, useMessages } from '../../i18n/language';
import type { Role } from '../../session/session';
import { latestWorkflow, nominationApi, type SubjectKind } from './api';
import { useUnits } from '../../components/useUnits';
import { RoleGate } from './RoleGate';
import { PersonSelect, UnitSelect } from './SubjectPickers';
import { useLoad } from '../../components/useLoad';
import { commonMessages } from './common.messages';
import { violationMessages } from './violation.messages';

/** workflows/violation.v3.json dataSchema: summary ≤ 20000 characters; category traffic | other. */
const SUMMARY_MAX = 20000;
const SUMMARY_MIN = 10;
const SOURCE_MAX = 500;
const DATE_FORMAT = 'DD/MM/YYYY';
const ISO = 'YYYY-MM-DD';

interface ViolationForm {
  subjectKind: SubjectKind;
  personId?: string;
  unitId?: string;
  category: 'traffic' | 'other';
  occurredOn: Dayjs;
  source?: string;
  summary: string;
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
  const common = useMessages(commonMessages);
  const t = useMessages(violationMessages);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<ViolationForm>();
  const units = useUnits();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const subjectKind = Form.useWatch('subjectKind', form) ?? 'person';
  const today = todayInVietnam();

  /** The data schema has no field for the source document: it heads the description. */
  const summaryOf = (values: Pick<ViolationForm, 'source' | 'summary'>) => {
    const source = values.source?.trim();
    const summary = values.summary?.trim() ?? '';
    return source ? `${fill(t.sourcePrefix, { source })}\n\n${summary}` : summary;
  };

  const submit = async (values: ViolationForm) => {
    setError(null);
    const body = {
      type: 'violation',
      subject:
        values.subjectKind === 'person'
          ? { kind: 'person' as const, personId: values.personId! }
          : { kind: 'unit' as const, unitId: values.unitId! },
      data: {
        category: values.category,
        occurredOn: values.occurredOn.format(ISO),
        summary: summaryOf(values),
      },
    };
    const text = JSON.stringify(body);
    if (attempt.current?.body !== text) attempt.current = { body: text, key: crypto.randomUUID() };
    setBusy(true);
    try {
      const view = await nominationApi.openCase(body, attempt.current.key);
      attempt.current = null;
      void message.success(t.created);
      navigate(`/cases/${view.id}`);
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
            <Radio.Group
              aria-label={t.category}
              options={[
                { value: 'traffic', label: t.categoryTraffic },
                { value: 'other', label: t.categoryOther },
              ]}
            />
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
          <Form.Item label={t.source} name="source" extra={t.sourceHelp}>
            <Input maxLength={SOURCE_MAX} placeholder={t.sourcePlaceholder} />
          </Form.Item>
          <Form.Item
            label={t.summary}
            name="summary"
            extra={t.summaryHelp}
            dependencies={['source']}
            rules={[
              { required: true, whitespace: true, message: t.summaryRequired },
              { min: SUMMARY_MIN, message: fill(t.summaryTooShort, { min: SUMMARY_MIN }) },
              ({ getFieldValue }) => ({
                validator: (_, value?: string) =>
                  summaryOf({ source: getFieldValue('source'), summary: value ?? '' }).length >
                  SUMMARY_MAX
                    ? Promise.reject(new Error(fill(t.summaryTooLong, { max: SUMMARY_MAX })))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input.TextArea rows={6} maxLength={SUMMARY_MAX} showCount />
          </Form.Item>
          <ProblemAlert error={error} />
          <Space>
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
