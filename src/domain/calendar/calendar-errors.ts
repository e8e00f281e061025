import { DomainError, InvalidDataFileError } from '../errors';
import type { Localized } from '../localized';

/** A calendar file that cannot be used: every problem found, and the file it came from. */
export class InvalidCalendarError extends InvalidDataFileError {
  readonly code = 'CALENDAR.INVALID_FILE';

  constructor(source: string, problems: string[]) {
    super(source, problems, 'working-day calendar');
  }
}

/**
 * A working-day computation needed a year the calendar has no holidays for. Counting it as if it
 * had none would silently shorten a legal deadline, so it is refused.
 */
export class CalendarYearNotCoveredError extends DomainError {
  readonly code = 'CALENDAR.YEAR_NOT_COVERED';
  readonly kind = 'unprocessable';
  readonly localized: Localized;

  constructor(
    readonly year: number,
    calendar: { id: string; version: number; source: string; firstYear: number; lastYear: number },
  ) {
    super(
      `No holiday data for ${year} in calendar "${calendar.id}" version ${calendar.version} ` +
        `(${calendar.source} covers ${calendar.firstYear}–${calendar.lastYear}): a working-day ` +
        `deadline cannot be computed without that year's holidays. Add ${year} to the calendar.`,
      {
        year,
        calendarId: calendar.id,
        calendarVersion: calendar.version,
        firstYear: calendar.firstYear,
        lastYear: calendar.lastYear,
      },
    );
    this.localized = {
      vi:
        `Lịch ngày nghỉ "${calendar.id}" (phiên bản ${calendar.version}) chưa có năm ${year} ` +
        `(mới có ${calendar.firstYear}–${calendar.lastYear}), nên không tính được thời hạn theo ` +
        `ngày làm việc. Cần bổ sung năm ${year} vào lịch.`,
      en: this.message,
    };
  }
}

export class InvalidCalendarDateError extends DomainError {
  readonly code = 'CALENDAR.INVALID_DATE';
  readonly kind = 'invalid';

  get localized(): Localized {
    return { vi: `Ngày không hợp lệ: ${this.message}`, en: this.message };
  }
}

export class InvalidWorkingDayCountError extends DomainError {
  readonly code = 'CALENDAR.INVALID_COUNT';
  readonly kind = 'invalid';

  get localized(): Localized {
    return { vi: `Số ngày làm việc không hợp lệ: ${this.message}`, en: this.message };
  }
}
