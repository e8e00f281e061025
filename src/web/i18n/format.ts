import type { Language } from './language';

/** Officials work in Vietnam's time zone, wherever the browser's clock is set. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const LOCALE: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

/** A legal date as the API carries it (YYYY-MM-DD) shown as dd/MM/yyyy; no time zone applies. */
export function formatLegalDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}

/** A server timestamp shown as dd/MM/yyyy HH:mm in Vietnam's time zone. */
export function formatTimestamp(iso: string | null | undefined, language: Language): string {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat(LOCALE[language], {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((item) => item.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}

/** Numbers in Vietnamese notation (1.234,5) whatever the interface language. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat('vi-VN').format(value);
}

/** Today in Vietnam, as a legal date (YYYY-MM-DD). */
export function todayInVietnam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
}
