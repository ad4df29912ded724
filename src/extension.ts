// Composition root: wires the features and pushes every disposable into
// context.subscriptions. No logic of its own.
import * as vscode from 'vscode';
import { Logger } from './core/types';
import { Connection, promptForCredentials, SANDBOX_PROFILE } from './features/profiles/connection';
import { FetchController } from './features/fetch/fetchController';
import { Redactor } from './core/redact';
import { createLog } from './platform/log';
import { createRunStore, RunStore } from './platform/runStore';
import { VSCodeSettings } from './platform/settings';
import { registerAnnotations } from './features/hover/annotations';
import { registerHover } from './features/hover/hoverProvider';
import { ResultsPanelManager } from './features/panel/resultsPanel';
import { createResultsView, registerTreeCommands, revealRun } from './features/results/resultsTree';
import { plural } from './shared/format';
import { forIconLabel, forNotification } from './shared/untrusted';
import { COMMANDS, CONTEXT_KEYS, runIdOf } from './commands';

/** What activate returns: handles for the integration tests (no secrets in any of them). */
export interface ExtensionApi {
  store: RunStore;
  connection: Connection;
  fetch: FetchController;
  panel: ResultsPanelManager;
  logChannel: vscode.LogOutputChannel;
  /** Time spent inside activate(), ms (the footprint benchmark reads it). */
  activationMs: number;
  /** The redacting logger every feature writes through. */
  logger: Logger;
  /** Where the log and the user's settings files are, for tests that read them. */
  logUri: vscode.Uri;
  globalStorageUri: vscode.Uri;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const sub = (...d: vscode.Disposable[]) => context.subscriptions.push(...d);
  const redactor = new Redactor();
  const { channel, logger } = createLog(redactor);
  const settings = new VSCodeSettings();
  const store = createRunStore(context, logger);
  const connection = new Connection(context.secrets, context.globalState, settings, redactor);
  const panel = new ResultsPanelManager(context.extensionUri, store);
  const { provider, view, disposable: viewDisposable } = createResultsView(store);
  const fetch = new FetchController({
    connection,
    store,
    settings,
    logger,
    showLog: () => channel.show(true),
    onRunShown: (run) => {
      void revealRun(view, provider, run.id);
      panel.show(run.id);
    },
  });
  sub(channel, settings, store, connection, panel, viewDisposable, panel.registerSerializer());
  sub(registerTreeCommands(store, provider, view), registerHover(store, settings, fetch), registerAnnotations(store, settings));

  const updateFailedContext = () =>
    void vscode.commands.executeCommand(
      'setContext',
      CONTEXT_KEYS.hasFailed,
      store.runs().some((r) => r.result.failed.length > 0),
    );
  updateFailedContext();
  sub(store.onDidChange(updateFailedContext));

  const command = (id: string, fn: Parameters<typeof vscode.commands.registerCommand>[1]) => sub(vscode.commands.registerCommand(id, fn));
  command(COMMANDS.fetchTotals, (uri?: vscode.Uri, uris?: vscode.Uri[]) => fetch.fetchCommand(uri instanceof vscode.Uri ? uri : undefined, Array.isArray(uris) ? uris : undefined));
  command(COMMANDS.setCredentials, () => promptForCredentials(connection, logger));
  command(COMMANDS.useSandbox, async () => {
    const url = await connection.useSandbox();
    logger.info(`Sandbox listening on ${url}; profile "${SANDBOX_PROFILE}" is active.`);
    void vscode.window.setStatusBarMessage(`$(beaker) X Engagement sandbox on ${url}`, 5000);
    return url;
  });
  command(COMMANDS.switchProfile, async () => {
    const names = connection.names();
    const active = connection.activeName();
    const picks = [
      ...names.map((n) => ({ label: forIconLabel(n), name: n, description: n === active ? 'active' : n === SANDBOX_PROFILE ? 'local sandbox' : undefined })),
      { label: '$(add) Set credentials…', description: '', action: 'set' },
      ...(names.includes(SANDBOX_PROFILE) ? [] : [{ label: '$(beaker) Use sandbox', description: '', action: 'sandbox' }]),
    ];
    const pick = await vscode.window.showQuickPick(picks, { title: 'X Engagement: switch profile' });
    if (!pick) return;
    if ('action' in pick) return pick.action === 'set' ? promptForCredentials(connection, logger) : vscode.commands.executeCommand(COMMANDS.useSandbox);
    await connection.setActive(pick.name);
  });
  command(COMMANDS.clearCredentials, async () => {
    const names = connection.names().filter((n) => n !== SANDBOX_PROFILE);
    if (names.length === 0) return vscode.window.showInformationMessage('There are no saved credentials.');
    const name = (
      await vscode.window.showQuickPick(
        names.map((n) => ({ label: forIconLabel(n), name: n })),
        { title: 'Clear credentials: which profile?' },
      )
    )?.name;
    if (!name) return;
    const confirm = await vscode.window.showWarningMessage(
      `Remove the credentials of "${forNotification(name)}" from secret storage? To use them again you will have to enter them again.`,
      { modal: true },
      'Remove',
    );
    if (confirm !== 'Remove') return;
    await connection.remove(name);
    void vscode.window.showInformationMessage(`Removed the credentials of "${forNotification(name)}" from secret storage.`);
  });
  command(COMMANDS.retryFailed, (arg?: unknown) => fetch.retryFailed(runIdOf(arg)));
  command(COMMANDS.refreshRun, (arg?: unknown) => {
    const id = runIdOf(arg);
    return id ? fetch.refreshRun(id) : undefined;
  });
  command(COMMANDS.showPanel, (arg?: unknown) => {
    const id = runIdOf(arg) ?? store.runs()[0]?.id;
    if (id) panel.show(id);
    else void vscode.window.showInformationMessage('No results yet: run Fetch engagement totals first.');
  });
  command(COMMANDS.openLog, () => channel.show());
  command(COMMANDS.clearCache, async () => {
    const runs = store.runs();
    if (runs.length === 0) return vscode.window.showInformationMessage('There are no cached results.');
    const tweets = runs.reduce((n, r) => n + r.result.query.tweetIds.length, 0);
    const what = `${plural(runs.length, 'cached run')} (${plural(tweets, 'Tweet')})`;
    const confirm = await vscode.window.showWarningMessage(`Clear ${what}? They are deleted for every window; hovers and the panel lose their numbers.`, { modal: true }, 'Clear');
    if (confirm !== 'Clear') return;
    await store.clear();
    void vscode.window.setStatusBarMessage('X Engagement: cached results cleared', 4000);
  });

  if (settings.get().useSandboxOnStart) void vscode.commands.executeCommand(COMMANDS.useSandbox);
  return {
    store,
    connection,
    fetch,
    panel,
    logChannel: channel,
    logger,
    logUri: context.logUri,
    globalStorageUri: context.globalStorageUri,
    activationMs: performance.now() - started,
  };
}

export function deactivate(): void {}
