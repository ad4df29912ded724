// What Set credentials tests and what a fetch does when user-context credentials are refused.
// A profile may hold a Bearer token and OAuth 1.0a tokens: the engine sends the Bearer for public
// metrics and OAuth for impressions and engagements, so each kind is tested on its own (testing
// the one the engine happens to pick would let wrong OAuth keys pass), and a fetch whose OAuth
// requests are refused falls back to the Bearer for the public metrics, saying what it skipped.
import * as l10n from '@vscode/l10n';
import { fetchTotals, FetchOptions } from './engine';
import { publicOnly } from './plan';
import { failedIdCount } from './rows';
import { AuthKind, Credentials, OWNED_TYPES, TotalsQuery, TotalsResult } from './types';

/** How each kind of credentials is named to the user, in the display language. */
export function authKindLabel(kind: AuthKind): string {
  return kind === 'bearer' ? l10n.t('Bearer token') : l10n.t('OAuth 1.0a user context');
}

export interface KindCheck {
  kind: AuthKind;
  ok: boolean;
  /** The server's reason when refused (already redacted by the engine). */
  reason?: string;
}

/** The credential kinds a profile holds, each as credentials of that kind alone. */
export function credentialKinds(c: Credentials): Array<{ kind: AuthKind; credentials: Credentials }> {
  const kinds: Array<{ kind: AuthKind; credentials: Credentials }> = [];
  if (c.bearerToken) kinds.push({ kind: 'bearer', credentials: { bearerToken: c.bearerToken } });
  if (c.oauth) kinds.push({ kind: 'oauth1', credentials: { oauth: c.oauth } });
  return kinds;
}

/**
 * One tiny request per credential kind the profile holds: any answer but 401 (or a failure to get
 * an answer at all) means that kind is accepted. Tweet 20 is X's first public Tweet; for a user
 * context it is "not owned", still authenticated.
 */
export async function checkCredentials(credentials: Credentials, options: Omit<FetchOptions, 'credentials'>): Promise<KindCheck[]> {
  const query: TotalsQuery = { tweetIds: ['20'], engagementTypes: ['favorites'], groupings: [{ name: 'test', groupBy: ['engagement.type'] }] };
  return Promise.all(
    credentialKinds(credentials).map(async ({ kind, credentials: only }) => {
      const result = await fetchTotals(query, { maxAttempts: 2, deadlineMs: 20_000, requestTimeoutMs: 15_000, ...options, credentials: only });
      const f = result.failed[0];
      const accepted = !f || (f.status !== undefined && f.status !== 401 && f.status < 500 && f.status !== 404 && f.status !== 406);
      return accepted ? { kind, ok: true } : { kind, ok: false, reason: f.reason };
    }),
  );
}

/** One line per kind, e.g. "Bearer token: works. OAuth 1.0a user context: refused (401 Invalid signature)." */
export function describeChecks(checks: KindCheck[]): string {
  return checks
    .map((c) => {
      const kind = authKindLabel(c.kind);
      return c.ok ? l10n.t('{0}: works.', kind) : l10n.t('{0}: refused ({1}).', kind, c.reason ?? l10n.t('no reason given'));
    })
    .join(' ');
}

export interface FallbackNote {
  /** The owned types that were not fetched. */
  skipped: TotalsQuery['engagementTypes'];
  /** Why the user-context requests failed. */
  reason: string;
}

/**
 * fetchTotals, and when the OAuth 1.0a requests were refused with 401 (no Tweet got numbers) while the profile
 * also holds a Bearer token, the public metrics of the same Tweets again with the Bearer. The
 * result then holds only the public types; `fallback` says which types were skipped and why.
 */
export async function fetchTotalsWithFallback(query: TotalsQuery, options: FetchOptions): Promise<{ result: TotalsResult; fallback?: FallbackNote }> {
  const result = await fetchTotals(query, options);
  // Refused: a 401 to an OAuth request stopped the run before any batch got numbers (batches cut off by
  // the stop carry no status of their own). When some batches did get numbers, they are kept as they are.
  const refused = result.failed.some((f) => f.auth === 'oauth1' && f.status === 401) && failedIdCount(result) === result.query.tweetIds.length;
  const pub = publicOnly(query);
  if (!refused || result.cancelled || !options.credentials.bearerToken || pub.engagementTypes.length === 0) return { result };
  options.logger?.warn(`OAuth 1.0a credentials refused (${result.failed[0].reason}); fetching the public metrics with the Bearer token.`);
  const publicResult = await fetchTotals(pub, { ...options, credentials: { bearerToken: options.credentials.bearerToken } });
  return { result: publicResult, fallback: { skipped: query.engagementTypes.filter((t) => OWNED_TYPES.includes(t)), reason: result.failed[0].reason } };
}
