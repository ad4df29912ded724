// Fetch engagement totals (fetchController.ts): the command on the selection, the file or explorer
// files, Retry failed batches and Refresh run, and the `hasFailed` context key the menus read.
import * as vscode from 'vscode';
import { registerCommand } from '../../platform/usage';
import { COMMANDS, CONTEXT_KEYS, runIdOf } from '../../commands';
import { FetchController, FetchDeps } from './fetchController';

export function registerFetch(deps: FetchDeps): { fetch: FetchController; disposable: vscode.Disposable } {
  const { store } = deps;
  const fetch = new FetchController(deps);
  const updateFailedContext = () =>
    void vscode.commands.executeCommand(
      'setContext',
      CONTEXT_KEYS.hasFailed,
      store.runs().some((r) => r.result.failed.length > 0),
    );
  updateFailedContext();
  const disposable = vscode.Disposable.from(
    store.onDidChange(updateFailedContext),
    registerCommand(COMMANDS.fetchTotals, (uri?: vscode.Uri, uris?: vscode.Uri[]) =>
      fetch.fetchCommand(uri instanceof vscode.Uri ? uri : undefined, Array.isArray(uris) ? uris : undefined),
    ),
    registerCommand(COMMANDS.retryFailed, (arg?: unknown) => fetch.retryFailed(runIdOf(arg))),
    registerCommand(COMMANDS.refreshRun, (arg?: unknown) => {
      const id = runIdOf(arg);
      return id ? fetch.refreshRun(id) : undefined;
    }),
  );
  return { fetch, disposable };
}
