// Hovering a Tweet ID (plain, in a status URL, in JSON…) shows its cached numbers, how old
// they are and links to refresh, show the run or open the Tweet. With auto-fetch on, IDs
// without fresh numbers are queued in a batcher (IDs hovered in quick succession go out as
// one request) and the hover waits for that batch, at most WAIT_MS and only while the pointer
// stays: then it shows the numbers, or "Fetching…" if they are still on their way. In an
// untrusted workspace (Restricted Mode) nothing is fetched without a click.
import * as vscode from 'vscode';
import { registerCommand } from '../../platform/usage';
import { tweetIdInLine } from '../../finder/lineWindow';
import { HoverFetchBatcher } from './hoverBatcher';
import type { TweetLookup } from '../../core/metricsIndex';
import { LOOKUPS_SOURCE } from '../../core/lookups';
import { TweetSeriesIndex } from '../../core/seriesMatrix';
import { RunStore } from '../../platform/runStore';
import { ConfigurationDependentRegistration } from '../../platform/configurationDependentRegistration';
import { FetchService, SettingsReader } from '../../platform/services';
import { finderLineText, USER_DOCUMENTS } from '../../platform/documents';
import { isFresh } from '../../shared/format';
import { buildHoverMarkdown, HOVER_COMMANDS } from './hoverMarkdown';
import { COMMANDS, CONTEXT_KEYS, tweetIdOf } from '../../commands';
import { markDone } from '../../platform/contextKeys';

/** Longest a hover waits for its auto-fetch (VS Code shows "Loading…" meanwhile). */
const WAIT_MS = 2500;

export class TweetHoverProvider implements vscode.HoverProvider, vscode.Disposable {
  private readonly batcher: HoverFetchBatcher;
  private readonly now: () => number;
  private readonly waitMs: number;
  /** Which stored series run has a Tweet's sparkline: brought up to date on the first hover after the store changed. */
  private readonly series = new TweetSeriesIndex();
  private seriesStale = true;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: RunStore,
    private readonly settings: SettingsReader,
    private readonly fetch: FetchService,
    options: { delayMs?: number; waitMs?: number; now?: () => number } = {},
  ) {
    const now = options.now ?? Date.now;
    this.now = now;
    this.waitMs = options.waitMs ?? WAIT_MS;
    this.batcher = new HoverFetchBatcher({
      delayMs: options.delayMs,
      now,
      isFresh: (id) => this.isFresh(id),
      send: (ids, signal) => this.send(ids, signal),
    });
    this.subscription = store.onDidChange(() => (this.seriesStale = true));
  }

  /** A Hover at once, or a promise of one while this hover's auto-fetch runs (see WAIT_MS). */
  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | Promise<vscode.Hover | undefined> | undefined {
    if (token.isCancellationRequested) return undefined;
    const line = finderLineText(document, position.line);
    const match = tweetIdInLine(line, position.character);
    if (!match) return undefined;

    const id = match.id;
    const range = new vscode.Range(position.line, match.start, position.line, match.end);
    // Restricted Mode: the hovered text comes from an untrusted workspace, so it never sends
    // a request on its own (the hover's Fetch link still does, when clicked).
    const s = this.settings.get();
    if (s.hoverAutoFetch && s.workspaceTrusted && !this.isFresh(id)) {
      // Right after start the cached runs may still be loading: wait for them rather than refetch.
      if (!this.store.isLoaded) return this.store.loaded.then(() => (token.isCancellationRequested ? undefined : this.provideHover(document, position, token)));
      this.batcher.request(id, token);
    }
    if (!this.batcher.isFetching(id) || this.waitMs <= 0) return this.hover(id, range);
    return this.waitForFetch(id, token).then(() => (token.isCancellationRequested ? undefined : this.hover(id, range)));
  }

  private hover(id: string, range: vscode.Range): vscode.Hover {
    const lookup = this.store.lookup(id);
    if (this.seriesStale) {
      this.series.update(this.store.runs());
      this.seriesStale = false;
    }
    const series = this.series.get(id);
    const md = new vscode.MarkdownString(
      buildHoverMarkdown({
        id,
        lookup,
        series,
        fresh: this.fresh(lookup),
        fetching: this.batcher.isFetching(id) && !this.fresh(lookup),
        nowMs: this.now(),
        autoFetchRestricted: this.autoFetchRestricted(),
      }),
      true,
    );
    md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    if (lookup || series) markDone(CONTEXT_KEYS.hoverShown);
    return new vscode.Hover(md, range);
  }

  /** Until the ID's fetch is back, the hover is cancelled, or waitMs has passed. */
  private waitForFetch(id: string, token: vscode.CancellationToken): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      };
      const timer = setTimeout(finish, this.waitMs);
      const subscription = token.onCancellationRequested(finish);
      void this.batcher.settled(id).then(finish);
    });
  }

  /** Auto-fetch is on in the user's settings but held back because the workspace is untrusted. */
  private autoFetchRestricted(): boolean {
    const s = this.settings.get();
    return s.hoverAutoFetch && !s.workspaceTrusted;
  }

  private isFresh(id: string): boolean {
    return this.fresh(this.store.lookup(id));
  }

  private fresh(found: TweetLookup | undefined): boolean {
    return !!found && isFresh(found.latest.fetchedAt, this.settings.get().cacheMaxAgeMinutes, this.now());
  }

  private async send(ids: string[], signal: AbortSignal): Promise<void> {
    const source = new vscode.CancellationTokenSource();
    const cancel = () => source.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    try {
      await this.fetch.fetchIds(ids, LOOKUPS_SOURCE, { quiet: true, token: source.token, lookup: true });
    } finally {
      signal.removeEventListener('abort', cancel);
      source.dispose();
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.batcher.dispose();
  }
}

/**
 * The hover (only while `xEngagement.hover.enabled` is on, for the documents users type in: USER_DOCUMENTS)
 * and the `xEngagement.fetchTweet` command its links run.
 */
export function registerHover(store: RunStore, settings: SettingsReader, fetch: FetchService): vscode.Disposable {
  const provider = new TweetHoverProvider(store, settings, fetch);
  const registration = new ConfigurationDependentRegistration(
    () => settings.get().hoverEnabled,
    () => vscode.languages.registerHoverProvider(USER_DOCUMENTS, provider),
    settings.onDidChange,
  );
  const command = registerCommand(COMMANDS.fetchTweet, async (arg?: unknown) => {
    const id = tweetIdOf(arg);
    // A hover's fetch: into the hover lookups, like its auto-fetch (not a run of its own).
    if (id) await fetch.fetchIds([id], LOOKUPS_SOURCE, { lookup: true });
  });
  return vscode.Disposable.from(registration, command, provider);
}
