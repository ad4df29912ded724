// How the time-series page words times: UTC, as the API keys its buckets and the exports write them.
// Pure (no DOM): unit tests call it. Bucket labels: bucketLabel in src/shared/format.ts (the hover's too).

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
