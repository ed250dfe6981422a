// Calendar dates (contentDate, item dates) are stored as PostgreSQL `date` and handled as
// 'YYYY-MM-DD' strings in UTC, so no time zone can shift a page to the previous day.
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function fromIsoDate(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = fromIsoDate(value);
  return !Number.isNaN(date.getTime()) && toIsoDate(date) === value;
}

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatDateTime(date: Date): string {
  return dateTimeFormat.format(date);
}

// Times an editor enters (a schedule's date and time) are China time. Asia/Shanghai has been UTC+8
// all year since 1991 (no daylight saving time), so the offset is a constant.
const shanghaiOffsetMs = 8 * 60 * 60 * 1000;

/**
 * The instant of a `datetime-local` value ("2026-12-05T08:30", seconds optional) read as
 * Asia/Shanghai time; null when it is not a real date and time.
 */
export function fromShanghaiDateTime(value: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match || !isIsoDate(match[1])) return null;
  const [hours, minutes, seconds] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return new Date(fromIsoDate(match[1]).getTime() + ((hours * 60 + minutes) * 60 + seconds) * 1000 - shanghaiOffsetMs);
}

/** The `datetime-local` value ("2026-12-05T08:30") of an instant, in Asia/Shanghai time. */
export function toShanghaiDateTime(date: Date): string {
  return new Date(date.getTime() + shanghaiOffsetMs).toISOString().slice(0, 16);
}
