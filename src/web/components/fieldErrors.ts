import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import type { Language } from '../i18n/language';

/** One entry of a refused request's `errors[]` (problem+json, VALIDATION.FAILED and kin). */
export interface ProblemFieldError {
  field: string;
  messages?: string[];
  messagesVi?: string[];
}

/**
 * Splits a problem's `errors[]` into those a form can show under one of its fields (`placeOn`
 * names that field, as a path, or answers null) and the rest, which the form shows above itself.
 * Messages are in the reader's language.
 */
export function splitFieldErrors(
  errors: unknown,
  language: Language,
  placeOn: (field: string) => string[] | null,
): { onFields: { name: string[]; errors: string[] }[]; unplaced: string[] } {
  const onFields = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const error of Array.isArray(errors) ? (errors as ProblemFieldError[]) : []) {
    if (typeof error?.field !== 'string') continue;
    const messages =
      (language === 'vi' ? (error.messagesVi ?? error.messages) : error.messages) ?? [];
    const path = placeOn(error.field);
    if (path) {
      const name = path.join('.');
      onFields.set(name, [...(onFields.get(name) ?? []), ...messages]);
    } else {
      unplaced.push(...messages.map((message) => `${error.field}: ${message}`));
    }
  }
  return {
    onFields: [...onFields].map(([name, messages]) => ({
      name: name.split('.'),
      errors: messages,
    })),
    unplaced,
  };
}

/**
 * Puts a refused request's field errors on the form's own fields (named as the server names
 * them), so each message stands under its input. Fields the form does not have are left to the
 * alert above the form, which shows the whole problem.
 */
export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  language: Language,
  fieldNames: readonly string[],
): void {
  if (!(error instanceof ApiError)) return;
  const { onFields } = splitFieldErrors(error.problem.errors, language, (field) =>
    fieldNames.includes(field) ? [field] : null,
  );
  if (onFields.length > 0) form.setFields(onFields);
}
