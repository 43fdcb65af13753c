import filesize from 'filesize';
import { DateTime, Duration } from 'luxon';

// Display strings for the numbers the backend serves. `null` means the
// cluster did not report the number (Fluid's "" or "[Calculating]").

const UNKNOWN = '–';

/** Binary units, as Fluid reports them: `1.92 GiB`. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return UNKNOWN;
  return filesize(bytes, { base: 2, standard: 'iec', round: 2 }) as string;
}

/** A fraction 0..1 as a percentage with one decimal: `86.4%`. */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined) return UNKNOWN;
  const percent = Math.round(fraction * 1000) / 10;
  return `${percent}%`;
}

/** `3 min, 2 sec`; whole seconds. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return UNKNOWN;
  if (seconds < 1) return '0 sec';
  return Duration.fromObject({ seconds: Math.round(seconds) })
    .rescale()
    .toHuman({ unitDisplay: 'short', listStyle: 'narrow' });
}

/** `5 minutes ago`, relative to `now`. */
export function formatRelative(
  iso: string | null | undefined,
  now: Date = new Date(),
): string {
  if (!iso) return 'never';
  const time = DateTime.fromISO(iso);
  if (!time.isValid) return UNKNOWN;
  const base = DateTime.fromJSDate(now);
  // Clocks of browser and backend differ by a little: never "in 2 seconds".
  if (base.diff(time).as('seconds') < 45) return 'just now';
  return time.toRelative({ base }) ?? UNKNOWN;
}

/** A local date and time, to the minute: `Oct 14, 2026, 9:30 AM`. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const time = DateTime.fromISO(iso);
  return time.isValid ? time.toLocaleString(DateTime.DATETIME_MED) : UNKNOWN;
}

/** A local time of day with seconds: `9:30:05 AM`. */
export function formatClock(date: Date | undefined): string {
  return date
    ? DateTime.fromJSDate(date).toLocaleString(DateTime.TIME_WITH_SECONDS)
    : UNKNOWN;
}

/** `ready/desired`, e.g. `2/3`. */
export function formatCount(
  ready: number | null | undefined,
  desired: number | null | undefined,
): string {
  if (ready === null || ready === undefined) {
    return desired === null || desired === undefined
      ? UNKNOWN
      : `${UNKNOWN}/${desired}`;
  }
  return `${ready}/${desired ?? UNKNOWN}`;
}
