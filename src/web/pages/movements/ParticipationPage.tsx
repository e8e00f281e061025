import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageTitle } from '../../app/AppShell';
import { StatusTag } from '../../components/case/StatusTag';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLoad } from '../../components/useLoad';
import { formatLegalDate } from '../../i18n/format';
import { useLocalize, useMessages } from '../../i18n/language';
import { PlanFilePicker } from './AcknowledgePage';
import { movementApi, type MovementView, type ParticipationContext } from './api';
import { movementsMessages } from './movements.messages';

const DATE_FORMAT = 'DD/MM/YYYY';

/** The review the movement is in now, if any: the phase a report is for. */
function phaseOf(movement: MovementView | undefined): 'midterm' | 'final' | null {
  if (movement?.tags.includes('results_midterm')) return 'midterm';
  if (movement?.tags.includes('results_final')) return 'final';
  return null;
}

/**
 * `/movements/:id/participations/:participationId`: a unit's participation: its acknowledgement,
 * its plans (upload another), and the results report for the review the movement is in.
 */
export function ParticipationPage() {
  const { id = '', participationId = '' } = useParams();
  const t = useMessages(movementsMessages);
  const localize = useLocalize();
  const { message } = App.useApp();
  const movement = useLoad((signal) => movementApi.get(id, signal), `movement-${id}`);
  const participation = useLoad(
    (signal) => movementApi.participationCase(participationId, signal),
    `participation-case-${participationId}`,
  );
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const p = participation.data;
  const context = (p?.context ?? {}) as ParticipationContext;
  const mayAct = (type: string) => p?.allowedEvents.some((e) => e.type === type) ?? false;

  const upload = async () => {
    if (!file) return;
    setUploading(true);
    setError(null);
    try {
      await movementApi.uploadPlan(participationId, file);
      void message.success(t.planUploaded);
      setFile(null);
      participation.reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setUploading(false);
    }
  };

  return (
    <>
      <PageTitle>{t.participationCase}</PageTitle>
      <Link to={`/movements/${id}`}>{movement.data?.title ?? t.details}</Link>
      <ProblemAlert error={error ?? participation.error ?? movement.error} />
      {p && (
        <Card title={p.subject.name} style={{ margin: '16px 0 24px' }}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t.state}>
              <StatusTag tone={p.closed ? 'gray' : 'blue'}>{localize(p.stateLabel)}</StatusTag>
            </Descriptions.Item>
            <Descriptions.Item label={t.acknowledgedOn}>
              {formatLegalDate(String(p.data.acknowledgedOn))}
            </Descriptions.Item>
            <Descriptions.Item label={t.planSummary}>
              {typeof p.data.planSummary === 'string' ? p.data.planSummary : t.none}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t.plans}
          </Typography.Title>
          <List
            size="small"
            dataSource={context.plans ?? []}
            locale={{ emptyText: <Typography.Text>{t.notYet}</Typography.Text> }}
            renderItem={(plan) => (
              <List.Item>
                <a href={`/api/v1/cases/${participationId}/documents/${plan.id}`}>
                  {plan.fileName}
                </a>
              </List.Item>
            )}
          />
          {mayAct('ATTACH_PLAN') && (
            <Flex gap={8} align="center" wrap style={{ marginTop: 12 }}>
              <PlanFilePicker file={file} onChange={setFile} />
              <Button type="primary" disabled={!file} loading={uploading} onClick={upload}>
                {t.uploadPlan}
              </Button>
            </Flex>
          )}
        </Card>
      )}
      {p && movement.data && (
        <ResultsForm
          movement={movement.data}
          participationId={participationId}
          version={p.version}
          context={context}
          allowed={mayAct('REPORT_RESULTS')}
          onDone={participation.reload}
        />
      )}
    </>
  );
}

interface ResultsFormValues {
  reportedOn?: Dayjs;
  results?: Record<string, { score?: number | null; text?: string }>;
}

/** The report for the review the movement is in, one line per criterion of the movement. */
function ResultsForm({
  movement,
  participationId,
  version,
  context,
  allowed,
  onDone,
}: {
  movement: MovementView;
  participationId: string;
  version: number;
  context: ParticipationContext;
  allowed: boolean;
  onDone: () => void;
}) {
  const t = useMessages(movementsMessages);
  const localize = useLocalize();
  const { message } = App.useApp();
  const criteria = useLoad((signal) => movementApi.criteria(signal), 'emulation-criteria');
  const [form] = Form.useForm<ResultsFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const phase = phaseOf(movement);
  const nameOf = (code: string) => {
    const found = criteria.data?.items.find((c) => c.code === code);
    return found ? localize(found.name) : code;
  };
  const earlier = phase === null ? undefined : context.results?.[phase];

  const submit = async (values: ResultsFormValues) => {
    const results = movement.criteria
      .map(({ code }) => {
        const line = values.results?.[code];
        return {
          criterionCode: code,
          ...(typeof line?.score === 'number' ? { score: line.score } : {}),
          text: line?.text?.trim() ?? '',
        };
      })
      .filter((line) => line.text.length > 0);
    setBusy(true);
    setError(null);
    try {
      await movementApi.sendEvent(
        participationId,
        'REPORT_RESULTS',
        {
          phase,
          results,
          ...(values.reportedOn ? { reportedOn: values.reportedOn.format('YYYY-MM-DD') } : {}),
        },
        version,
      );
      void message.success(t.resultsDone);
      onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t.resultsTitle}>
      <Typography.Paragraph type="secondary">{t.resultsIntro}</Typography.Paragraph>
      <ProblemAlert error={error ?? criteria.error} />
      {phase === null || !allowed ? (
        <Typography.Paragraph>{t.noPhaseOpen}</Typography.Paragraph>
      ) : (
        <Form<ResultsFormValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            results: Object.fromEntries((earlier?.results ?? []).map((r) => [r.criterionCode, r])),
          }}
        >
          <Typography.Paragraph strong>{`${t.phase}: ${t[`phase_${phase}`]}`}</Typography.Paragraph>
          <Form.Item label={t.reportedOn} name="reportedOn">
            <DatePicker format={DATE_FORMAT} placeholder={t.datePlaceholder} />
          </Form.Item>
          {movement.criteria.map(({ code }) => (
            <Card key={code} size="small" title={nameOf(code)} style={{ marginBottom: 12 }}>
              <Form.Item
                label={t.resultText}
                name={['results', code, 'text']}
                rules={[{ required: true, whitespace: true, message: t.resultTextRequired }]}
              >
                <Input.TextArea maxLength={4000} autoSize={{ minRows: 2 }} />
              </Form.Item>
              <Form.Item label={t.score} name={['results', code, 'score']}>
                <InputNumber min={0} max={100} />
              </Form.Item>
            </Card>
          ))}
          <Button type="primary" htmlType="submit" loading={busy}>
            {t.submitResults}
          </Button>
        </Form>
      )}
    </Card>
  );
}
