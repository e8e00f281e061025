const UTC_PLUS_7_MS = 7 * 60 * 60 * 1000;

/** The calendar day (YYYY-MM-DD) in Vietnam: UTC+7 all year, no daylight saving. */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + UTC_PLUS_7_MS).toISOString().slice(0, 10);
}
