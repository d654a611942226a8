import type { CalendarDate } from '../rules/index.js';

const amsterdam = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Hardinxveld-Giessendam, not in UTC: at 00:30 local time it is already tomorrow. */
export function amsterdamToday(now: Date = new Date()): CalendarDate {
  return amsterdam.format(now);
}

/** The assessment date: fixed by `MAG_TODAY` (demos, tests), else the municipality's calendar day. */
export function makeClock(fixed: CalendarDate | undefined): () => CalendarDate {
  return fixed ? () => fixed : () => amsterdamToday();
}
