import { Alert, Button, Form, Input, Result, Space } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { formatTimestamp } from '../../i18n/format';
import { fill, useLanguage, useMessages } from '../../i18n/language';
import { publicApi, type PublicNotice } from './api';
import { publicMessages, type PublicText } from './public.messages';

const OBJECTION_MIN = 10;
const OBJECTION_MAX = 4000;
const NAME_MAX = 200;

interface ObjectionValues {
  objection: string;
  name?: string;
  contact?: string;
}

/** A problem to show above the form, and whether reloading the list is the way out. */
interface FormProblem {
  text: string;
  gone?: boolean;
}

/**
 * The objection form of one notice (POST /public/notices/:id/objections, 202). The server's rules
 * (ObjectionDto: objection 10–4000 characters, name and contact at most 200) are checked here
 * first, so a 400 is rare; when it comes, its fields are marked in the reader's language.
 */
export function ObjectionForm({
  notice,
  onCancel,
  onGone,
  onReceived,
}: {
  notice: PublicNotice;
  onCancel: () => void;
  onGone: () => void;
  /** The server took the objection: the notice is now on hold. */
  onReceived: () => void;
}) {
  const t = useMessages(publicMessages);
  const { language } = useLanguage();
  const [form] = Form.useForm<ObjectionValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [receivedAt, setReceivedAt] = useState<string | null>(null);
  const confirmation = useRef<HTMLDivElement>(null);
  // One key per objection as sent: a retry of the same text repeats it safely, an edit is new.
  const attempt = useRef<{ sent: string; key: string } | null>(null);

  useEffect(() => {
    if (receivedAt) confirmation.current?.focus();
  }, [receivedAt]);

  const submit = async (values: ObjectionValues) => {
    setBusy(true);
    setProblem(null);
    try {
      const input = {
        objection: values.objection.trim(),
        ...(values.name?.trim() ? { name: values.name.trim() } : {}),
        ...(values.contact?.trim() ? { contact: values.contact.trim() } : {}),
      };
      const sent = JSON.stringify(input);
      if (attempt.current?.sent !== sent) attempt.current = { sent, key: randomKey() };
      await publicApi.object(notice.caseId, input, attempt.current.key);
      setReceivedAt(new Date().toISOString());
      onReceived();
    } catch (failure) {
      setProblem(describeFailure(failure, t, language, form));
    } finally {
      setBusy(false);
    }
  };

  if (receivedAt) {
    return (
      <div ref={confirmation} tabIndex={-1} role="status" style={{ outline: 'none' }}>
        <Result
          status="success"
          title={<h3 style={{ fontSize: 20, margin: 0 }}>{t.receivedTitle}</h3>}
          subTitle={
            <>
              <p style={{ margin: '0 0 4px' }}>{t.receivedText}</p>
              <p style={{ margin: 0 }}>
                {fill(t.receivedAt, { at: formatTimestamp(receivedAt, language) })}
              </p>
            </>
          }
          style={{ padding: '16px 0' }}
        />
      </div>
    );
  }

  return (
    <Form<ObjectionValues>
      form={form}
      name={`objection-${notice.caseId}`}
      layout="vertical"
      onFinish={submit}
      requiredMark={false}
      aria-label={fill(t.formLabel, { name: notice.nominee.name })}
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problem.text}
          style={{ marginBottom: 16 }}
          action={
            problem.gone ? (
              <Button size="small" onClick={onGone}>
                {t.reloadList}
              </Button>
            ) : undefined
          }
        />
      )}
      <Form.Item
        label={t.objection}
        name="objection"
        extra={t.objectionHelp}
        rules={[
          {
            validator: (_, value: string | undefined) => {
              const length = (value ?? '').trim().length;
              if (length === 0) return Promise.reject(new Error(t.objectionRequired));
              if (length < OBJECTION_MIN) return Promise.reject(new Error(t.objectionTooShort));
              if (length > OBJECTION_MAX) return Promise.reject(new Error(t.objectionTooLong));
              return Promise.resolve();
            },
          },
        ]}
      >
        <Input.TextArea autoFocus rows={5} maxLength={OBJECTION_MAX} showCount />
      </Form.Item>
      <Alert type="info" showIcon title={t.identityNotice} style={{ marginBottom: 16 }} />
      <Form.Item label={t.name} name="name" rules={[{ max: NAME_MAX, message: t.nameTooLong }]}>
        <Input autoComplete="name" maxLength={NAME_MAX} />
      </Form.Item>
      <Form.Item
        label={t.contact}
        name="contact"
        extra={t.contactHelp}
        rules={[{ max: NAME_MAX, message: t.contactTooLong }]}
      >
        <Input maxLength={NAME_MAX} />
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t.send}
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          {t.cancel}
        </Button>
      </Space>
    </Form>
  );
}

/** 128 random bits in hex (crypto.randomUUID needs a secure context; offices may serve http). */
function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

type ObjectionField = keyof ObjectionValues;

/** The reader's words for a refusal: field errors on their fields, the rest above the form. */
function describeFailure(
  failure: unknown,
  t: PublicText,
  language: 'vi' | 'en',
  form: FormInstance<ObjectionValues>,
): FormProblem {
  if (!(failure instanceof ApiError) || failure.status === 0) return { text: t.errorNetwork };
  const { status, problem } = failure;
  if (status === 429) return { text: t.errorTooMany };
  if (status === 400 && problem.errors?.length) {
    const own: Record<ObjectionField, (value: string) => string> = {
      objection: (value) =>
        value.trim().length < OBJECTION_MIN ? t.objectionTooShort : t.objectionTooLong,
      name: () => t.nameTooLong,
      contact: () => t.contactTooLong,
    };
    const unknown: string[] = [];
    for (const error of problem.errors) {
      const field = error.field as ObjectionField;
      if (field in own) {
        const value = String(form.getFieldValue(field) ?? '');
        form.setFields([{ name: field, errors: [own[field](value)] }]);
      } else {
        const english = error.messages ?? (error.message === undefined ? [] : [error.message]);
        const vietnamese =
          error.messagesVi ?? (error.messageVi === undefined ? english : [error.messageVi]);
        unknown.push((language === 'vi' ? vietnamese : english).join('; '));
      }
    }
    return { text: [t.errorInvalid, ...unknown].join(' ') };
  }
  // The notice closed, moved on, or is not on the list (any more).
  if (status === 404 || status === 409 || status === 422) return { text: t.errorGone, gone: true };
  if (status >= 500) return { text: t.errorServer };
  return { text: failure.describe(language) };
}
