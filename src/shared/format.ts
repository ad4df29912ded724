// Number and time formatting for tree, hovers and annotations. Plain TypeScript (no
// 'vscode'): values are decimal strings that may exceed 2^53, so they are formatted as
// text and never pass through a JS number. Words go through `@vscode/l10n` (English unless the
// editor configured a bundle: see src/platform/l10n.ts), except `plural`, which is English for the
// CLI and the log.
import * as l10n from '@vscode/l10n';
import { snowflakeTime } from './tweetId';
import type { EngagementType } from './vocabulary';

/** A decimal with an optional sign: a change since the last fetch is written "+12" or "-3". */
const DIGITS = /^([-+]?)(\d+)$/;

/** "1234567" → "1,234,567" (and "+1234" → "+1,234"), exact for any length; other text is returned as is. */
export function formatThousands(decimal: string): string {
  const m = DIGITS.exec(decimal.trim());
  if (!m) return decimal;
  const digits = m[2].replace(/^0+(?=\d)/, '');
  let out = '';
  for (let i = digits.length; i > 0; i -= 3) out = digits.slice(Math.max(0, i - 3), i) + (out ? ',' + out : '');
  return m[1] + out;
}

const UNITS = ['', 'K', 'M', 'B', 'T'];

/**
 * Short form for annotations: 999 → "999", 1234 → "1.2K", 12345 → "12.3K",
 * 123456 → "123K", 1234567 → "1.2M". Truncates (never rounds up, so 99,999 is "99.9K",
 * not "1000K"). Beyond trillions the T count keeps its thousands separators.
 */
export function shortNumber(decimal: string): string {
  const m = DIGITS.exec(decimal.trim());
  if (!m) return decimal;
  const digits = m[2].replace(/^0+(?=\d)/, '');
  const unit = Math.min(UNITS.length - 1, Math.floor((digits.length - 1) / 3));
  if (unit === 0) return m[1] + digits;
  const whole = digits.slice(0, digits.length - unit * 3);
  const tenth = digits[whole.length];
  const head = whole.length <= 2 && tenth !== '0' ? `${whole}.${tenth}` : formatThousands(whole);
  return m[1] + head + UNITS[unit];
}

/** "just now", "5 min ago", "3 h ago", "2 days ago" (future times count as now). */
export function ageText(fetchedAtIso: string, nowMs: number): string {
  const t = Date.parse(fetchedAtIso);
  if (Number.isNaN(t)) return l10n.t('at an unknown time');
  const s = Math.max(0, Math.floor((nowMs - t) / 1000));
  if (s < 60) return l10n.t('just now');
  const min = Math.floor(s / 60);
  if (min < 60) return l10n.t('{0} min ago', min);
  const h = Math.floor(min / 60);
  if (h < 48) return l10n.t('{0} h ago', h);
  return l10n.t('{0} days ago', Math.floor(h / 24));
}

/** Whether numbers fetched at `fetchedAtIso` still count as fresh. */
export function isFresh(fetchedAtIso: string, maxAgeMinutes: number, nowMs: number): boolean {
  const t = Date.parse(fetchedAtIso);
  return !Number.isNaN(t) && nowMs - t < maxAgeMinutes * 60_000;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local "14:03:12", or "2024-05-01 14:03:12" when not on the same local day as `now`. */
export function runTimeLabel(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return sameDay ? time : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

/**
 * A run as the tree, the panel and messages name it: where its IDs came from and when, e.g.
 * "export.csv · 14:32:05", "3 files · 14:32:05". `source` is as stored: the caller renders it for its sink.
 */
export function runLabel(source: string, startedAt: string, now: Date = new Date()): string {
  return `${source} · ${runTimeLabel(startedAt, now)}`;
}

/** Local "2024-05-01 14:03" of a time in ms (the panel's title, the Posted column). */
export function localDateTime(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** When a Tweet was posted, from its snowflake ID, in local time ("2024-05-01 14:03"); '' for IDs older than snowflakes. */
export function postedLabel(tweetId: string): string {
  const ms = snowflakeTime(tweetId);
  return ms === undefined ? '' : localDateTime(ms);
}

/** The same in UTC ISO 8601 ("2024-05-01T12:03:04.001Z"), for exports; '' for IDs older than snowflakes. */
export function postedIso(tweetId: string): string {
  const ms = snowflakeTime(tweetId);
  return ms === undefined ? '' : new Date(ms).toISOString();
}

/**
 * Glyphs for end-of-line annotations and the tree's Tweet lines, in display order: plain text
 * (no codicons there), so only characters common editor fonts have (DejaVu Sans Mono, Consolas,
 * Menlo); emoji such as 💬 and 👁 render as boxes where no emoji font is installed.
 */
export const ANNOTATION_GLYPHS: readonly [EngagementType, string][] = [
  ['impressions', '◉'],
  ['favorites', '♥'],
  ['retweets', '⟲'],
  ['replies', '↩'],
  ['quote_tweets', '❝'],
  ['video_views', '▶'],
];

/** "♥ 1.2K  ⟲ 340  ↩ 12" for the types that have a value; '' when none has. */
export function annotationText(metrics: Partial<Record<EngagementType, string>>): string {
  const parts: string[] = [];
  for (const [type, glyph] of ANNOTATION_GLYPHS) {
    const v = metrics[type];
    if (v !== undefined) parts.push(`${glyph} ${shortNumber(v)}`);
  }
  return parts.join('  ');
}

/** Text from data (profile names, grouping names, API messages) for the hover's markdown: the one rule lives with the other sinks. */
export { escapeMarkdown } from './untrusted';

/** A `command:` link target with JSON arguments, as VS Code's markdown renderer expects. */
export function commandUri(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/**
 * What the finder found besides the unique IDs, as the progress title, the run's tooltip and the
 * panel say it: "2 duplicates, 1 invalid skipped"; empty when there was nothing else.
 */
export function foundExtrasText(found: { duplicates: number; invalid: number }): string {
  return [
    found.duplicates ? counted(found.duplicates, l10n.t('{0} duplicate'), l10n.t('{0} duplicates')) : '',
    found.invalid ? l10n.t('{0} invalid skipped', formatThousands(String(found.invalid))) : '',
  ]
    .filter(Boolean)
    .join(l10n.t(', '));
}

/**
 * A count in the display language: `counted(n, l10n.t('{0} Tweet'), l10n.t('{0} Tweets'))` →
 * "1 Tweet", "1,024 Tweets" ({0} becomes the count with grouped thousands). Both forms are passed
 * already translated, so l10n:export sees each string.
 */
export const counted = (n: number, one: string, many: string) => (n === 1 ? one : many).replace('{0}', formatThousands(String(n)));

/** "1 Tweet", "1,024 Tweets" in the display language. */
export const tweetCount = (n: number) => counted(n, l10n.t('{0} Tweet'), l10n.t('{0} Tweets'));

/** "1 Tweet", "1,024 Tweets": English (the CLI and the log); what the editor shows uses `counted`. */
export const plural = (n: number, one: string, many = one + 's') => `${formatThousands(String(n))} ${n === 1 ? one : many}`;

/**
 * A time series' window in words: "Last 28 hours" for /28hr, else its UTC days "2024-05-01 – 2024-05-29"
 * (the days asked for, else those answered; `…` for an open end).
 */
export function seriesWindowLabel(endpoint: string, start?: string, end?: string): string {
  if (endpoint === '28hr') return l10n.t('Last 28 hours');
  const day = (t: string | undefined) => (t ? t.slice(0, 10) : '…');
  return `${day(start)} – ${day(end)}`;
}

/** What a time-series run's window is worded from: the query's days, and the window its answers covered. */
export interface SeriesWindowSource {
  query: { endpoint: string; start?: string; end?: string };
  /** API time format; '' when no answer said. */
  start: string;
  end: string;
}

/** A series run's window in words (`seriesWindowLabel`): the days asked for, else those answered. Pass the run's result. */
export function seriesRunWindowLabel(r: SeriesWindowSource): string {
  return seriesWindowLabel(r.query.endpoint, r.query.start ?? r.start, r.query.end ?? r.end);
}

/** "2024-05-01 14:00 UTC" (hourly) or "2024-05-01" (daily): the buckets are UTC, as the API keys them. */
export function bucketLabel(ms: number, step: 'hour' | 'day'): string {
  const iso = new Date(ms).toISOString();
  return step === 'day' ? iso.slice(0, 10) : l10n.t('{0} {1} UTC', iso.slice(0, 10), iso.slice(11, 16));
}

/** The word for `key` in a table of labels (engagement types…), else the key as it is: own keys only, so "constructor" is not Object's function. */
export function labelOf(labels: Readonly<Record<string, string>>, key: string): string {
  return (Object.hasOwn(labels, key) && labels[key]) || key;
}
