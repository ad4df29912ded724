// Fetch engagement time series: the same ID sources as totals (selection, file, explorer files,
// notebook) → /28hr, or /historical over a range picked from a list or typed → a series run in the
// store, beside the totals runs. Progress, cancellation, the offers after a run and the
// connection prompt are the totals command's (fetchController.ts).
import * as vscode from 'vscode';
import { DEFAULT_SERIES_TYPES, fetchSeries, retrySeriesFailed, SeriesQuery } from '../../core/seriesRun';
import { isSeriesRun, SERIES_ENGAGEMENT_TYPES, SeriesEngagementType, SeriesRunRecord, seriesTypeLabels } from '../../core/types';
import { counted, plural } from '../../shared/format';
import { forNotification } from '../../shared/untrusted';
import { newRunId } from '../../platform/runStore';
import { COMMANDS } from '../../commands';
import type { ActiveConnection } from '../profiles';
import { FetchController, FetchDeps } from './fetchController';
import { actionTitle, noIdsMessage, progressTitle } from './messages';
import { checkEndDay, checkStartDay, customRange, PRESET_DAYS, presetRange, rangeDays, SeriesRange, seriesGroupingsFor } from './seriesRange';
import { collectIds, type Found } from './sources';

/** What the command fetches: the last 28 hours, or a range of days. */
export type SeriesWindowChoice = { endpoint: '28hr' } | { endpoint: 'historical'; range: SeriesRange };

export class SeriesController {
  constructor(
    private readonly deps: FetchDeps,
    private readonly totals: FetchController,
  ) {}

  /**
   * The commands: IDs from the explorer files, else the active editor's selections or whole file.
   * `window` (tests, or a caller that knows): skip the range pick.
   */
  async fetchCommand(endpoint: '28hr' | 'historical', uri?: vscode.Uri, uris?: vscode.Uri[], window?: SeriesWindowChoice): Promise<SeriesRunRecord | undefined> {
    const found = await collectIds(uri, uris, undefined, (line) => this.deps.logger.warn(line));
    if (!found) return undefined;
    if (found.ids.length === 0) {
      void vscode.window.showWarningMessage(noIdsMessage(found));
      return undefined;
    }
    const choice = window ?? (endpoint === '28hr' ? { endpoint } : await this.pickRange());
    if (!choice) return undefined;
    const types = await this.pickTypes();
    if (!types) return undefined;
    const now = Date.now();
    const query: SeriesQuery =
      choice.endpoint === '28hr'
        ? { endpoint: '28hr', tweetIds: found.ids, engagementTypes: types, groupings: seriesGroupingsFor(undefined) }
        : {
            endpoint: 'historical',
            tweetIds: found.ids,
            engagementTypes: types,
            groupings: seriesGroupingsFor(rangeDays(choice.range, now)),
            start: choice.range.start,
            ...(choice.range.end ? { end: choice.range.end } : {}),
          };
    return this.run(query, found.source, found);
  }

  /** Refresh run: the same query (IDs, types, window) again, into the same place in the list. */
  async refreshRun(runId: string): Promise<SeriesRunRecord | undefined> {
    const run = this.deps.store.get(runId);
    if (!run || !isSeriesRun(run)) return undefined;
    return this.run(run.result.query, run.source, run.found ? { ids: run.result.query.tweetIds, source: run.source, sourceUris: run.sourceUris, ...run.found } : undefined);
  }

  /** Fetches only the failed batches (Tweets × window) of a series run again. */
  async retryFailed(runId: string): Promise<void> {
    const run = this.deps.store.get(runId);
    if (!run || !isSeriesRun(run) || run.result.failed.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No failed batches to retry.'));
      return;
    }
    const conn = await this.connection();
    if (!conn) return;
    const result = await this.totals.withProgress(
      vscode.l10n.t('Retrying {0} of the time series', counted(run.result.failed.length, vscode.l10n.t('{0} failed batch'), vscode.l10n.t('{0} failed batches'))),
      (signal, onProgress) => retrySeriesFailed(run.result, { ...this.totals.fetchOptions(conn), signal, onProgress }),
    );
    const updated: SeriesRunRecord = { ...run, result };
    await this.deps.store.replace(updated);
    this.deps.onRunShown(updated);
    this.totals.report(updated);
  }

  private async run(query: SeriesQuery, source: string, found?: Found): Promise<SeriesRunRecord | undefined> {
    const conn = await this.connection();
    if (!conn) return undefined;
    let result;
    try {
      result = await this.totals.withProgress(progressTitle(query, found), (signal, onProgress) => fetchSeries(query, { ...this.totals.fetchOptions(conn), signal, onProgress }));
    } catch (e) {
      const message = forNotification((e as Error).message);
      this.deps.logger.warn(`Time series not fetched: ${(e as Error).message}`);
      void this.totals.offer(vscode.window.showErrorMessage(vscode.l10n.t('Fetching the time series failed: {0}', message), actionTitle('openLog')));
      return undefined;
    }
    const run: SeriesRunRecord = {
      id: newRunId(),
      kind: 'series',
      profile: conn.profile,
      source,
      result,
      host: conn.baseUrl,
      ...(conn.sandbox ? { sandbox: true } : {}),
      ...(found ? { found: { duplicates: found.duplicates, invalid: found.invalid } } : {}),
      ...(found?.sourceUris?.length ? { sourceUris: found.sourceUris } : {}),
    };
    await this.deps.store.add(run);
    this.deps.logger.info(
      `Run ${run.id} (time series, ${query.endpoint}): ${plural(query.tweetIds.length, 'Tweet')} from ${source}, ${plural(result.requests, 'request')}, ${plural(result.failed.length, 'failed batch', 'failed batches')}, ${plural(result.forbiddenTweetIds.length, 'Tweet')} not owned.`,
    );
    this.deps.onRunShown(run);
    this.totals.report(run);
    return run;
  }

  /** The active connection, when it can fetch time series (OAuth 1.0a user context); otherwise says so and offers the fix. */
  private async connection(): Promise<ActiveConnection | undefined> {
    const conn = await this.totals.connectionOrPrompt();
    if (!conn) return undefined;
    if (!conn.credentials.oauth) {
      this.deps.logger.warn(`Profile "${conn.profile}" has no OAuth 1.0a user context: time series not fetched.`);
      await this.offerUserContext(conn.profile);
      return undefined;
    }
    return conn;
  }

  private async offerUserContext(profile: string): Promise<void> {
    const set = vscode.l10n.t('Set credentials');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Time series need OAuth 1.0a user context (consumer key and secret, access token and secret): the profile "{0}" has none, and a Bearer token gets 403 from /28hr and /historical. Set OAuth 1.0a credentials for it, or use the sandbox.',
        forNotification(profile),
      ),
      set,
      vscode.l10n.t('Use sandbox'),
    );
    if (choice === set) await vscode.commands.executeCommand(COMMANDS.setCredentials);
    else if (choice) await vscode.commands.executeCommand(COMMANDS.useSandbox);
  }

  /** The range quick pick: the presets, or custom dates typed and checked as they are typed. */
  private async pickRange(): Promise<SeriesWindowChoice | undefined> {
    const now = Date.now();
    const custom = { label: vscode.l10n.t('Custom dates…'), description: vscode.l10n.t('from and to, YYYY-MM-DD (UTC)'), days: 0 };
    const picks = [
      ...PRESET_DAYS.map((days) => ({
        label: vscode.l10n.t('Last {0} days', days),
        description: days > 28 ? vscode.l10n.t('daily buckets') : vscode.l10n.t('hourly buckets'),
        days,
      })),
      custom,
    ];
    const picked = await vscode.window.showQuickPick(picks, { title: vscode.l10n.t('Time series: which dates?') });
    if (!picked) return undefined;
    if (picked !== custom) return { endpoint: 'historical', range: presetRange(picked.days, now) };
    const start = await vscode.window.showInputBox({
      title: vscode.l10n.t('Time series from (UTC day, included)'),
      placeHolder: 'YYYY-MM-DD',
      validateInput: (text) => checkStartDay(text, Date.now()),
    });
    if (!start) return undefined;
    const end = await vscode.window.showInputBox({
      title: vscode.l10n.t('Time series to (UTC day, included)'),
      placeHolder: 'YYYY-MM-DD',
      value: new Date(now).toISOString().slice(0, 10),
      validateInput: (text) => checkEndDay(text, start, Date.now()),
    });
    if (!end) return undefined;
    const range = customRange(start, end, Date.now());
    return range ? { endpoint: 'historical', range } : undefined;
  }

  /** The settings' types the time series have, with impressions and engagements (user context has them); all 17 on request. */
  private async pickTypes(): Promise<SeriesEngagementType[] | undefined> {
    const s = this.deps.settings.get();
    const series = new Set<string>(SERIES_ENGAGEMENT_TYPES);
    const defaults = [...new Set<string>(['impressions', 'engagements', ...s.defaultEngagementTypes])].filter((t): t is SeriesEngagementType => series.has(t));
    if (!s.askForTypes) return defaults.length ? defaults : [...DEFAULT_SERIES_TYPES];
    const labels = seriesTypeLabels();
    const picks = await vscode.window.showQuickPick(
      SERIES_ENGAGEMENT_TYPES.map((t) => ({ label: labels[t], description: t, type: t, picked: defaults.includes(t) })),
      { canPickMany: true, title: vscode.l10n.t('Engagement types of the time series') },
    );
    if (!picks || picks.length === 0) return undefined;
    return picks.map((p) => p.type);
  }
}
