// The status bar item: the active profile (or "no credentials"), click to switch or set one.
// Shown only once the extension has been used (platform/usage.ts) or a profile exists.
import * as vscode from 'vscode';
import { COMMANDS, STATUS_BAR_ITEM } from '../../commands';
import { forIconLabel, forTooltip } from '../../shared/untrusted';
import { Connection, SANDBOX_PROFILE } from './connection';
import { hostLabel } from './rules';
import type { Usage } from '../../platform/usage';

export function createProfileStatusItem(connection: Connection, usage: Usage): { item: vscode.StatusBarItem; disposable: vscode.Disposable } {
  const item = vscode.window.createStatusBarItem(STATUS_BAR_ITEM, vscode.StatusBarAlignment.Left, 50);
  item.name = vscode.l10n.t('X Engagement profile');
  const update = () => {
    const name = connection.activeName();
    const sandboxUrl = connection.sandboxUrl();
    item.text = name ? `$(${name === SANDBOX_PROFILE ? 'beaker' : 'account'}) X: ${forIconLabel(name)}` : `$(key) X: ${vscode.l10n.t('no credentials')}`;
    item.tooltip = name
      ? vscode.l10n.t('X Engagement profile "{0}", sending to {1}. Click to switch.', forTooltip(name), forTooltip(hostLabel(connection.hostOf(name), sandboxUrl)))
      : vscode.l10n.t('X Engagement: set credentials or use the sandbox.');
    item.command = name ? COMMANDS.switchProfile : COMMANDS.setCredentials;
    item.accessibilityInformation = {
      label: name ? vscode.l10n.t('X Engagement profile {0}. Switch profile.', name) : vscode.l10n.t('X Engagement: no credentials. Set credentials.'),
    };
    if (name !== undefined || connection.savedNames().length > 0) usage.markUsed();
    if (usage.used) item.show();
    else item.hide();
  };
  update();
  return { item, disposable: vscode.Disposable.from(item, connection.onDidChange(update), usage.onDidChange(update)) };
}
