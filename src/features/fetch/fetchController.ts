// Fetch engagement totals: IDs from the selections, the file or explorer files → plan →
// fetch with progress and cancellation → a run in the store. Errors say what to do and
// offer it.
import * as vscode from 'vscode';
import { FetchProgress, retryFailed } from '../../core/engine';
import { FallbackNote, fetchTotalsWithFallback } from '../../core/credentialsCheck';
import { PlanError, publicOnly } from '../../core/plan';
import { proxyFor } from '../../core/proxy';
import { isLookups } from '../../core/lookups';
import { failedIdCount } from '../../core/rows';
import { engagementTypeLabels, ENGAGEMENT_TYPES, EngagementType, isTotalsRun, Logger, OWNED_TYPES, RunRecord, TotalsQuery, TotalsResult, TotalsRunRecord } from '../../core/types';
import { counted, plural, tweetCount } from '../../shared/format';
import { forNotification } from '../../shared/untrusted';
import { toAbortSignal } from '../../platform/cancellation';
import { actionTitle, fallbackMessage, noIdsMessage, progressTitle, runReport, type ReportAction } from './messages';
import { collectIds, type Found } from './sources';
import type { ActiveConnection, Connection } from '../profiles';
import { newRunId, RunStore } from '../../platform/runStore';
import { FetchIdsOptions, FetchService, SettingsReader } from '../../platform/services';
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

export class FetchController implements FetchService {
  constructor(private readonly deps: FetchDeps) {}

  /**
   * The command: explorer files when given, else the active editor's selections or whole file.
   * `token` (tests) cancels like the Cancel button of the file-reading notification.
   */
  async fetchCommand(uri?: vscode.Uri, uris?: vscode.Uri[], options: { token?: vscode.CancellationToken } = {}): Promise<RunRecord | undefined> {
    const found = await collectIds(uri, uris, options.token, (line) => this.deps.logger.warn(line));
    if (!found) return undefined;
    if (found.ids.length === 0) {
      void vscode.window.showWarningMessage(noIdsMessage(found));
      return undefined;
    }
    const types = await this.pickTypes();
    if (!types) return undefined;
    const s = this.deps.settings.get();
    return this.run({ tweetIds: found.ids, engagementTypes: types, groupings: s.defaultGroupings }, found.source, { found });
  }

  async fetchIds(ids: string[], source: string, options: FetchIdsOptions = {}): Promise<RunRecord | undefined> {
    const s = this.deps.settings.get();
    return this.run({ tweetIds: ids, engagementTypes: s.defaultEngagementTypes, groupings: s.defaultGroupings }, source, options);
  }

  async refreshRun(runId: string): Promise<RunRecord | undefined> {
    const run = this.deps.store.get(runId);
    // Time-series runs are refreshed by their own controller (register.ts routes them).
    if (!run || !isTotalsRun(run)) return undefined;
    // The hover lookups are fetched again into themselves, not into a run.
    if (isLookups(run)) return this.run(run.result.query, run.source, { lookup: true });
    // The same IDs from the same source: what the finder skipped there still holds.
    return this.run(run.result.query, run.source, run.found ? { found: { ids: run.result.query.tweetIds, source: run.source, sourceUris: run.sourceUris, ...run.found } } : {});
  }

  async retryFailed(runId?: string): Promise<void> {
    // Without an ID there is nothing to retry: register.ts picks the newest run with failed batches.
    const found = runId ? this.deps.store.get(runId) : undefined;
    const run = found && isTotalsRun(found) ? found : undefined;
    if (!run || run.result.failed.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No failed batches to retry.'));
      return;
    }
    const conn = await this.connectionOrPrompt();
    if (!conn) return;
    const failedIds = failedIdCount(run.result);
    const result = await this.withProgress(
      vscode.l10n.t('Retrying {0} ({1})', counted(run.result.failed.length, vscode.l10n.t('{0} failed batch'), vscode.l10n.t('{0} failed batches')), tweetCount(failedIds)),
      (signal, onProgress) => retryFailed(run.result, { ...this.fetchOptions(conn), signal, onProgress }),
    );
    const updated: TotalsRunRecord = { ...run, result };
    await this.deps.store.replace(updated);
    this.deps.onRunShown(updated);
    this.report(updated);
  }

  private async run(query: TotalsQuery, source: string, options: FetchIdsOptions & { found?: Found }): Promise<RunRecord | undefined> {
    const conn = options.quiet ? await this.deps.connection.current() : await this.connectionOrPrompt();
    if (!conn) {
      this.deps.logger.info(`No credentials: not fetching ${plural(query.tweetIds.length, 'Tweet')} for ${source}.`);
      return undefined;
    }
    let result: TotalsResult;
    let fallback: FallbackNote | undefined;
    try {
      const outcome = options.quiet
        ? await fetchTotalsWithFallback(query, { ...this.fetchOptions(conn), signal: toAbortSignal(options.token) })
        : await this.withProgress(progressTitle(query, options.found), (signal, onProgress) => fetchTotalsWithFallback(query, { ...this.fetchOptions(conn), signal, onProgress }));
      ({ result, fallback } = outcome);
    } catch (e) {
      if (e instanceof PlanError) return this.onPlanError(e, query, source, options);
      this.deps.logger.error(`Fetch failed: ${(e as Error).message}`);
      if (!options.quiet)
        void this.offer(vscode.window.showErrorMessage(vscode.l10n.t('Fetching engagement totals failed: {0}', forNotification((e as Error).message)), actionTitle('openLog')));
      return undefined;
    }
    const found = options.found ? { duplicates: options.found.duplicates, invalid: options.found.invalid } : undefined;
    const origin = { host: conn.baseUrl, ...(conn.sandbox ? { sandbox: true } : {}) };
    const sourceUris = options.found?.sourceUris;
    const fetched: TotalsRunRecord = {
      id: newRunId(),
      profile: conn.profile,
      source,
      result,
      ...(found ? { found } : {}),
      ...(sourceUris?.length ? { sourceUris } : {}),
      ...origin,
    };
    if (options.lookup) await this.deps.store.addLookups(fetched);
    else await this.deps.store.add(fetched);
    const run = (options.lookup && this.deps.store.lookups()) || fetched;
    const what = options.lookup ? 'Hover lookups' : `Run ${run.id}`;
    this.deps.logger.info(
      `${what}: ${plural(query.tweetIds.length, 'Tweet')} from ${source}, ${plural(result.requests, 'request')}, ${plural(result.failed.length, 'failed batch', 'failed batches')}.`,
    );
    if (!options.quiet) {
      this.deps.onRunShown(run);
      if (fallback) void this.offer(vscode.window.showWarningMessage(fallbackMessage(conn.profile, fallback), actionTitle('setCredentials'), actionTitle('openLog')));
      else this.report(run);
    }
    return run;
  }

  // The helpers below are shared with the time-series commands (seriesController.ts).

  fetchOptions(conn: ActiveConnection) {
    const proxy = proxyFor(conn.baseUrl, editorProxySettings());
    return { baseUrl: conn.baseUrl, credentials: conn.credentials, concurrency: this.deps.settings.get().concurrency, logger: this.deps.logger, proxy };
  }

  withProgress<T>(title: string, work: (signal: AbortSignal | undefined, onProgress: (p: FetchProgress) => void) => Promise<T>): Promise<T> {
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
        let reported = 0;
        return work(toAbortSignal(token), (p) => {
          const pct = p.batchesTotal ? (100 * p.batchesDone) / p.batchesTotal : 0;
          const wait = p.waitingUntil && p.waitingUntil > Date.now() ? vscode.l10n.t(' — waiting {0} s for the rate limit', Math.ceil((p.waitingUntil - Date.now()) / 1000)) : '';
          progress.report({ message: vscode.l10n.t('batch {0}/{1}', p.batchesDone, p.batchesTotal) + wait, increment: Math.max(0, pct - reported) });
          reported = Math.max(reported, pct);
        });
      }),
    );
  }

  private async onPlanError(e: PlanError, query: TotalsQuery, source: string, options: { quiet?: boolean; found?: Found }): Promise<RunRecord | undefined> {
    this.deps.logger.warn(e.message);
    if (options.quiet) return undefined;
    if (e.code === 'owned-needs-oauth') {
      const publicOnlyTitle = vscode.l10n.t('Continue with public metrics only');
      const choice = await vscode.window.showWarningMessage(forNotification(e.message), publicOnlyTitle, actionTitle('setCredentials'));
      if (choice === publicOnlyTitle) {
        const pub = publicOnly(query);
        if (pub.engagementTypes.length > 0) return this.run(pub, source, options);
      }
      if (choice === actionTitle('setCredentials')) await vscode.commands.executeCommand(COMMANDS.setCredentials);
      return undefined;
    }
    if (e.code === 'no-credentials') {
      await this.offer(vscode.window.showErrorMessage(forNotification(e.message), actionTitle('setCredentials'), actionTitle('useSandbox')));
      return undefined;
    }
    void vscode.window.showErrorMessage(forNotification(e.message));
    return undefined;
  }

  async connectionOrPrompt(): Promise<ActiveConnection | undefined> {
    const conn = await this.deps.connection.current();
    if (conn) return conn;
    await this.offer(
      vscode.window.showErrorMessage(
        vscode.l10n.t('No X Engagement credentials yet. Set a Bearer token or OAuth 1.0a tokens, or try the built-in sandbox.'),
        actionTitle('setCredentials'),
        actionTitle('useSandbox'),
      ),
    );
    return this.deps.connection.current();
  }

  /** Runs the action a message button names (buttons are titled by actionTitle, in the display language). */
  async offer(choice: Thenable<string | undefined>): Promise<void> {
    const picked = await choice;
    const commands: Record<Exclude<ReportAction, 'openLog'>, string> = {
      setCredentials: COMMANDS.setCredentials,
      useSandbox: COMMANDS.useSandbox,
      retryFailed: COMMANDS.retryFailed,
    };
    if (picked === undefined) return;
    if (picked === actionTitle('openLog')) return this.deps.showLog();
    const action = (Object.keys(commands) as Array<keyof typeof commands>).find((a) => actionTitle(a) === picked);
    if (action) await vscode.commands.executeCommand(commands[action]);
  }

  /** Tells how the run went, offering the next step. */
  report(run: RunRecord): void {
    const r = runReport(run.result, run.kind === 'series' ? 'series' : 'totals');
    if (r.severity === 'info') void vscode.window.setStatusBarMessage(r.message, 8000);
    else if (r.severity === 'error') void this.offer(vscode.window.showErrorMessage(r.message, ...r.actions));
    else void this.offer(vscode.window.showWarningMessage(r.message, ...r.actions));
  }

  private async pickTypes(): Promise<EngagementType[] | undefined> {
    const s = this.deps.settings.get();
    if (!s.askForTypes) return s.defaultEngagementTypes;
    const labels = engagementTypeLabels();
    const picks = await vscode.window.showQuickPick(
      ENGAGEMENT_TYPES.map((t) => ({
        label: labels[t],
        type: t,
        picked: s.defaultEngagementTypes.includes(t),
        description: OWNED_TYPES.includes(t) ? vscode.l10n.t('{0} · OAuth 1.0a, own Tweets, last 90 days', t) : t,
      })),
      { canPickMany: true, title: vscode.l10n.t('Engagement types to fetch') },
    );
    if (!picks || picks.length === 0) return undefined;
    return picks.map((p) => p.type);
  }
}
