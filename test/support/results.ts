// A TotalsResult for tests: the query and whatever the test cares about; every other field
// empty, as a clean run would leave it.
import { TotalsResult } from '../../src/core/types';

export function totalsResult(fields: Pick<TotalsResult, 'query' | 'groupings'> & Partial<TotalsResult>): TotalsResult {
  const at = fields.finishedAt ?? '2026-11-01T00:00:00.000Z';
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
    ...fields,
  };
}
