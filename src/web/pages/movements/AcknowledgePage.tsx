import { UploadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLoad } from '../../components/useLoad';
import { todayInVietnam } from '../../i18n/format';
import { useMessages } from '../../i18n/language';
import { movementApi } from './api';
import { movementsMessages } from './movements.messages';

const DATE_FORMAT = 'DD/MM/YYYY';

interface AcknowledgeForm {
  unitId?: string;
  acknowledgedOn?: Dayjs;
  planSummary?: string;
}

/**
 * `/movements/:id/acknowledge`: a participating unit's leader acknowledges the movement (opens the
 * unit's participation), with a summary of the unit's plan and, if at hand, the plan itself.
 */
export function AcknowledgePage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const t = useMessages(movementsMessages);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const movement = useLoad((signal) => movementApi.get(id, signal), `movement-${id}`);
  const [form] = Form.useForm<AcknowledgeForm>();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const pending = (movement.data?.yourUnits ?? []).filter((u) => u.participationId === null);

  const submit = async (values: AcknowledgeForm) => {
    const data = {
      movementId: id,
      acknowledgedOn: (values.acknowledgedOn ?? dayjs(todayInVietnam())).format('YYYY-MM-DD'),
      ...(values.planSummary?.trim() ? { planSummary: values.planSummary.trim() } : {}),
    };
    const body = JSON.stringify([values.unitId, data]);
    if (attempt.current?.body !== body) attempt.current = { body, key: crypto.randomUUID() };
    setBusy(true);
    setError(null);
    try {
      const opened = await movementApi.acknowledge(values.unitId!, data, attempt.current.key);
      if (file) await movementApi.uploadPlan(opened.id, file);
      void message.success(t.acknowledgedDone);
      navigate(`/movements/${id}/participations/${opened.id}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle>{t.acknowledgeTitle}</PageTitle>
      <Link to={`/movements/${id}`}>{movement.data?.title ?? t.details}</Link>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 880, marginTop: 16 }}>
        {t.acknowledgeIntro}
      </Typography.Paragraph>
      <ProblemAlert error={error ?? movement.error} />
      {movement.data && (
        <Form<AcknowledgeForm>
          form={form}
          layout="vertical"
          onFinish={submit}
          style={{ maxWidth: 720 }}
          initialValues={{
            unitId: params.get('unit') ?? pending[0]?.unit.id,
            acknowledgedOn: dayjs(todayInVietnam()),
          }}
        >
          <Form.Item
            label={t.unit}
            name="unitId"
            rules={[{ required: true, message: t.unitRequired }]}
          >
            <Select<string>
              options={pending.map(({ unit }) => ({ value: unit.id, label: unit.name }))}
            />
          </Form.Item>
          <Form.Item
            label={t.acknowledgedOn}
            name="acknowledgedOn"
            rules={[{ required: true, message: t.dateRequired }]}
          >
            <DatePicker format={DATE_FORMAT} placeholder={t.datePlaceholder} />
          </Form.Item>
          <Form.Item label={t.planSummary} name="planSummary">
            <Input.TextArea maxLength={4000} autoSize={{ minRows: 3 }} />
          </Form.Item>
          <Form.Item label={t.planFile} extra={t.planHelp}>
            <PlanFilePicker file={file} onChange={setFile} />
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t.submitAcknowledge}
            </Button>
            <Button onClick={() => navigate(`/movements/${id}`)}>{t.cancel}</Button>
          </Flex>
        </Form>
      )}
    </>
  );
}

/** A file input for the plan (PDF, PNG or JPEG), labelled, keyboard-reachable. */
export function PlanFilePicker({
  file,
  onChange,
}: {
  file: File | null;
  onChange: (file: File | null) => void;
}) {
  const t = useMessages(movementsMessages);
  const input = useRef<HTMLInputElement>(null);
  return (
    <Flex gap={8} align="center" wrap>
      <input
        ref={input}
        type="file"
        accept="application/pdf,image/png,image/jpeg"
        aria-label={t.planFile}
        style={{ display: 'none' }}
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
      />
      <Button icon={<UploadOutlined aria-hidden />} onClick={() => input.current?.click()}>
        {t.choosePlan}
      </Button>
      {file && <Typography.Text>{file.name}</Typography.Text>}
    </Flex>
  );
}
