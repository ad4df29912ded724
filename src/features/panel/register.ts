// The results panel: a webview (resultsPanel.ts) showing one run as a table, chart and sections,
// restored after a reload, and the Show in panel command. After a fetch it opens where
// xEngagement.panel.openIn says, without taking the focus (showAfterFetch).
import * as vscode from 'vscode';
import { registerCommand } from '../../platform/usage';
import { COMMANDS, runIdOf } from '../../commands';
import { RunStore } from '../../platform/runStore';
import { SettingsReader } from '../../platform/services';
import { ResultsPanelManager } from './resultsPanel';

export function registerPanel(extensionUri: vscode.Uri, store: RunStore, settings: SettingsReader): { panel: ResultsPanelManager; disposable: vscode.Disposable } {
  const panel = new ResultsPanelManager(extensionUri, store, () => settings.get().panelOpenIn);
  const disposable = vscode.Disposable.from(
    panel,
    panel.registerSerializer(),
    registerCommand(COMMANDS.showPanel, (arg?: unknown) => {
      const id = runIdOf(arg) ?? store.latest()?.id;
      // Asked for: the panel may take the focus.
      if (id) panel.show(id, { focus: true });
      else void vscode.window.showInformationMessage(vscode.l10n.t('No results yet: run Fetch engagement totals first.'));
    }),
  );
  return { panel, disposable };
}
