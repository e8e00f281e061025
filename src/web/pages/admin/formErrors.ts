import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';
import type { Language } from '../../i18n/language';

interface FieldError {
  field: string;
  messages?: string[];
  messagesVi?: string[];
}

/**
 * Puts a refused request's field errors (VALIDATION.FAILED: `errors: [{ field, messages }]`) on
 * the form's own fields, so each message stands under its input. Fields the form does not have
 * are left to the alert above the form, which shows the whole problem.
 */
export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  language: Language,
  fieldNames: readonly string[],
): void {
  if (!(error instanceof ApiError) || !Array.isArray(error.problem.errors)) return;
  const fields = (error.problem.errors as FieldError[])
    .filter((item) => typeof item?.field === 'string' && fieldNames.includes(item.field))
    .map((item) => ({
      name: item.field,
      errors: (language === 'vi' ? (item.messagesVi ?? item.messages) : item.messages) ?? [],
    }));
  if (fields.length > 0) form.setFields(fields);
}
