import { Alert, App, Button, Form, Modal, Space, Typography } from 'antd';
import { useId, useMemo, useRef, useState, type ComponentType } from 'react';
import { api, ApiError } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fill, useLanguage, useLocalize, useMessages } from '../../i18n/language';
import type { AllowedEvent, CaseView, EligibilityResult, WorkflowDetail } from './caseApi';
import { caseMessages } from './case.messages';
import { EligibilityReport } from './EligibilityReport';
import { EventForm, showProblemOnForm } from './EventForm';
import { schemaFromGuards, type FieldOption } from './eventSchema';

/** Events no button sends: the document upload sends ATTACH_DOCUMENT (and ATTACH_EVIDENCE) itself. */
export const EVENTS_WITHOUT_BUTTON = ['ATTACH_DOCUMENT', 'ATTACH_EVIDENCE'];

/** Refusals that mean the case moved on under the user: reload it rather than retry. */
const MOVED_ON = new Set([
  'CASE.STALE_VERSION',
  'CASE.EVENT_NOT_ALLOWED_IN_STATE',
  'CASE.CASE_CLOSED',
]);

export interface CaseActionsProps {
  caseView: CaseView;
  /** The case's pinned workflow version (its events' payload schemas and legal dates). */
  workflow: WorkflowDetail | undefined;
  /** After an event was applied (with the updated case) or the case moved on (without). */
  onChanged: (updated?: CaseView) => void;
  /** Choices for pattern-only fields of a payload (see EventFormProps.optionsFor). */
  optionsFor?: (
    eventType: string,
    name: string,
    values: Record<string, unknown>,
  ) => FieldOption[] | undefined;
  /** Events to leave out (default: ATTACH_DOCUMENT, which the upload sends). */
  exclude?: string[];
  /** An event's own form, instead of the one generated from its payload schema. */
  modalFor?: (eventType: string) => ComponentType<EventModalProps> | undefined;
}

/**
 * One button per event the caller may send now (the case's `allowedEvents`), each opening a
 * form generated from the event's payload schema. Sends `{ type, payload, expectedVersion }`
 * with a fresh Idempotency-Key per attempt, shows refusals in the reader's language on the
 * form's fields, and reloads the case when it moved on meanwhile (409).
 */
export function CaseActions({
  caseView,
  workflow,
  onChanged,
  optionsFor,
  exclude = EVENTS_WITHOUT_BUTTON,
  modalFor,
}: CaseActionsProps) {
  const t = useMessages(caseMessages);
  const localize = useLocalize();
  const [open, setOpen] = useState<AllowedEvent | null>(null);
  const events = caseView.allowedEvents.filter((event) => !exclude.includes(event.type));
  const OpenModal = (open && modalFor?.(open.type)) || EventModal;

  if (events.length === 0) {
    return caseView.closed ? null : (
      <Typography.Text type="secondary">{t.noActions}</Typography.Text>
    );
  }
  return (
    <>
      <Space wrap role="group" aria-label={t.actionsLabel}>
        {events.map((event, index) => (
          <Button
            key={event.type}
            type={index === 0 ? 'primary' : 'default'}
            onClick={() => setOpen(event)}
            disabled={workflow === undefined}
          >
            {localize(event.label)}
          </Button>
        ))}
      </Space>
      {open && workflow && (
        <OpenModal
          key={open.type}
          caseView={caseView}
          event={open}
          workflow={workflow}
          onClose={() => setOpen(null)}
          onChanged={(updated) => {
            setOpen(null);
            onChanged(updated);
          }}
          optionsFor={
            optionsFor ? (name, values) => optionsFor(open.type, name, values) : undefined
          }
        />
      )}
    </>
  );
}

export interface EventModalProps {
  caseView: CaseView;
  event: AllowedEvent;
  workflow: WorkflowDetail;
  onClose: () => void;
  onChanged: (updated?: CaseView) => void;
  optionsFor?: (name: string, values: Record<string, unknown>) => FieldOption[] | undefined;
}

/** The modal of one event: its generated form, or a confirmation when it carries nothing. */
export function EventModal({
  caseView,
  event,
  workflow,
  onClose,
  onChanged,
  optionsFor,
}: EventModalProps) {
  const t = useMessages(caseMessages);
  const localize = useLocalize();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const formId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  // One key per user action: a double click or a retry after a lost answer is applied once. A
  // refusal changed nothing, so the next attempt (with other values) is a new action.
  const idempotencyKey = useRef(crypto.randomUUID());

  const spec = workflow.events.find((candidate) => candidate.type === event.type);
  // A version before payload schemas: the form asks for what the event's guards read.
  const schema = useMemo(() => {
    if (spec?.payloadSchema) return spec.payloadSchema;
    const state = workflow.states.find((candidate) => candidate.name === caseView.state);
    const guards = (state?.transitions ?? [])
      .filter((transition) => transition.event === event.type)
      .flatMap((transition) => transition.guards.map((guard) => guard.name));
    return schemaFromGuards(guards);
  }, [spec, workflow, caseView.state, event.type]);
  const hasFields = Object.keys(schema?.properties ?? {}).length > 0;
  const label = localize(event.label);

  const send = async (payload: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    setUnplaced([]);
    try {
      const updated = await api.post<CaseView>(
        `/cases/${caseView.id}/events`,
        { type: event.type, payload, expectedVersion: caseView.version },
        { 'Idempotency-Key': idempotencyKey.current },
      );
      void message.success(fill(t.eventDone, { event: label }));
      onChanged(updated);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status > 0) {
        idempotencyKey.current = crypto.randomUUID();
      }
      if (failure instanceof ApiError && MOVED_ON.has(failure.code)) {
        void message.warning({ content: t.staleReloaded, duration: 8 });
        onChanged();
        return;
      }
      // Field problems go on their fields; the alert names the refusal and what no field shows.
      setUnplaced(showProblemOnForm(form, schema, spec?.legalDates, failure, language));
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const eligibility =
    error instanceof ApiError
      ? (error.problem.eligibility as EligibilityResult | undefined)
      : undefined;

  return (
    <Modal
      open
      title={label}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: !busy }}
      width={eligibility?.lines ? 880 : hasFields ? 640 : 480}
      footer={[
        <Button key="cancel" onClick={onClose} disabled={busy}>
          {t.cancel}
        </Button>,
        <Button key="send" type="primary" htmlType="submit" form={formId} loading={busy}>
          {t.eventSend}
        </Button>,
      ]}
    >
      <Typography.Paragraph>
        {fill(t.eventConfirm, { event: label, subject: caseView.subject.name })}
      </Typography.Paragraph>
      <RefusalAlert error={error} unplaced={unplaced} />
      {eligibility && eligibility.lines ? (
        <EligibilityReport result={eligibility} title={t.refusedEligibility} compact />
      ) : null}
      {!hasFields && (
        <Typography.Paragraph type="secondary">{t.eventNoFields}</Typography.Paragraph>
      )}
      <EventForm
        id={formId}
        schema={schema}
        legalDates={spec?.legalDates}
        form={form}
        onSubmit={(payload) => void send(payload)}
        optionsFor={optionsFor}
        disabled={busy}
      />
    </Modal>
  );
}

/**
 * A refusal in the reader's language: the server's detail, then the field problems no field of
 * the form could show (those it could are on their fields already).
 */
function RefusalAlert({ error, unplaced }: { error: unknown; unplaced: string[] }) {
  const { language } = useLanguage();
  if (!(error instanceof ApiError) || !error.problem.errors?.length)
    return <ProblemAlert error={error} />;
  const { detail, detailVi } = error.problem;
  const head = language === 'vi' ? (detailVi ?? detail) : detail;
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      title={<span style={{ whiteSpace: 'pre-line' }}>{[head, ...unplaced].join('\n')}</span>}
      style={{ marginBottom: 16 }}
    />
  );
}
