// The profiles feature: credentials profiles in SecretStorage, the active one in the status bar,
// the built-in sandbox, and the commands Set credentials, Use sandbox, Switch profile and Clear
// credentials.
import * as vscode from 'vscode';
import { registerCommand, Usage } from '../../platform/usage';
import { COMMANDS } from '../../commands';
import { Redactor } from '../../core/redact';
import { Logger } from '../../core/types';
import { SettingsReader } from '../../platform/services';
import { forIconLabel, forNotification } from '../../shared/untrusted';
import { Connection, SANDBOX_PROFILE } from './connection';
import { hostLabel, kindLabel, startsSandbox } from './rules';
import { createProfileStatusItem } from './statusBar';
import { promptForCredentials } from './wizard';

export interface ProfilesDeps {
  secrets: vscode.SecretStorage;
  state: vscode.Memento;
  settings: SettingsReader;
  redactor: Redactor;
  logger: Logger;
  usage: Usage;
}

export function registerProfiles(deps: ProfilesDeps): { connection: Connection; statusItem: vscode.StatusBarItem; disposable: vscode.Disposable } {
  const { logger } = deps;
  const connection = new Connection(deps.secrets, deps.state, deps.settings, deps.redactor, logger);
  const status = createProfileStatusItem(connection, deps.usage);
  const disposable = vscode.Disposable.from(
    connection,
    status.disposable,
    registerCommand(COMMANDS.setCredentials, () => promptForCredentials(connection, logger)),
    registerCommand(COMMANDS.useSandbox, async () => {
      const url = await connection.useSandbox();
      logger.info(`Profile "${SANDBOX_PROFILE}" is active (sandbox on ${url}).`);
      void vscode.window.setStatusBarMessage(`$(beaker) ${vscode.l10n.t('X Engagement sandbox on {0}', url)}`, 5000);
      return url;
    }),
    registerCommand(COMMANDS.switchProfile, () => switchProfile(connection, logger)),
    registerCommand(COMMANDS.clearCredentials, () => clearCredentials(connection)),
  );
  const lastChosen = connection.lastChosen();
  if (startsSandbox(deps.settings.get().useSandboxOnStart, lastChosen)) void vscode.commands.executeCommand(COMMANDS.useSandbox);
  else if (deps.settings.get().useSandboxOnStart) logger.info(`useSandboxOnStart: keeping the profile "${lastChosen}" you chose last (Use sandbox switches to the sandbox).`);
  return { connection, statusItem: status.item, disposable };
}

async function switchProfile(connection: Connection, logger: Logger): Promise<unknown> {
  const names = connection.names();
  const active = connection.activeName();
  const sandboxUrl = connection.sandboxUrl();
  // Each profile with what it holds and where it sends: "OAuth 1.0a + Bearer · data-api.x.com".
  const described = await Promise.all(
    names.map(async (n) => {
      const kind = n === SANDBOX_PROFILE ? vscode.l10n.t('sandbox credentials') : kindLabel(await connection.load(n));
      const parts = [kind, forIconLabel(hostLabel(connection.hostOf(n), sandboxUrl)), ...(n === active ? [vscode.l10n.t('active')] : [])];
      return { label: forIconLabel(n), name: n, description: parts.join(' · ') };
    }),
  );
  const picks = [
    ...described,
    { label: `$(add) ${vscode.l10n.t('Set credentials…')}`, description: '', action: 'set' },
    ...(names.includes(SANDBOX_PROFILE) ? [] : [{ label: `$(beaker) ${vscode.l10n.t('Use sandbox')}`, description: '', action: 'sandbox' }]),
  ];
  const pick = await vscode.window.showQuickPick(picks, { title: vscode.l10n.t('X Engagement: switch profile') });
  if (!pick) return;
  if ('action' in pick) return pick.action === 'set' ? promptForCredentials(connection, logger) : vscode.commands.executeCommand(COMMANDS.useSandbox);
  await connection.setActive(pick.name);
}

async function clearCredentials(connection: Connection): Promise<unknown> {
  const names = connection.savedNames();
  if (names.length === 0) return vscode.window.showInformationMessage(vscode.l10n.t('There are no saved credentials.'));
  const name = (
    await vscode.window.showQuickPick(
      names.map((n) => ({ label: forIconLabel(n), name: n })),
      { title: vscode.l10n.t('Clear credentials: which profile?') },
    )
  )?.name;
  if (!name) return;
  const remove = vscode.l10n.t('Remove');
  const confirm = await vscode.window.showWarningMessage(
    vscode.l10n.t('Remove the credentials of "{0}" from secret storage? To use them again you will have to enter them again.', forNotification(name)),
    { modal: true },
    remove,
  );
  if (confirm !== remove) return;
  await connection.remove(name);
  void vscode.window.showInformationMessage(vscode.l10n.t('Removed the credentials of "{0}" from secret storage.', forNotification(name)));
}
