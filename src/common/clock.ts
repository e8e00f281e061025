/** The only source of "now" for services, so tests can pin time and the domain never reads it. */
export abstract class Clock {
  abstract now(): Date;

  nowIso(): string {
    return this.now().toISOString();
  }

  /** Today's calendar date (YYYY-MM-DD) in Vietnam: UTC+7 all year, no daylight saving. */
  todayInVietnam(): string {
    return new Date(this.now().getTime() + UTC_PLUS_7_MS).toISOString().slice(0, 10);
  }
}

const UTC_PLUS_7_MS = 7 * 60 * 60 * 1000;

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
