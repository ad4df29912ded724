// Composition root: creates the platform services, registers each feature (src/features/*/
// register.ts) and hands the features what they share: the results store, the settings, the log,
// and two callbacks between features. Every disposable goes into context.subscriptions.
import * as vscode from 'vscode';
import { COMMANDS } from './commands';
import { Redactor } from './core/redact';
import { Logger } from './core/types';
import type { SeriesController } from './features/fetch/seriesController';
import { registerFetch } from './features/fetch/register';
import type { FetchController } from './features/fetch/fetchController';
import { registerHoverFeature } from './features/hover/register';
import { registerPanel } from './features/panel/register';
import type { ResultsPanelManager } from './features/panel/resultsPanel';
import { registerProfiles, type Connection } from './features/profiles';
import { registerResults } from './features/results/register';
import { registerWalkthrough } from './features/walkthrough/register';
import { configureL10n } from './platform/l10n';
import { createLog } from './platform/log';
import { registerCommand, trackUsage, Usage } from './platform/usage';
import { createRunStore, RunStore } from './platform/runStore';
import { VSCodeSettings } from './platform/settings';

/** What activate returns: handles for the integration tests (no secrets in any of them). */
export interface ExtensionApi {
  store: RunStore;
  connection: Connection;
  fetch: FetchController;
  /** The time-series commands (tests call them with a window, skipping the pick). */
  series: SeriesController;
  panel: ResultsPanelManager;
  /** The status bar item that shows the active profile. */
  profileStatus: vscode.StatusBarItem;
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
  configureL10n();
  const redactor = new Redactor();
  const { channel, logger } = createLog(redactor);
  const settings = new VSCodeSettings();
  const store = createRunStore(context, logger);
  const usage = new Usage(context.globalState);

  const profiles = registerProfiles({ secrets: context.secrets, state: context.globalState, settings, redactor, logger, usage });
  const results = registerResults(store);
  const { panel, disposable: panelDisposable } = registerPanel(context.extensionUri, store, settings);
  const {
    fetch,
    series,
    disposable: fetchDisposable,
  } = registerFetch({
    connection: profiles.connection,
    store,
    settings,
    logger,
    showLog: () => channel.show(true),
    onRunShown: (run) => {
      void results.reveal(run.id);
      panel.showAfterFetch(run.id);
    },
  });
  context.subscriptions.push(
    channel,
    settings,
    store,
    usage,
    trackUsage(usage),
    usage.watchRuns(store),
    profiles.disposable,
    results.disposable,
    panelDisposable,
    fetchDisposable,
    registerHoverFeature(store, settings, fetch),
    registerWalkthrough(context.extensionUri),
    registerCommand(COMMANDS.openLog, () => channel.show()),
  );

  return {
    store,
    connection: profiles.connection,
    fetch,
    series,
    panel,
    profileStatus: profiles.statusItem,
    logChannel: channel,
    logger,
    logUri: context.logUri,
    globalStorageUri: context.globalStorageUri,
    activationMs: performance.now() - started,
  };
}

export function deactivate(): void {}
