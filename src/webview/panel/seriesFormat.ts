// How the time-series page words times: UTC, as the API keys its buckets and the exports write them.
// Pure (no DOM): unit tests call it.
import * as l10n from '@vscode/l10n';

/** "2024-05-01 14:00 UTC" (hourly) or "2024-05-01" (daily): the buckets are UTC, as the API keys them. */
export function bucketLabel(ms: number, step: 'hour' | 'day'): string {
  const iso = new Date(ms).toISOString();
  return step === 'day' ? iso.slice(0, 10) : l10n.t('{0} {1} UTC', iso.slice(0, 10), iso.slice(11, 16));
}

/**
 * A time axis label in UTC, as the table and the API say it: "14:00" within a day (the day, "05-01",
 * under the first tick and at midnight: no wider than the time, so labels never collide), "05-01"
 * for ticks a day or more apart (the year under the first).
 */
export function timeTick(ms: number, index: number, incrementMs: number): string {
  const iso = new Date(ms).toISOString();
  if (incrementMs >= 86_400_000) return index === 0 ? `${iso.slice(5, 10)}\n${iso.slice(0, 4)}` : iso.slice(5, 10);
  const hm = iso.slice(11, 16);
  return index === 0 || hm === '00:00' ? `${hm}\n${iso.slice(5, 10)}` : hm;
}
