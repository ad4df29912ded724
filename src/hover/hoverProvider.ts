// Hovering a Tweet ID (plain, in a status URL, in JSON…) shows its cached numbers, how old
// they are and links to refresh, show the run or open the Tweet. With auto-fetch on, IDs
// without fresh numbers are queued in a batcher; the hover never waits for the network.
import * as vscode from 'vscode';
import { tweetIdAt } from '../core/finder';
import { HoverFetchBatcher } from '../core/hoverBatcher';
import { RunStore } from '../editor/runStore';
import { ConfigurationDependentRegistration } from '../editor/configurationDependentRegistration';
import { FetchService, SettingsReader } from '../editor/services';
import { isFresh } from './format';
import { buildHoverMarkdown, HOVER_COMMANDS } from './hoverMarkdown';
import { tweetIdOf } from '../tree/resultsTree';

/** Characters on each side of the position that the finder sees on very long lines. */
const WINDOW = 200;
/** How far a window edge may move outwards so it does not cut a word in two. */
const EDGE_SLACK = 64;

/** The part of a line the finder looks at: ±WINDOW around `character`, not cutting words. */
export function lineWindow(line: string, character: number): { text: string; start: number } {
  if (line.length <= 2 * WINDOW + 2 * EDGE_SLACK) return { text: line, start: 0 };
  const isWord = (c: string | undefined) => c !== undefined && /\w/.test(c);
  let start = Math.max(0, character - WINDOW);
  for (let n = 0; start > 0 && n < EDGE_SLACK && isWord(line[start - 1]); n++) start--;
  let end = Math.min(line.length, character + WINDOW);
  for (let n = 0; end < line.length && n < EDGE_SLACK && isWord(line[end]); n++) end++;
  return { text: line.slice(start, end), start };
}

export class TweetHoverProvider implements vscode.HoverProvider, vscode.Disposable {
  private readonly batcher: HoverFetchBatcher;
  private readonly now: () => number;

  constructor(
    private readonly store: RunStore,
    private readonly settings: SettingsReader,
    private readonly fetch: FetchService,
    options: { delayMs?: number; now?: () => number } = {},
  ) {
    const now = options.now ?? Date.now;
    this.now = now;
    this.batcher = new HoverFetchBatcher({
      delayMs: options.delayMs,
      now,
      isFresh: (id) => this.isFresh(id),
      send: (ids, signal) => this.send(ids, signal),
    });
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    if (token.isCancellationRequested) return undefined;
    const line = document.lineAt(position.line).text;
    const { text, start } = lineWindow(line, position.character);
    const match = tweetIdAt(text, position.character - start);
    if (!match) return undefined;

    const settings = this.settings.get();
    const lookup = this.store.lookup(match.id);
    const fresh = this.isFresh(match.id);
    if (settings.hoverAutoFetch && !fresh) this.batcher.request(match.id, token);

    const md = new vscode.MarkdownString(
      buildHoverMarkdown({ id: match.id, lookup, fresh, fetching: this.batcher.isFetching(match.id), nowMs: this.now() }),
      true,
    );
    md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    const range = new vscode.Range(position.line, start + match.start, position.line, start + match.end);
    return new vscode.Hover(md, range);
  }

  /** Whether an auto-fetch for the ID is queued or in flight. */
  isFetching(id: string): boolean {
    return this.batcher.isFetching(id);
  }

  private isFresh(id: string): boolean {
    const found = this.store.lookup(id);
    return !!found && isFresh(found.latest.fetchedAt, this.settings.get().cacheMaxAgeMinutes, this.now());
  }

  private async send(ids: string[], signal: AbortSignal): Promise<void> {
    const source = new vscode.CancellationTokenSource();
    const cancel = () => source.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    try {
      await this.fetch.fetchIds(ids, 'hover', { quiet: true, token: source.token });
    } finally {
      signal.removeEventListener('abort', cancel);
      source.dispose();
    }
  }

  dispose(): void {
    this.batcher.dispose();
  }
}

/**
 * The hover (only while `xEngagement.hover.enabled` is on, for documents of every scheme)
 * and the `xEngagement.fetchTweet` command its links run.
 */
export function registerHover(store: RunStore, settings: SettingsReader, fetch: FetchService): vscode.Disposable {
  const provider = new TweetHoverProvider(store, settings, fetch);
  const registration = new ConfigurationDependentRegistration(
    () => settings.get().hoverEnabled,
    () => vscode.languages.registerHoverProvider('*', provider),
    settings.onDidChange,
  );
  const command = vscode.commands.registerCommand('xEngagement.fetchTweet', async (arg?: unknown) => {
    const id = tweetIdOf(arg);
    if (id) await fetch.fetchIds([id], 'hover');
  });
  return vscode.Disposable.from(registration, command, provider);
}
