// A TotalsResult (or SeriesResult) for tests: the query and whatever the test cares about; every other field
// empty, as a clean run would leave it.
import type { SeriesResult } from '../../src/core/seriesRun';
import { TotalsResult } from '../../src/core/types';

/** Every list and count of a clean run that finished at `at`. */
function cleanRun(at: string) {
  return {
    unavailableTweetIds: [],
    unsupportedForImpressionsEngagementsTweetIds: [],
    unsupportedForVideoViewsTweetIds: [],
    forbiddenTweetIds: [],
    failed: [],
    errors: [],
    startedAt: at,
    finishedAt: at,
    requests: 1,
    cancelled: false,
  };
}

export function totalsResult(fields: Pick<TotalsResult, 'query' | 'groupings'> & Partial<TotalsResult>): TotalsResult {
  return { ...cleanRun(fields.finishedAt ?? '2026-11-01T00:00:00.000Z'), ...fields };
}

/** The same for a time series: its window too. */
export function seriesResult(fields: Pick<SeriesResult, 'query' | 'groupings' | 'start' | 'end'> & Partial<SeriesResult>): SeriesResult {
  return { ...cleanRun(fields.finishedAt ?? '2026-11-01T00:00:00.000Z'), ...fields };
}
