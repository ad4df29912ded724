// Fetch engagement totals: IDs from the selections, the file or explorer files → plan →
// fetch with progress and cancellation → a run in the store. Errors say what to do and
// offer it.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { fetchTotals, FetchProgress, retryFailed } from '../../core/engine';
import { findTweetIds } from '../../finder/finder';
import { createTweetIdScanner } from '../../finder/finderWasm';
import { PlanError, publicOnly } from '../../core/plan';
import { proxyFor } from '../../core/proxy';
import { failedIdCount } from '../../core/rows';
import { ENGAGEMENT_TYPES, EngagementType, Logger, OWNED_TYPES, RunRecord, TotalsQuery, TotalsResult } from '../../core/types';
import { forNotification } from '../../shared/untrusted';
import type { ActiveConnection, Connection } from '../profiles';
import { newRunId, RunStore } from '../../platform/runStore';
import { FetchService, SettingsReader } from '../../platform/services';
import { editorProxySettings } from '../../platform/settings';
import { COMMANDS } from '../../commands';

export interface FetchDeps {
  connection: Connection;
  store: RunStore;
  settings: SettingsReader;
  logger: Logger;
  showLog(): void;
  /** Called after a run the user started is stored: reveal it in the tree, open the panel. */
  onRunShown(run: RunRecord): void;
}

/** GitLens' toAbortSignal: pure code takes a signal, the editor gives a token. */
export function toAbortSignal(token: vscode.CancellationToken | undefined): AbortSignal | undefined {
  if (!token) return undefined;
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

interface Found {
  ids: string[];
  duplicates: number;
  invalid: number;
  source: string;
}

export class FetchController implements FetchService {
  constructor(private readonly deps: FetchDeps) {}

  /**
   * The command: explorer files when given, else the active editor's selections or whole file.
   * `token` (tests) cancels like the Cancel button of the file-reading notification.
   */
  async fetchCommand(uri?: vscode.Uri, uris?: vscode.Uri[], options: { token?: vscode.CancellationToken } = {}): Promise<RunRecord | undefined> {
    const found = await this.collect(uri, uris, options.token);
    if (!found) return undefined;
    if (found.ids.length === 0) {
      void vscode.window.showWarningMessage(
        `No Tweet IDs found in ${forNotification(found.source)}${found.invalid ? ` (${found.invalid} long numbers were not valid Tweet IDs)` : ''}. Tweet IDs are 15–19 digit snowflakes or status URLs (x.com/…/status/…).`,
      );
      return undefined;
    }
    const types = await this.pickTypes();
    if (!types) return undefined;
    const s = this.deps.settings.get();
    return this.run({ tweetIds: found.ids, engagementTypes: types, groupings: s.defaultGroupings }, found.source, { found });
  }

  async fetchIds(ids: string[], source: string, options: { quiet?: boolean; token?: vscode.CancellationToken } = {}): Promise<RunRecord | undefined> {
    const s = this.deps.settings.get();
    return this.run({ tweetIds: ids, engagementTypes: s.defaultEngagementTypes, groupings: s.defaultGroupings }, source, options);
  }

  async refreshRun(runId: string): Promise<RunRecord | undefined> {
    const run = this.deps.store.get(runId);
    if (!run) return undefined;
    return this.run(run.result.query, run.source, {});
  }

  async retryFailed(runId?: string): Promise<void> {
    const run = runId ? this.deps.store.get(runId) : this.deps.store.runs().find((r) => r.result.failed.length > 0);
    if (!run || run.result.failed.length === 0) {
      void vscode.window.showInformationMessage('No failed batches to retry.');
      return;
    }
    const conn = await this.connectionOrPrompt();
    if (!conn) return;
    const failedIds = failedIdCount(run.result);
    const result = await this.withProgress(`Retrying ${run.result.failed.length} failed batch(es) (${failedIds} Tweets)`, (signal, onProgress) =>
      retryFailed(run.result, { ...this.fetchOptions(conn), signal, onProgress }),
    );
    const updated: RunRecord = { ...run, result };
    await this.deps.store.replace(updated);
    this.deps.onRunShown(updated);
    this.report(updated);
  }

  private async run(query: TotalsQuery, source: string, options: { quiet?: boolean; token?: vscode.CancellationToken; found?: Found }): Promise<RunRecord | undefined> {
    const conn = options.quiet ? await this.deps.connection.current() : await this.connectionOrPrompt();
    if (!conn) {
      this.deps.logger.info(`No credentials: not fetching ${query.tweetIds.length} Tweet(s) for ${source}.`);
      return undefined;
    }
    let result: TotalsResult;
    try {
      result = options.quiet
        ? await fetchTotals(query, { ...this.fetchOptions(conn), signal: toAbortSignal(options.token) })
        : await this.withProgress(progressTitle(query, options.found), (signal, onProgress) => fetchTotals(query, { ...this.fetchOptions(conn), signal, onProgress }));
    } catch (e) {
      if (e instanceof PlanError) return this.onPlanError(e, query, source, options);
      this.deps.logger.error(`Fetch failed: ${(e as Error).message}`);
      if (!options.quiet) void this.offer(vscode.window.showErrorMessage(`Fetching engagement totals failed: ${forNotification((e as Error).message)}`, 'Open log'));
      return undefined;
    }
    const run: RunRecord = { id: newRunId(), profile: conn.profile, source, result };
    await this.deps.store.add(run);
    this.deps.logger.info(`Run ${run.id}: ${query.tweetIds.length} Tweets from ${source}, ${result.requests} requests, ${result.failed.length} failed batch(es).`);
    if (!options.quiet) {
      this.deps.onRunShown(run);
      this.report(run);
    }
    return run;
  }

  private fetchOptions(conn: ActiveConnection) {
    const proxy = proxyFor(conn.baseUrl, editorProxySettings());
    return { baseUrl: conn.baseUrl, credentials: conn.credentials, concurrency: this.deps.settings.get().concurrency, logger: this.deps.logger, proxy };
  }

  private withProgress(title: string, work: (signal: AbortSignal | undefined, onProgress: (p: FetchProgress) => void) => Promise<TotalsResult>): Promise<TotalsResult> {
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
        let reported = 0;
        return work(toAbortSignal(token), (p) => {
          const pct = p.batchesTotal ? (100 * p.batchesDone) / p.batchesTotal : 0;
          const wait = p.waitingUntil && p.waitingUntil > Date.now() ? ` — waiting ${Math.ceil((p.waitingUntil - Date.now()) / 1000)} s for the rate limit` : '';
          progress.report({ message: `batch ${p.batchesDone}/${p.batchesTotal}${wait}`, increment: Math.max(0, pct - reported) });
          reported = Math.max(reported, pct);
        });
      }),
    );
  }

  private async onPlanError(e: PlanError, query: TotalsQuery, source: string, options: { quiet?: boolean; found?: Found }): Promise<RunRecord | undefined> {
    this.deps.logger.warn(e.message);
    if (options.quiet) return undefined;
    if (e.code === 'owned-needs-oauth') {
      const choice = await vscode.window.showWarningMessage(forNotification(e.message), 'Continue with public metrics only', 'Set credentials');
      if (choice === 'Continue with public metrics only') {
        const pub = publicOnly(query);
        if (pub.engagementTypes.length > 0) return this.run(pub, source, options);
      }
      if (choice === 'Set credentials') await vscode.commands.executeCommand(COMMANDS.setCredentials);
      return undefined;
    }
    if (e.code === 'no-credentials') {
      await this.offer(vscode.window.showErrorMessage(forNotification(e.message), 'Set credentials', 'Use sandbox'));
      return undefined;
    }
    void vscode.window.showErrorMessage(forNotification(e.message));
    return undefined;
  }

  private async connectionOrPrompt(): Promise<ActiveConnection | undefined> {
    const conn = await this.deps.connection.current();
    if (conn) return conn;
    await this.offer(
      vscode.window.showErrorMessage('No X Engagement credentials yet. Set a Bearer token or OAuth 1.0a tokens, or try the built-in sandbox.', 'Set credentials', 'Use sandbox'),
    );
    return this.deps.connection.current();
  }

  /** Runs the action a message button names. */
  private async offer(choice: Thenable<string | undefined>): Promise<void> {
    const picked = await choice;
    const commands: Record<string, string> = {
      'Set credentials': COMMANDS.setCredentials,
      'Use sandbox': COMMANDS.useSandbox,
      'Retry failed batches': COMMANDS.retryFailed,
      'Show in panel': COMMANDS.showPanel,
    };
    if (picked === 'Open log') this.deps.showLog();
    else if (picked && commands[picked]) await vscode.commands.executeCommand(commands[picked]);
  }

  /** Tells how the run went, offering the next step. */
  private report(run: RunRecord): void {
    const r = run.result;
    const parts: string[] = [];
    const got = r.query.tweetIds.length - r.unavailableTweetIds.length - failedIdCount(r);
    if (r.unavailableTweetIds.length) parts.push(`${r.unavailableTweetIds.length} unavailable`);
    if (r.forbiddenTweetIds.length) parts.push(`${r.forbiddenTweetIds.length} not owned by the user (no impressions/engagements)`);
    if (r.unsupportedForImpressionsEngagementsTweetIds.length) parts.push(`${r.unsupportedForImpressionsEngagementsTweetIds.length} too old for impressions/engagements`);
    const detail = parts.length ? ` (${parts.join(', ')})` : '';
    if (r.failed.length > 0) {
      const auth = r.failed.some((f) => f.status === 401);
      const msg = `${r.cancelled ? 'Cancelled: kept' : 'Got'} totals for ${Math.max(0, got)} of ${r.query.tweetIds.length} Tweets${detail}; ${r.failed.length} batch(es) ${r.cancelled ? 'not fetched' : 'failed'}: ${forNotification(r.failed[0].reason)}`;
      const actions = auth ? ['Set credentials', 'Retry failed batches', 'Open log'] : ['Retry failed batches', 'Open log'];
      void this.offer(auth ? vscode.window.showErrorMessage(msg, ...actions) : vscode.window.showWarningMessage(msg, ...actions));
    } else {
      void vscode.window.setStatusBarMessage(`$(check) X Engagement: totals for ${r.query.tweetIds.length} Tweets${detail}`, 8000);
    }
  }

  private async pickTypes(): Promise<EngagementType[] | undefined> {
    const s = this.deps.settings.get();
    if (!s.askForTypes) return s.defaultEngagementTypes;
    const picks = await vscode.window.showQuickPick(
      ENGAGEMENT_TYPES.map((t) => ({
        label: t,
        picked: s.defaultEngagementTypes.includes(t),
        description: OWNED_TYPES.includes(t) ? 'OAuth 1.0a, own Tweets, last 90 days' : undefined,
      })),
      { canPickMany: true, title: 'Engagement types to fetch' },
    );
    if (!picks || picks.length === 0) return undefined;
    return picks.map((p) => p.label);
  }

  private async collect(uri?: vscode.Uri, uris?: vscode.Uri[], token?: vscode.CancellationToken): Promise<Found | undefined> {
    const editor = vscode.window.activeTextEditor;
    const files = uris && uris.length > 0 ? uris : uri ? [uri] : [];
    // From the editor's context menu the URI is the editor's own document: use its selections.
    if (files.length === 1 && editor && editor.document.uri.toString() === files[0].toString()) files.length = 0;
    if (files.length > 0) {
      const r = await this.scanWithProgress(files, token);
      if (r.skipped.length > 0) void vscode.window.showWarningMessage(forNotification(skippedFilesMessage(r.skipped)));
      if (r.cancelled) {
        void vscode.window.setStatusBarMessage('X Engagement: cancelled while reading files; nothing fetched', 5000);
        return undefined;
      }
      return { ...r, source: files.length === 1 ? fileLabel(files[0]) : `${files.length} files` };
    }
    if (!editor) {
      void vscode.window.showInformationMessage('Open a file with Tweet IDs (or select some text with IDs) and run Fetch engagement totals again.');
      return undefined;
    }
    const doc = editor.document;
    const name = fileLabel(doc.uri);
    const selected = editor.selections.filter((s) => !s.isEmpty);
    const text = selected.length ? selected.map((s) => doc.getText(s)).join('\n') : doc.getText();
    const r = findTweetIds(text);
    return { ids: r.ids, duplicates: r.duplicates, invalid: r.invalid, source: selected.length ? `selection in ${name}` : name };
  }

  /** scanFiles under a cancellable notification (reading a large pick takes a while). */
  private scanWithProgress(files: vscode.Uri[], token?: vscode.CancellationToken): Promise<FileScan> {
    const title = `Reading ${files.length === 1 ? forNotification(fileLabel(files[0])) : `${files.length} files`} for Tweet IDs`;
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, progressToken) => {
        const either = new vscode.CancellationTokenSource();
        const links = [progressToken, token].map((t) => t?.onCancellationRequested(() => either.cancel()));
        if (progressToken.isCancellationRequested || token?.isCancellationRequested) either.cancel();
        try {
          return await scanFiles(files, {
            token: either.token,
            onProgress: (p) => progress.report({ message: `${p.fileIndex + 1}/${files.length}: ${formatSize(p.totalBytes)} read` }),
          });
        } finally {
          for (const l of links) l?.dispose();
          either.dispose();
        }
      }),
    );
  }
}

/** Largest explorer file that is read, and largest total for one pick: 256 MB each. */
export const MAX_PICKED_FILE_BYTES = 256 * 1024 * 1024;
export const MAX_PICKED_TOTAL_BYTES = 256 * 1024 * 1024;
const CHUNK_BYTES = 1 << 20;

/**
 * How a file name appears in messages (the one place: file names are untrusted text, see
 * STYLE.md "The trust boundary").
 */
function fileLabel(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri);
}

/** A picked file that was not read, or not read whole. */
export interface SkippedFile {
  /** As shown to the user (fileLabel). */
  name: string;
  kind: 'not-regular' | 'too-large' | 'unreadable' | 'truncated';
  /** Why, in a few words, e.g. "a named pipe (FIFO)". Never echoes the path. */
  why: string;
}

export interface FileScan {
  ids: string[];
  duplicates: number;
  invalid: number;
  skipped: SkippedFile[];
  /** Cancelled while reading: the caller fetches nothing. */
  cancelled: boolean;
}

export interface ScanOptions {
  token?: vscode.CancellationToken;
  maxFileBytes?: number;
  maxTotalBytes?: number;
  onProgress?(p: { fileIndex: number; totalBytes: number }): void;
}

/** One message for the files a pick skipped: names, why, and what to do. */
export function skippedFilesMessage(skipped: SkippedFile[]): string {
  const list = skipped.map((s) => `${s.name} (${s.why})`).join('; ');
  const advice: string[] = [];
  if (skipped.some((s) => s.kind === 'not-regular')) advice.push('Only regular files are read.');
  if (skipped.some((s) => s.kind === 'too-large' || s.kind === 'truncated')) {
    advice.push('For larger exports use the command line (engagement-totals ids FILE), or open the file and select a part.');
  }
  const n = skipped.filter((s) => s.kind !== 'truncated').length;
  const head = n === skipped.length ? `Skipped ${n} file${n === 1 ? '' : 's'}` : `Skipped or cut short ${skipped.length} file${skipped.length === 1 ? '' : 's'}`;
  return `${head}: ${list}. ${advice.join(' ')}`.trim();
}

/**
 * The Tweet IDs of files picked in the explorer, as if their texts were joined with newlines.
 * Bytes are streamed through one scanner (the WebAssembly one where it runs): memory stays
 * O(unique IDs) plus one chunk for local files, however large they are. Only regular files are
 * read (stat first, following links: a FIFO is never opened, since opening one blocks), each up
 * to maxFileBytes and all together up to maxTotalBytes; anything else is skipped and reported.
 * The token stops reading between chunks.
 */
export async function scanFiles(files: vscode.Uri[], options: ScanOptions = {}): Promise<FileScan> {
  const maxFile = options.maxFileBytes ?? MAX_PICKED_FILE_BYTES;
  const maxTotal = options.maxTotalBytes ?? MAX_PICKED_TOTAL_BYTES;
  const cancelled = () => options.token?.isCancellationRequested === true;
  const ids: string[] = [];
  const skipped: SkippedFile[] = [];
  const scanner = createTweetIdScanner((id: string) => ids.push(id));
  let total = 0;
  for (const [fileIndex, f] of files.entries()) {
    if (cancelled()) break;
    const name = fileLabel(f);
    const skip = (kind: SkippedFile['kind'], why: string) => void skipped.push({ name, kind, why });
    try {
      const stat = await statPicked(f);
      if (stat.notRegular) {
        skip('not-regular', `${stat.notRegular}, not a regular file`);
        continue;
      }
      if (stat.size > maxFile) {
        skip('too-large', `${formatSize(stat.size)}, over the ${formatSize(maxFile)} limit per file`);
        continue;
      }
      if (total + stat.size > maxTotal) {
        skip('too-large', `${formatSize(stat.size)} would take the pick over the ${formatSize(maxTotal)} limit`);
        continue;
      }
      const allowance = Math.min(maxFile, maxTotal - total);
      const read = await readPicked(
        f,
        allowance,
        (chunk) => {
          scanner.write(chunk);
          total += chunk.length;
          options.onProgress?.({ fileIndex, totalBytes: total });
        },
        cancelled,
      );
      if (read === 'not-regular') skip('not-regular', 'not a regular file once opened');
      if (read === 'truncated') skip('truncated', `grew past ${formatSize(allowance)} while being read; only that much was read`);
    } catch (e) {
      skip('unreadable', readError(e));
    }
    scanner.write('\n'); // an ID never runs from one file into the next
  }
  scanner.end();
  return { ids, duplicates: scanner.stats.duplicates, invalid: scanner.stats.invalid, skipped, cancelled: cancelled() };
}

/** Size of a picked file, or what it is when it is not a regular file (links followed). */
async function statPicked(f: vscode.Uri): Promise<{ size: number; notRegular?: string }> {
  if (f.scheme === 'file') {
    const st = await fs.promises.stat(f.fsPath);
    return { size: st.size, notRegular: st.isFile() ? undefined : nodeKind(st) };
  }
  const st = await vscode.workspace.fs.stat(f);
  if (st.type & vscode.FileType.File) return { size: st.size };
  return { size: st.size, notRegular: st.type & vscode.FileType.Directory ? 'a folder' : 'not a file' };
}

function nodeKind(st: fs.Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

/**
 * Reads up to `allowance` bytes of a picked file in chunks, stopping when `stop()` says so.
 * Local files are opened non-blocking and checked again after opening, so a file swapped for a
 * FIFO after the stat cannot block.
 */
async function readPicked(f: vscode.Uri, allowance: number, onChunk: (chunk: Buffer) => void, stop: () => boolean): Promise<'done' | 'truncated' | 'not-regular'> {
  if (f.scheme !== 'file') {
    const bytes = await vscode.workspace.fs.readFile(f);
    if (stop()) return 'done';
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    onChunk(buf.subarray(0, allowance));
    return buf.length > allowance ? 'truncated' : 'done';
  }
  const handle = await fs.promises.open(f.fsPath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    if (!(await handle.stat()).isFile()) return 'not-regular';
    let position = 0;
    while (position < allowance) {
      if (stop()) return 'done';
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, allowance - position));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) return 'done';
      onChunk(chunk.subarray(0, bytesRead));
      position += bytesRead;
    }
    const { bytesRead } = await handle.read(Buffer.alloc(1), 0, 1, position);
    return bytesRead > 0 ? 'truncated' : 'done';
  } finally {
    await handle.close();
  }
}

/** Why a file could not be read, without echoing its path (Node's messages include it). */
function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'FileNotFound') return 'not found';
  if (code === 'EACCES' || code === 'EPERM' || code === 'NoPermissions') return 'permission denied';
  if (code === 'EISDIR') return 'a folder';
  return code ? `cannot be read (${code})` : 'cannot be read';
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1)} MB`;
}

function progressTitle(query: TotalsQuery, found?: Found): string {
  const n = query.tweetIds.length;
  const extra =
    found && (found.duplicates || found.invalid)
      ? ` (${[found.duplicates ? `${found.duplicates} duplicates` : '', found.invalid ? `${found.invalid} invalid skipped` : ''].filter(Boolean).join(', ')})`
      : '';
  return `Fetching engagement totals for ${n.toLocaleString('en-US')} Tweet${n === 1 ? '' : 's'}${extra}`;
}
