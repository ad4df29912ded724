// Small interfaces the editor features depend on, so each can be built and tested alone.
import type * as vscode from 'vscode';
import type { EngagementType, Grouping, RunRecord } from '../core/types';

export type PanelOpenIn = 'beside' | 'active' | 'never';

/** Typed view of the `xEngagement.*` settings (see settings.ts). */
export interface Settings {
  apiBaseUrl: string;
  defaultEngagementTypes: EngagementType[];
  defaultGroupings: Grouping[];
  askForTypes: boolean;
  concurrency: number;
  hoverEnabled: boolean;
  hoverAutoFetch: boolean;
  annotationsEnabled: boolean;
  /** Where the results panel opens after a fetch: beside the document, over it, or not on its own. */
  panelOpenIn: PanelOpenIn;
  cacheMaxAgeMinutes: number;
  useSandboxOnStart: boolean;
  /**
   * Whether the workspace is trusted (vscode.workspace.isTrusted). While it is not, the
   * RESTRICTED_SETTINGS come from user settings only and hover auto-fetch is off.
   */
  workspaceTrusted: boolean;
}

/**
 * The `xEngagement.*` settings that change what is sent, where, or when: in an untrusted
 * workspace only their user (or remote machine) values count. package.json's
 * `capabilities.untrustedWorkspaces.restrictedConfigurations` lists exactly these (a unit test
 * checks). Not here: hover.enabled and annotations.enabled (they show cached numbers only).
 */
export const RESTRICTED_SETTINGS = [
  'apiBaseUrl', // where the credentials go
  'defaultEngagementTypes', // what is asked for (and whether OAuth user context is used)
  'defaultGroupings', // what is asked for: names and fields go into the request body
  'askForTypes', // off skips the user's own pick of what is sent
  'concurrency', // how many requests at once, against the user's rate limit
  'hover.autoFetch', // whether resting the pointer sends requests
  'cache.maxAgeMinutes', // when hover auto-fetch sends again for the same Tweets
  'useSandboxOnStart', // switches the active profile (where fetches go) at start-up
] as const;

export interface SettingsReader {
  get(): Settings;
  /** Fires with the event when any `xEngagement.*` setting changes. */
  onDidChange: vscode.Event<vscode.ConfigurationChangeEvent>;
}

/** Fetching, as the tree, panel and hovers ask for it (implemented in fetchService.ts). */
export interface FetchIdsOptions {
  /** No progress, no panel, no messages (hover auto-fetch). */
  quiet?: boolean;
  token?: vscode.CancellationToken;
  /** Merge into the hover lookups (RunStore.addLookups) instead of adding a run; returns the lookups entry. */
  lookup?: boolean;
}

export interface FetchService {
  /**
   * Fetches totals for these IDs with the active profile and default types/groupings, adds
   * a run to the store and returns it (undefined when nothing was fetched: no credentials,
   * cancelled before start, or the user declined). `quiet` skips progress UI and panel
   * opening (hover auto-fetch).
   */
  fetchIds(ids: string[], source: string, options?: FetchIdsOptions): Promise<RunRecord | undefined>;
  /** Fetches the same query again into a new run. */
  refreshRun(runId: string): Promise<RunRecord | undefined>;
  /** Retries the failed batches of a run (default: the newest run with failures). */
  retryFailed(runId?: string): Promise<void>;
}
