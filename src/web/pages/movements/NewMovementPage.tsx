import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { showFieldErrors } from '../../components/fieldErrors';
import { useLoad } from '../../components/useLoad';
import { useUnits } from '../../components/useUnits';
import { useLanguage, useLocalize, useMessages } from '../../i18n/language';
import { useMe } from '../../session/session';
import { MOVEMENT_TYPES, movementApi, type MovementType, type NewMovement } from './api';
import { LAUNCHER_ROLES } from './MovementsPage';
import { movementsMessages } from './movements.messages';
import { foldedSearch } from '../../i18n/fold';

const DATE_FORMAT = 'DD/MM/YYYY';
const CODE = /^[A-Z0-9][A-Z0-9._/-]{1,39}$/;

interface MovementForm {
  launchingUnitId?: string;
  code?: string;
  title?: string;
  theme?: string;
  type?: MovementType;
  legalBasis?: { citation?: string; sourceId?: string }[];
  leadUnitId?: string;
  coordinatingUnitIds?: string[];
  from?: Dayjs;
  to?: Dayjs;
  participatingUnitId?: string;
  criteria?: string[];
  weights?: Record<string, number | null | undefined>;
  awardsOnOffer?: string[];
  registrationDeadline?: Dayjs;
}

/** `/movements/new`: the launch form; the movement is saved as a draft, launched from its page. */
export function NewMovementPage() {
  const t = useMessages(movementsMessages);
  const localize = useLocalize();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe();
  const units = useUnits();
  const criteria = useLoad((signal) => movementApi.criteria(signal), 'emulation-criteria');
  const awards = useLoad((signal) => movementApi.awards(signal), 'awards');
  const [form] = Form.useForm<MovementForm>();
  const chosenCriteria = Form.useWatch('criteria', form) ?? [];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);

  const launchingUnits = new Set(
    me.grants
      .filter((g) => (LAUNCHER_ROLES as readonly string[]).includes(g.role) && g.unitId !== null)
      .map((g) => g.unitId as string),
  );
  const unitOptions = units.units.map((unit) => ({
    value: unit.id,
    label: `${unit.name} (${unit.code})`,
  }));

  const submit = async (values: MovementForm) => {
    const weights = values.weights ?? {};
    const data: NewMovement = {
      code: values.code!.trim(),
      title: values.title!.trim(),
      ...(values.theme?.trim() ? { theme: values.theme.trim() } : {}),
      type: values.type!,
      legalBasis: (values.legalBasis ?? []).map((basis) => ({
        citation: basis.citation!.trim(),
        ...(basis.sourceId ? { sourceId: basis.sourceId } : {}),
      })),
      leadUnitId: values.leadUnitId!,
      coordinatingUnitIds: values.coordinatingUnitIds ?? [],
      period: {
        from: values.from!.format('YYYY-MM-DD'),
        to: values.to!.format('YYYY-MM-DD'),
      },
      participatingUnitId: values.participatingUnitId!,
      criteria: (values.criteria ?? []).map((code) =>
        typeof weights[code] === 'number' ? { code, weight: weights[code] } : { code },
      ),
      awardsOnOffer: values.awardsOnOffer ?? [],
      registrationDeadline: values.registrationDeadline!.format('YYYY-MM-DD'),
    };
    const body = JSON.stringify([values.launchingUnitId, data]);
    if (attempt.current?.body !== body) attempt.current = { body, key: crypto.randomUUID() };
    setBusy(true);
    setError(null);
    try {
      const created = await movementApi.launch(values.launchingUnitId!, data, attempt.current.key);
      void message.success(t.saved);
      navigate(`/movements/${created.id}`);
    } catch (failure) {
      showFieldErrors(form, failure, language, ['code', 'title', 'theme', 'type']);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle>{t.newTitle}</PageTitle>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 880 }}>
        {t.newIntro}
      </Typography.Paragraph>
      <ProblemAlert error={error ?? units.error ?? criteria.error ?? awards.error} />
      <Form<MovementForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        style={{ maxWidth: 880 }}
        initialValues={{ type: 'thematic', legalBasis: [{}], coordinatingUnitIds: [] }}
      >
        <Form.Item
          label={t.launchingUnit}
          name="launchingUnitId"
          rules={[{ required: true, message: t.launchingUnitRequired }]}
        >
          <Select<string>
            showSearch={foldedSearch()}
            loading={units.loading}
            options={unitOptions.filter((o) => launchingUnits.has(o.value))}
          />
        </Form.Item>
        <Form.Item
          label={t.code}
          name="code"
          extra={t.codeHelp}
          rules={[{ required: true, pattern: CODE, message: t.codeRequired }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          label={t.title}
          name="title"
          rules={[{ required: true, whitespace: true, message: t.titleRequired }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item label={t.theme} name="theme">
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item label={t.type} name="type" rules={[{ required: true, message: t.typeRequired }]}>
          <Select<MovementType>
            options={MOVEMENT_TYPES.map((type) => ({ value: type, label: t[`type_${type}`] }))}
          />
        </Form.Item>
        <Typography.Text strong>{t.legalBasis}</Typography.Text>
        <Form.List name="legalBasis">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start" wrap>
                  <Form.Item
                    label={t.citation}
                    name={[field.name, 'citation']}
                    rules={[{ required: true, whitespace: true, message: t.citationRequired }]}
                    style={{ flex: 2, minWidth: 260 }}
                  >
                    <Input maxLength={500} />
                  </Form.Item>
                  <Form.Item
                    label={t.sourceId}
                    name={[field.name, 'sourceId']}
                    style={{ flex: 1, minWidth: 200 }}
                  >
                    <Input maxLength={63} placeholder="directive_23_ct_tw" />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button
                      aria-label={t.remove}
                      icon={<MinusCircleOutlined aria-hidden />}
                      onClick={() => remove(field.name)}
                      style={{ marginTop: 30 }}
                    />
                  )}
                </Flex>
              ))}
              <Button
                icon={<PlusOutlined aria-hidden />}
                onClick={() => add({})}
                disabled={fields.length >= 20}
                style={{ marginBottom: 24 }}
              >
                {t.addBasis}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item
          label={t.leadUnit}
          name="leadUnitId"
          rules={[{ required: true, message: t.leadUnitRequired }]}
        >
          <Select<string> showSearch={foldedSearch()} options={unitOptions} />
        </Form.Item>
        <Form.Item label={t.coordinatingUnits} name="coordinatingUnitIds">
          <Select<string[]> mode="multiple" showSearch={foldedSearch()} options={unitOptions} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            label={t.periodFrom}
            name="from"
            rules={[{ required: true, message: t.dateRequired }]}
          >
            <DatePicker format={DATE_FORMAT} placeholder={t.datePlaceholder} />
          </Form.Item>
          <Form.Item
            label={t.periodTo}
            name="to"
            rules={[{ required: true, message: t.dateRequired }]}
          >
            <DatePicker format={DATE_FORMAT} placeholder={t.datePlaceholder} />
          </Form.Item>
          <Form.Item
            label={t.registrationDeadline}
            name="registrationDeadline"
            rules={[{ required: true, message: t.dateRequired }]}
          >
            <DatePicker format={DATE_FORMAT} placeholder={t.datePlaceholder} />
          </Form.Item>
        </Flex>
        <Form.Item
          label={t.participatingUnit}
          name="participatingUnitId"
          rules={[{ required: true, message: t.participatingUnitRequired }]}
        >
          <Select<string> showSearch={foldedSearch()} options={unitOptions} />
        </Form.Item>
        <Form.Item
          label={t.criteria}
          name="criteria"
          rules={[{ required: true, type: 'array', min: 1, message: t.criteriaRequired }]}
        >
          <Select<string[]>
            mode="multiple"
            showSearch={foldedSearch()}
            loading={criteria.loading}
            options={(criteria.data?.items ?? []).map((c) => ({
              value: c.code,
              label: c.confirmed ? localize(c.name) : `${localize(c.name)} (${t.notConfirmed})`,
            }))}
          />
        </Form.Item>
        {chosenCriteria.length > 0 && (
          <Card size="small" title={t.weight} style={{ marginBottom: 24 }}>
            <Space direction="vertical">
              {chosenCriteria.map((code) => {
                const criterion = criteria.data?.items.find((c) => c.code === code);
                return (
                  <Form.Item
                    key={code}
                    label={criterion ? localize(criterion.name) : code}
                    name={['weights', code]}
                    initialValue={criterion?.scored}
                    style={{ marginBottom: 8 }}
                  >
                    <InputNumber min={0} max={100} />
                  </Form.Item>
                );
              })}
            </Space>
          </Card>
        )}
        <Form.Item label={t.awardsOnOffer} name="awardsOnOffer">
          <Select<string[]>
            mode="multiple"
            showSearch={foldedSearch()}
            loading={awards.loading}
            options={(awards.data?.items ?? []).map((award) => ({
              value: award.code,
              label: localize(award.name),
            }))}
          />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t.save}
          </Button>
          <Button onClick={() => navigate('/movements')}>{t.cancel}</Button>
        </Flex>
      </Form>
    </>
  );
}
