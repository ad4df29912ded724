// Fetch engagement totals (fetchController.ts): the command on the selection, the file or explorer
// files, Retry failed batches and Refresh run, and the `hasFailed` context key the menus read.
import * as vscode from 'vscode';
import { registerCommand } from '../../platform/usage';
import { COMMANDS, CONTEXT_KEYS, runIdOf } from '../../commands';
import { isSeriesRun } from '../../core/types';
import { FetchController, FetchDeps } from './fetchController';
import { SeriesController } from './seriesController';

export function registerFetch(deps: FetchDeps): { fetch: FetchController; series: SeriesController; disposable: vscode.Disposable } {
  const { store } = deps;
  const fetch = new FetchController(deps);
  const series = new SeriesController(deps, fetch);
  const fileArgs = (uri?: vscode.Uri, uris?: vscode.Uri[]) => [uri instanceof vscode.Uri ? uri : undefined, Array.isArray(uris) ? uris : undefined] as const;
  /** A series run's commands go to the series controller, the others to the totals one. */
  const isSeries = (runId: string | undefined) => {
    const run = runId ? store.get(runId) : undefined;
    return run !== undefined && isSeriesRun(run);
  };
  const updateFailedContext = () =>
    void vscode.commands.executeCommand(
      'setContext',
      CONTEXT_KEYS.hasFailed,
      store.runs().some((r) => r.result.failed.length > 0),
    );
  updateFailedContext();
  const disposable = vscode.Disposable.from(
    store.onDidChange(updateFailedContext),
    registerCommand(COMMANDS.fetchTotals, (uri?: vscode.Uri, uris?: vscode.Uri[]) => fetch.fetchCommand(...fileArgs(uri, uris))),
    registerCommand(COMMANDS.fetchSeries28hr, (uri?: vscode.Uri, uris?: vscode.Uri[]) => series.fetchCommand('28hr', ...fileArgs(uri, uris))),
    registerCommand(COMMANDS.fetchSeriesRange, (uri?: vscode.Uri, uris?: vscode.Uri[]) => series.fetchCommand('historical', ...fileArgs(uri, uris))),
    registerCommand(COMMANDS.retryFailed, (arg?: unknown) => {
      // Without a run: the newest run with failed batches, whatever its kind.
      const id = runIdOf(arg) ?? store.runs().find((r) => r.result.failed.length > 0)?.id;
      return isSeries(id) ? series.retryFailed(id!) : fetch.retryFailed(id);
    }),
    registerCommand(COMMANDS.refreshRun, (arg?: unknown) => {
      const id = runIdOf(arg);
      if (!id) return undefined;
      return isSeries(id) ? series.refreshRun(id) : fetch.refreshRun(id);
    }),
  );
  return { fetch, series, disposable };
}
