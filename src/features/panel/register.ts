// The results panel: a webview (resultsPanel.ts) showing one run as a table, chart and sections,
// restored after a reload, and the Show in panel command.
import * as vscode from 'vscode';
import { registerCommand } from '../../platform/usage';
import { COMMANDS, runIdOf } from '../../commands';
import { RunStore } from '../../platform/runStore';
import { ResultsPanelManager } from './resultsPanel';

export function registerPanel(extensionUri: vscode.Uri, store: RunStore): { panel: ResultsPanelManager; disposable: vscode.Disposable } {
  const panel = new ResultsPanelManager(extensionUri, store);
  const disposable = vscode.Disposable.from(
    panel,
    panel.registerSerializer(),
    registerCommand(COMMANDS.showPanel, (arg?: unknown) => {
      const id = runIdOf(arg) ?? store.latest()?.id;
      if (id) panel.show(id);
      else void vscode.window.showInformationMessage('No results yet: run Fetch engagement totals first.');
    }),
  );
  return { panel, disposable };
}
