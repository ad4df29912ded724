// Messages between the results page (src/webview/panel/) and the extension. The page is
// untrusted input as far as the extension is concerned: every message is validated here
// before anything acts on it. No 'vscode' import.
import type { EngagementType, GroupField, IdSectionText } from './vocabulary';
import { TWEET_ID } from './tweetId';

export interface PanelGrouping {
  name: string;
  groupBy: GroupField[];
  /** For aggregate-only groupings (group_by ["engagement.type"]): [key, value] pairs. */
  values?: Array<[string, string]>;
}

export interface PanelFailed {
  /** How many IDs the batch held. */
  ids: number;
  /** A time-series batch: the window it asked for ("2024-05-01T00:00:00Z – …"). */
  window?: string;
  reason: string;
  status?: number;
  retryable: boolean;
  sample: string[];
}

/** What the page shows of every run, totals or time series: the header and the ID lists. */
export interface PanelRunBase {
  runId: string;
  title: string;
  profile: string;
  /** Where it was fetched from (absent for runs of older versions). */
  host?: string;
  /** Fetched from the in-editor sandbox: the header says so. */
  sandbox?: boolean;
  source: string;
  fetchedAt: string;
  /** Display words for the types: the page has no table of its own. */
  typeLabels: Record<string, string>;
  /** Titles and help for the ID lists (idSectionText()), as the results view words them. */
  sectionText: IdSectionText;
  unavailable: string[];
  unsupportedImpressions: string[];
  unsupportedVideo: string[];
  forbidden: string[];
  failed: PanelFailed[];
  errors: string[];
  cancelled: boolean;
}

export interface PanelModel extends PanelRunBase {
  /** How many IDs were asked for. */
  requested: number;
  /** What the finder skipped in the source besides the IDs asked for (absent: not known). */
  found?: { duplicates: number; invalid: number };
  /** The query's types, in the canonical order of ENGAGEMENT_TYPES. */
  types: EngagementType[];
  /** [tweetId, value per type (null: no value)], in the order the IDs were asked for. */
  rows: Array<[string, ...(string | null)[]]>;
  /** tweetId → signed change per type since the previous fetch; only Tweets fetched before. */
  changes: Record<string, (string | null)[]>;
  /** Exact sum per type (null: no Tweet has a value). */
  totals: (string | null)[];
  /** Highest values first, at most TOP_N per type. */
  top: Partial<Record<EngagementType, Array<{ id: string; value: string }>>>;
  groupings: PanelGrouping[];
  /** The run remembers the file(s) its IDs came from: rows offer Reveal in file. */
  canReveal: boolean;
}

/** How many Tweets the "top" lists and the chart hold per type (the model's, and the page's for filtered rows). */
export const TOP_N = 5;

/** One metric of a time-series run: what its charts and table draw (plain numbers, clamped). */
export interface SeriesPanelMetric {
  /** Sum of every Tweet per bucket. */
  total: number[];
  /** The Tweets with the highest sums over the window (at most SERIES_TOP_N), each with its buckets. */
  top: Array<{ id: string; sum: number; values: number[] }>;
  /** 24 sums: each hour of the day (UTC) over the window. */
  profile: number[];
}

/** A time-series run (/28hr or /historical) as the page draws it: charts, not the totals table. */
export interface SeriesPanelModel extends PanelRunBase {
  kind: 'series';
  /** "Last 28 hours" or "2024-05-01 – 2024-05-29": the window the run asked for, in words. */
  windowLabel: string;
  step: 'hour' | 'day';
  /** Bucket start times, ms UTC, contiguous. */
  times: number[];
  /** Types with values, in the order asked for. */
  types: string[];
  requested: number;
  /** How many Tweets have buckets. */
  withValues: number;
  metrics: Record<string, SeriesPanelMetric>;
}

/** How many Tweets the time charts draw a line for, beside the total. */
export const SERIES_TOP_N = 5;

/** Extension → page. `empty`: the run is gone (removed, cache cleared). */
export type ExtensionMessage = { type: 'show'; model: PanelModel } | { type: 'showSeries'; model: SeriesPanelModel } | { type: 'empty'; message: string };

/** Page → extension. */
export type PageMessage =
  | { type: 'ready' }
  /** `ids`: the rows shown (filter and sort applied), in their order; absent: the whole run. */
  | { type: 'export'; format: 'csv' | 'json'; ids?: string[] }
  | { type: 'copy'; text: string }
  | { type: 'openTweet'; id: string }
  | { type: 'revealInFile'; id: string }
  | { type: 'retryFailed' };

/** What the page keeps in `vscode.setState` (no data: the run is re-read by id). */
export interface PanelState {
  runId: string;
  sort?: { col: number; dir: 'asc' | 'desc' };
  filter?: string;
  metric?: string;
}

/** Clipboard text above this is refused (10,000 rows × 8 columns is well under 1 MB). */
export const MAX_COPY_CHARS = 16 * 1024 * 1024;
/** An export of shown rows lists at most this many IDs (a run holds far fewer). */
export const MAX_EXPORT_IDS = 1_000_000;

/** The message if it is well formed, otherwise undefined (unknown types are ignored). */
export function parsePageMessage(value: unknown): PageMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'retryFailed':
      return { type: 'retryFailed' };
    case 'export': {
      if (m.format !== 'csv' && m.format !== 'json') return undefined;
      if (m.ids === undefined) return { type: 'export', format: m.format };
      const ids = m.ids;
      return Array.isArray(ids) && ids.length <= MAX_EXPORT_IDS && ids.every((id) => typeof id === 'string' && TWEET_ID.test(id))
        ? { type: 'export', format: m.format, ids: ids as string[] }
        : undefined;
    }
    case 'copy':
      return typeof m.text === 'string' && m.text.length <= MAX_COPY_CHARS ? { type: 'copy', text: m.text } : undefined;
    case 'openTweet':
    case 'revealInFile':
      return typeof m.id === 'string' && TWEET_ID.test(m.id) ? { type: m.type, id: m.id } : undefined;
    default:
      return undefined;
  }
}

/** The restorable part of a page state, or undefined. */
export function parsePanelState(value: unknown): PanelState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const s = value as Record<string, unknown>;
  return typeof s.runId === 'string' && s.runId.length > 0 && s.runId.length < 200 ? { runId: s.runId } : undefined;
}

/**
 * The translations the host put on the page's body (`data-l10n`, JSON of vscode.l10n.bundle):
 * only string → string entries are kept; anything else (no attribute, not JSON, not an object)
 * is undefined, and the page stays English.
 */
export function pageBundle(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') out[key] = value;
  return Object.keys(out).length ? out : undefined;
}
