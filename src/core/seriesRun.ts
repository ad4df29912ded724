// PLACEHOLDER until branch i11-engine lands on main: the engine helper's seriesRun.ts (its
// types as /work/notes/series-api.md publishes them) replaces this file whole at that merge.
// Nothing here fetches: fetchSeries and retrySeriesFailed throw.
import type { FetchOptions } from './engine';
import { PlanError } from './plan';
import type { SeriesEndpoint } from './series';
import type { Credentials, GroupTree, SeriesEngagementType, SeriesGroupField } from './types';
import { SERIES_ENGAGEMENT_TYPES } from './types';

export type SeriesGroupings = Record<string, { group_by: SeriesGroupField[] }>;
export const DEFAULT_SERIES_GROUPINGS: Readonly<SeriesGroupings> = Object.freeze({
  hourly: { group_by: ['tweet.id', 'engagement.type', 'engagement.day', 'engagement.hour'] },
  perTweet: { group_by: ['tweet.id', 'engagement.type'] },
});
export const DEFAULT_SERIES_TYPES: readonly SeriesEngagementType[] = SERIES_ENGAGEMENT_TYPES;

export interface SeriesQuery {
  endpoint: SeriesEndpoint;
  tweetIds: string[];
  engagementTypes: SeriesEngagementType[];
  groupings: SeriesGroupings;
  start?: string;
  end?: string;
}
export interface SeriesWindowSpan {
  start: string;
  end: string;
}
export interface FailedSeriesBatch {
  tweetIds: string[];
  start?: string;
  end?: string;
  status?: number;
  reason: string;
  retryable: boolean;
}
export interface SeriesResult {
  query: SeriesQuery;
  start: string;
  end: string;
  groupings: Record<string, GroupTree>;
  unavailableTweetIds: string[];
  unsupportedForImpressionsEngagementsTweetIds: string[];
  unsupportedForVideoViewsTweetIds: string[];
  forbiddenTweetIds: string[];
  failed: FailedSeriesBatch[];
  errors: string[];
  startedAt: string;
  finishedAt: string;
  requests: number;
  cancelled: boolean;
}
export type SeriesFetchOptions = FetchOptions & { now?: number };

export function historicalWindows(start: string | undefined, end: string | undefined, now: number): SeriesWindowSpan[] {
  void [start, end, now];
  throw new PlanError('bad-window' as never, 'The time-series engine is not merged yet.');
}
export async function fetchSeries(query: SeriesQuery, options: SeriesFetchOptions): Promise<SeriesResult> {
  void [query, options, {} as Credentials];
  throw new Error('The time-series engine is not merged yet.');
}
export async function retrySeriesFailed(previous: SeriesResult, options: SeriesFetchOptions): Promise<SeriesResult> {
  void [previous, options];
  throw new Error('The time-series engine is not merged yet.');
}
