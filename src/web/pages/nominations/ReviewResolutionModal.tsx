import { Alert, Form, Input, Radio, Skeleton, Typography } from 'antd';
import type { ComponentType } from 'react';
import { EventModal, type EventModalProps } from '../../components/case/CaseActions';
import type { CaseView } from '../../components/case/caseApi';
import { useLoad } from '../../components/useLoad';
import { fill, useLocalize, useMessages } from '../../i18n/language';
import { EventFrame, useEventSender } from '../discipline/EventSender';
import { nominationApi } from './api';
import { reviewMessages } from './review.messages';

/** The limits of payload.reviewResolutions[].evidence (workflows/nomination.v7.json). */
const EVIDENCE_MIN = 5;
const EVIDENCE_MAX = 2000;

/** The events that resolve the lines left for review (nomination v7 on). */
const RESOLVING_EVENTS = ['MARK_VERIFIED', 'APPROVE'];

interface ResolutionValues {
  reviewResolutions?: { outcome?: 'pass' | 'fail'; evidence?: string }[];
}

/**
 * The form a nomination's MARK_VERIFIED and APPROVE open (v7 on): every eligibility line still
 * needing review, each to be resolved as met or not met with the evidence the official relied on.
 * The lines are the ones the sender would be judged by now (GET /cases/:id/eligibility).
 */
export function ReviewResolutionModal(props: EventModalProps) {
  const spec = props.workflow.events.find((event) => event.type === props.event.type);
  const resolves = Boolean(spec?.payloadSchema?.properties?.reviewResolutions);
  return resolves ? <ResolutionForm {...props} /> : <EventModal {...props} />;
}

function ResolutionForm(props: EventModalProps) {
  const t = useMessages(reviewMessages);
  const localize = useLocalize();
  const [form] = Form.useForm<ResolutionValues>();
  const sender = useEventSender(props, form);
  const report = useLoad(
    (signal) => nominationApi.eligibility(props.caseView.id, signal),
    `eligibility:${props.caseView.id}:${props.caseView.version}`,
  );
  const lines = (report.data?.lines ?? []).filter((line) => line.outcome === 'needs_review');
  // One resolution per rule code, as the server names the lines.
  const rules = [...new Set(lines.map((line) => line.rule))];

  return (
    <EventFrame props={props} sender={sender} refusedTitle={t.refused} width={800}>
      {(formId) => (
        <Form<ResolutionValues>
          form={form}
          id={formId}
          layout="vertical"
          disabled={sender.busy}
          onFinish={(values) =>
            void sender.send(
              rules.length === 0
                ? {}
                : {
                    reviewResolutions: rules.map((line, index) => ({
                      line,
                      outcome: values.reviewResolutions?.[index]?.outcome ?? 'pass',
                      evidence: values.reviewResolutions?.[index]?.evidence?.trim() ?? '',
                    })),
                  },
            )
          }
        >
          {report.loading && !report.data ? (
            <Skeleton active paragraph={{ rows: 3 }} />
          ) : report.error ? (
            <Alert type="warning" showIcon title={t.linesUnavailable} />
          ) : rules.length === 0 ? (
            <Alert type="success" showIcon title={t.nothingToResolve} />
          ) : (
            <>
              <Typography.Paragraph>
                {fill(t.intro, { count: String(rules.length) })}
              </Typography.Paragraph>
              {rules.map((rule, index) => {
                const line = lines.find((candidate) => candidate.rule === rule)!;
                return (
                  <fieldset
                    key={rule}
                    style={{
                      border: '1px solid #d9d9d9',
                      borderRadius: 8,
                      padding: '8px 16px',
                      marginBottom: 16,
                    }}
                  >
                    <legend style={{ fontSize: 14, padding: '0 4px', width: 'auto' }}>
                      {localize(line.reason)}
                    </legend>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fill(t.lineCode, { code: rule })}
                    </Typography.Text>
                    <Form.Item
                      name={['reviewResolutions', index, 'outcome']}
                      label={t.outcome}
                      initialValue="pass"
                      rules={[{ required: true, message: t.outcomeRequired }]}
                    >
                      <Radio.Group
                        options={[
                          { value: 'pass', label: t.pass },
                          { value: 'fail', label: t.fail },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item
                      name={['reviewResolutions', index, 'evidence']}
                      label={t.evidence}
                      extra={t.evidenceHelp}
                      rules={[
                        { required: true, whitespace: true, message: t.evidenceRequired },
                        {
                          validator: (_, value?: string) => {
                            const length = value?.trim().length ?? 0;
                            return length === 0 ||
                              (length >= EVIDENCE_MIN && length <= EVIDENCE_MAX)
                              ? Promise.resolve()
                              : Promise.reject(
                                  new Error(
                                    fill(t.evidenceLength, {
                                      min: String(EVIDENCE_MIN),
                                      max: String(EVIDENCE_MAX),
                                    }),
                                  ),
                                );
                          },
                        },
                      ]}
                    >
                      <Input.TextArea rows={2} maxLength={EVIDENCE_MAX} showCount />
                    </Form.Item>
                  </fieldset>
                );
              })}
            </>
          )}
        </Form>
      )}
    </EventFrame>
  );
}

/** The form a nomination's event opens instead of the one generated from its schema. */
export function nominationModalFor(
  caseView: CaseView,
  eventType: string,
): ComponentType<EventModalProps> | undefined {
  return caseView.type === 'nomination' && RESOLVING_EVENTS.includes(eventType)
    ? ReviewResolutionModal
    : undefined;
}
