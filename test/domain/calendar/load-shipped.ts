import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  loadCalendar,
  type WorkingDayCalendar,
} from '../../../src/domain/calendar/working-day-calendar';

export const SHIPPED_SOURCE = 'data/calendars/vn-public-holidays.json';

export function shippedText(): string {
  return readFileSync(path.join(__dirname, '..', '..', '..', SHIPPED_SOURCE), 'utf8');
}

/** The calendar file shipped in data/, loaded the way the application loads it. */
export function loadShippedCalendar(): WorkingDayCalendar {
  return loadCalendar({ source: SHIPPED_SOURCE, text: shippedText() });
}

export function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}
