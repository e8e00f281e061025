import { Alert, App, Button, Modal, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useId, useRef, useState, type ReactNode } from 'react';
import { api, ApiError } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { caseMessages } from '../../components/case/case.messages';
import type { CaseView } from '../../components/case/caseApi';
import type { EventModalProps } from '../../components/case/CaseActions';
import { fill, useLanguage, useLocalize, useMessages, type Localized } from '../../i18n/language';

/** Refusals that mean the case moved on under the user: reload it rather than retry. */
const MOVED_ON = new Set([
  'CASE.STALE_VERSION',
  'CASE.EVENT_NOT_ALLOWED_IN_STATE',
  'CASE.CASE_CLOSED',
]);

/**
 * Sends one event of a case as CaseActions' generic modal does: a fresh Idempotency-Key per
 * attempt, the case reloaded when it moved on meanwhile, field problems put on the form's fields
 * (payload.decision.date → ['decision', 'date']), and the refusal kept to show next to the form.
 */
export function useEventSender(
  { caseView, event, onChanged }: EventModalProps,
  form: FormInstance,
) {
  const t = useMessages(caseMessages);
  const localize = useLocalize();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const key = useRef(crypto.randomUUID());
  const label = localize(event.label);
  const { language } = useLanguage();

  const send = async (payload: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await api.post<CaseView>(
        `/cases/${caseView.id}/events`,
        { type: event.type, payload, expectedVersion: caseView.version },
        { 'Idempotency-Key': key.current },
      );
      void message.success(fill(t.eventDone, { event: label }));
      onChanged(updated);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status > 0) key.current = crypto.randomUUID();
      if (failure instanceof ApiError && MOVED_ON.has(failure.code)) {
        void message.warning({ content: t.staleReloaded, duration: 8 });
        onChanged();
        return;
      }
      if (failure instanceof ApiError) {
        const fields = (failure.problem.errors ?? []).filter((item) =>
          item.field.startsWith('payload.'),
        );
        form.setFields(
          fields.map((item) => ({
            name: item.field.replace(/^payload\./, '').split('.'),
            // The server names the field first; the form already shows which field it is.
            errors: (
              (language === 'vi' ? (item.messagesVi ?? item.messages) : item.messages) ?? []
            ).map((text) => text.replace(/^payload(\.[\w]+)+:?\s*/, '')),
          })),
        );
      }
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { send, busy, error, label };
}

/** The refusal of a guarded event: each rule that refused, in the reader's language. */
export function RefusalAlert({ error, title }: { error: unknown; title: string }) {
  const localize = useLocalize();
  const guards =
    error instanceof ApiError
      ? (error.problem.failedGuards as { name: string; message: Localized }[] | undefined)
      : undefined;
  if (!guards || guards.length === 0) return <ProblemAlert error={error} />;
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      title={title}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {guards.map((guard) => (
            <li key={guard.name}>{localize(guard.message)}</li>
          ))}
        </ul>
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/** The frame of an event's own form: title, the subject, the refusal, and the send button. */
export function EventFrame({
  props,
  sender,
  refusedTitle,
  width = 720,
  children,
}: {
  props: EventModalProps;
  sender: ReturnType<typeof useEventSender>;
  refusedTitle: string;
  width?: number;
  children: (formId: string) => ReactNode;
}) {
  const t = useMessages(caseMessages);
  const formId = useId();
  return (
    <Modal
      open
      title={sender.label}
      onCancel={props.onClose}
      destroyOnHidden
      mask={{ closable: !sender.busy }}
      width={width}
      footer={[
        <Button key="cancel" onClick={props.onClose} disabled={sender.busy}>
          {t.cancel}
        </Button>,
        <Button key="send" type="primary" htmlType="submit" form={formId} loading={sender.busy}>
          {t.eventSend}
        </Button>,
      ]}
    >
      <Typography.Paragraph>
        {fill(t.eventConfirm, { event: sender.label, subject: props.caseView.subject.name })}
      </Typography.Paragraph>
      <RefusalAlert error={sender.error} title={refusedTitle} />
      {children(formId)}
    </Modal>
  );
}
