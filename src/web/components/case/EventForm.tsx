import { Checkbox, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { FormInstance, FormItemProps } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { fill, useLanguage, useMessages, type Language } from '../../i18n/language';
import { todayInVietnam } from '../../i18n/format';
import type { JsonSchema, LegalDateRule } from './caseApi';
import { caseMessages } from './case.messages';
import {
  buildPayload,
  mapFieldErrors,
  NONE_KEY,
  schemaToFields,
  type FieldDescriptor,
  type FieldOption,
} from './eventSchema';
import './case.css';
import { useAnyLabel, useCodeLabel } from './labels';
import { foldedSearch } from '../../i18n/fold';

export const DATE_FORMAT = 'DD/MM/YYYY';

type Values = Record<string, unknown>;

export interface EventFormProps {
  /** The event's payload schema: GET /workflows/:id/versions/:v → events[type].payloadSchema. */
  schema: JsonSchema | null | undefined;
  /** The event's legal dates (events[type].legalDates): their labels and "not before" rules. */
  legalDates?: Record<string, LegalDateRule>;
  /** The form instance (`Form.useForm()`), so the caller can submit it from a modal's button. */
  form: FormInstance;
  /** Called with the payload built from valid values (dates YYYY-MM-DD, empty optionals left out). */
  onSubmit: (payload: Record<string, unknown>) => void;
  /**
   * Choices for a free-text field the schema only constrains by pattern (`discipline.form`), e.g.
   * from the rule set; given the form's current values, so one field's choices may follow another.
   */
  optionsFor?: (name: string, values: Values) => FieldOption[] | undefined;
  /** The id of the <form> element (a button elsewhere can submit it with `form={id}`). */
  id?: string;
  disabled?: boolean;
}

/**
 * A form generated from an event's payload schema: every property a labelled field, required
 * ones marked, nested objects as groups, enums as selects, `format: date` as a DatePicker
 * (DD/MM/YYYY shown, YYYY-MM-DD sent). Submitting builds the payload with `buildPayload`.
 */
export function EventForm({
  schema,
  legalDates,
  form,
  onSubmit,
  optionsFor,
  id,
  disabled,
}: EventFormProps) {
  const fields = useMemo(() => schemaToFields(schema, legalDates), [schema, legalDates]);
  const values = Form.useWatch((all: Values) => all, form) ?? {};
  return (
    <Form
      form={form}
      id={id}
      layout="vertical"
      disabled={disabled}
      onFinish={(submitted: Values) => onSubmit(buildPayload(fields, submitted))}
      scrollToFirstError
    >
      <FieldList fields={fields} values={values} optionsFor={optionsFor} />
    </Form>
  );
}

function FieldList({
  fields,
  values,
  optionsFor,
}: {
  fields: FieldDescriptor[];
  values: Values;
  optionsFor?: EventFormProps['optionsFor'];
}) {
  return (
    <>
      {fields.map((field) => (
        <SchemaField key={field.name} field={field} values={values} optionsFor={optionsFor} />
      ))}
    </>
  );
}

function valueAtPath(values: Values, path: string[]): unknown {
  let node: unknown = values;
  for (const name of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Values)[name];
  }
  return node;
}

function SchemaField({
  field,
  values,
  optionsFor,
}: {
  field: FieldDescriptor;
  values: Values;
  optionsFor?: EventFormProps['optionsFor'];
}) {
  const t = useMessages(caseMessages);
  const { language } = useLanguage();
  const codeLabel = useCodeLabel();
  const anyLabel = useAnyLabel();
  const label = field.label ? anyLabel(field.label) : codeLabel('field', field.key);
  const noneName = [...field.path.slice(0, -1), `${field.key}${NONE_KEY}`];
  const isNone = field.nullable && valueAtPath(values, noneName) === true;
  const none = field.nullable ? (
    <Form.Item name={noneName} valuePropName="checked" style={{ marginBottom: 8 }}>
      <Checkbox>{fill(t.formNone, { field: lowerFirst(label) })}</Checkbox>
    </Form.Item>
  ) : null;

  if (field.kind === 'object') {
    return (
      <fieldset className="case-event-group">
        <legend>
          {label}
          {field.required && !field.nullable ? <RequiredMark /> : null}
        </legend>
        {none}
        {isNone ? null : (
          <FieldList fields={field.children ?? []} values={values} optionsFor={optionsFor} />
        )}
      </fieldset>
    );
  }

  const choices = optionsFor?.(field.name, values) ?? field.options;
  const item: FormItemProps = {
    name: field.path,
    label,
    required: field.required && !isNone,
    rules: isNone
      ? []
      : rulesFor(field, language === 'vi' ? lowerFirst(label) : label, t, choices !== undefined),
    extra: helpFor(field, t),
  };
  if (isNone) return none;

  let control: ReactNode;
  if (choices) {
    control = (
      <Select
        allowClear={!field.required}
        showSearch={foldedSearch()}
        placeholder={t.formChoose}
        options={choices.map((option) => ({
          value: option.value,
          label: anyLabel(option.label) || codeLabel('enum', String(option.value)),
        }))}
      />
    );
  } else {
    switch (field.kind) {
      case 'textarea':
        control = (
          <Input.TextArea
            rows={field.maxLength !== undefined && field.maxLength <= 500 ? 3 : 5}
            maxLength={field.maxLength}
            showCount={field.maxLength !== undefined}
          />
        );
        break;
      case 'date':
        control = (
          <DatePicker
            format={DATE_FORMAT}
            placeholder={t.formDatePlaceholder}
            style={{ width: '100%', maxWidth: 240 }}
            disabledDate={
              field.legalDate
                ? (day: Dayjs) => day.format('YYYY-MM-DD') > todayInVietnam()
                : undefined
            }
          />
        );
        break;
      case 'integer':
      case 'number':
        control = (
          <InputNumber
            min={field.minimum}
            max={field.maximum}
            precision={field.kind === 'integer' ? 0 : undefined}
            style={{ width: '100%', maxWidth: 240 }}
          />
        );
        break;
      case 'boolean':
        item.valuePropName = 'checked';
        control = <Checkbox>{label}</Checkbox>;
        break;
      case 'stringList':
        control = <Input.TextArea rows={4} />;
        item.extra = t.formOnePerLine;
        break;
      case 'unsupported':
        control = <Input.TextArea rows={4} spellCheck={false} />;
        item.extra = t.formJson;
        break;
      default:
        control = <Input maxLength={field.maxLength} />;
    }
  }

  return (
    <>
      {none}
      <Form.Item {...item}>{control}</Form.Item>
    </>
  );
}

/** "Người ký" → "người ký", to sit inside a sentence ("Nhập người ký"). */
function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase() + text.slice(1);
}

function RequiredMark() {
  const t = useMessages(caseMessages);
  return (
    <>
      <span aria-hidden="true" style={{ color: '#cf1322', marginInlineStart: 4 }}>
        *
      </span>
      <span className="case-sr-only"> ({t.formRequired})</span>
    </>
  );
}

type Text = Record<keyof typeof caseMessages.vi, string>;

function rulesFor(field: FieldDescriptor, label: string, t: Text, choice: boolean): Rule[] {
  const rules: Rule[] = [];
  if (field.required) {
    rules.push({
      required: true,
      whitespace: field.kind === 'text' || field.kind === 'textarea',
      message: fill(choice || field.kind === 'date' ? t.formChooseField : t.formEnterField, {
        field: label,
      }),
    });
  }
  if (field.kind === 'text' || field.kind === 'textarea') {
    if (field.minLength !== undefined) {
      rules.push({
        min: field.minLength,
        transform: (value: unknown) => (typeof value === 'string' ? value.trim() : value),
        message: fill(t.formMinLength, { n: field.minLength }),
      });
    }
    if (field.maxLength !== undefined) {
      rules.push({ max: field.maxLength, message: fill(t.formMaxLength, { n: field.maxLength }) });
    }
    if (field.pattern !== undefined && !choice) {
      rules.push({ pattern: new RegExp(field.pattern, 'u'), message: t.formPattern });
    }
  }
  if (field.kind === 'date' && field.legalDate) {
    rules.push({
      validator: (_, value: Dayjs | null | undefined) =>
        value && value.format('YYYY-MM-DD') > todayInVietnam()
          ? Promise.reject(new Error(t.formNotInFuture))
          : Promise.resolve(),
    });
  }
  if (field.kind === 'unsupported') {
    rules.push({
      validator: (_, value: unknown) => {
        if (typeof value !== 'string' || value.trim() === '') return Promise.resolve();
        try {
          JSON.parse(value);
          return Promise.resolve();
        } catch {
          return Promise.reject(new Error(t.formJsonInvalid));
        }
      },
    });
  }
  return rules;
}

function helpFor(field: FieldDescriptor, t: Text): ReactNode {
  const notes: string[] = [];
  if (field.kind === 'text' || field.kind === 'textarea') {
    if (field.minLength !== undefined && field.maxLength !== undefined) {
      notes.push(fill(t.formLengthRange, { min: field.minLength, max: field.maxLength }));
    } else if (field.minLength !== undefined) {
      notes.push(fill(t.formMinLength, { n: field.minLength }));
    }
  }
  if ((field.kind === 'integer' || field.kind === 'number') && field.minimum !== undefined) {
    notes.push(fill(t.formNumberRange, { min: field.minimum, max: field.maximum ?? '…' }));
  }
  if (field.legalDate) {
    if (!field.required) notes.push(t.formLegalDateToday);
    notes.push(t.formNotInFuture);
  }
  return notes.length > 0 ? notes.join(' ') : undefined;
}

/** The initial values of a form for a payload (e.g. to edit a recorded one): dates as dayjs. */
export function initialValuesFor(
  schema: JsonSchema | null | undefined,
  payload: Record<string, unknown>,
  legalDates?: Record<string, LegalDateRule>,
): Values {
  const walk = (fields: FieldDescriptor[], source: Values): Values => {
    const out: Values = {};
    for (const field of fields) {
      const value = source[field.key];
      if (value === null && field.nullable) out[`${field.key}${NONE_KEY}`] = true;
      else if (field.kind === 'object' && typeof value === 'object' && value !== null) {
        out[field.key] = walk(field.children ?? [], value as Values);
      } else if (field.kind === 'date' && typeof value === 'string') out[field.key] = dayjs(value);
      else if (value !== undefined) out[field.key] = value;
    }
    return out;
  };
  return walk(schemaToFields(schema, legalDates), payload);
}

/**
 * Puts a refused request's field errors (problem+json `errors[]`) on the form's fields and
 * returns the messages no field of the form can show (they go above the form).
 */
export function showProblemOnForm(
  form: FormInstance,
  schema: JsonSchema | null | undefined,
  legalDates: Record<string, LegalDateRule> | undefined,
  error: unknown,
  language: Language,
): string[] {
  if (!(error instanceof ApiError)) return [];
  const fields = schemaToFields(schema, legalDates);
  const { onFields, unplaced } = mapFieldErrors(fields, error.problem.errors, language);
  form.setFields(
    onFields.map(({ name, errors }) => ({
      name,
      // The server names the field first; the form already shows which field it is.
      errors: errors.map((message) => message.replace(/^payload(\.[\w]+)+:?\s*/, '')),
    })),
  );
  return unplaced;
}
