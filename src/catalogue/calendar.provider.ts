import { readFileSync } from 'node:fs';
import type { Provider } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { loadCalendar } from '../domain/calendar/working-day-calendar';

export const WORKING_DAY_CALENDAR = Symbol('WorkingDayCalendar');

/** The working-day calendar (public holidays as data), validated at start-up. */
export const workingDayCalendarProvider: Provider = {
  provide: WORKING_DAY_CALENDAR,
  inject: [AppConfig],
  useFactory: (config: AppConfig) =>
    loadCalendar({ source: config.calendarFile, text: readFileSync(config.calendarFile, 'utf8') }),
};
