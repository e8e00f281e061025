import { Alert } from 'antd';
import { ApiError } from '../api/client';
import { useLanguage } from '../i18n/language';

/** Shows a failed request's problem in the reader's language (never a stack or a raw code). */
export function ProblemAlert({ error }: { error: unknown }) {
  const { language } = useLanguage();
  if (!error) return null;
  const text =
    error instanceof ApiError
      ? error.describe(language)
      : language === 'vi'
        ? 'Không kết nối được với máy chủ.'
        : 'Could not reach the server.';
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      title={<span style={{ whiteSpace: 'pre-line' }}>{text}</span>}
      style={{ marginBottom: 16 }}
    />
  );
}
