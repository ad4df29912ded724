// Set credentials: the interactive flow (profile → kind → secrets → optional test request → save)
// and the test request itself.
import * as vscode from 'vscode';
import { checkCredentials, describeChecks } from '../../core/credentialsCheck';
import { proxyFor } from '../../core/proxy';
import { Credentials, Logger, OAuth1Credentials } from '../../core/types';
import { editorProxySettings } from '../../platform/settings';
import { forIconLabel, forLabel, forNotification } from '../../shared/untrusted';
import { Connection, SANDBOX_PROFILE } from './connection';
import { profileNameProblem } from './rules';

/** Tests every credential kind the profile holds (checkCredentials), through the editor's proxy settings. */
export async function testCredentials(credentials: Credentials, baseUrl: string, logger?: Logger): Promise<{ ok: boolean; message: string }> {
  const checks = await checkCredentials(credentials, { baseUrl, logger, proxy: proxyFor(baseUrl, editorProxySettings()) });
  return { ok: checks.every((c) => c.ok), message: describeChecks(checks) };
}

/** The interactive "Set credentials" flow. Returns the saved profile name. */
export async function promptForCredentials(connection: Connection, logger?: Logger): Promise<string | undefined> {
  const existing = connection.names().filter((n) => n !== SANDBOX_PROFILE);
  const NEW = { label: '$(add) New profile…', name: undefined };
  const picked = existing.length
    ? await vscode.window.showQuickPick([NEW, ...existing.map((n) => ({ label: forIconLabel(n), name: n }))], {
        title: 'Set credentials (1/3): profile',
        placeHolder: 'A profile holds one set of credentials, e.g. one per handle',
      })
    : NEW;
  if (!picked) return undefined;
  let name = picked.name;
  if (name === undefined) {
    name = await vscode.window.showInputBox({
      title: 'Set credentials (1/3): profile name',
      value: existing.length ? '' : 'default',
      prompt: 'A name for these credentials (e.g. the handle they belong to)',
      validateInput: profileNameProblem,
    });
    if (!name) return undefined;
    name = name.trim();
  }
  const kind = await vscode.window.showQuickPick(
    [
      { label: 'Bearer token', description: 'app-only', detail: 'Public metrics (favorites, retweets, replies, quotes, video views) of any Tweet', id: 'bearer' as const },
      {
        label: 'OAuth 1.0a user context',
        description: 'consumer key/secret + access token/secret',
        detail: "Also impressions and engagements, for the user's own Tweets of the last 90 days",
        id: 'oauth' as const,
      },
    ],
    { title: `Set credentials (2/3): kind for "${forLabel(name)}"` },
  );
  if (!kind) return undefined;
  const previous = (await connection.load(name)) ?? {};
  const ask = (title: string, prompt: string) =>
    vscode.window.showInputBox({ title, prompt, password: true, ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Required.') });
  const credentials: Credentials = { ...previous };
  if (kind.id === 'bearer') {
    const token = await ask('Set credentials (3/3): Bearer token', "The app-only Bearer token (stored in VS Code's secret storage only)");
    if (!token) return undefined;
    credentials.bearerToken = token.trim();
  } else {
    const fields: Array<[keyof OAuth1Credentials, string]> = [
      ['consumerKey', 'Consumer key (API key)'],
      ['consumerSecret', 'Consumer secret (API secret)'],
      ['accessToken', 'Access token'],
      ['accessTokenSecret', 'Access token secret'],
    ];
    const oauth: Partial<OAuth1Credentials> = {};
    for (const [i, [key, label]] of fields.entries()) {
      const v = await ask(`Set credentials (3/3): ${label} (${i + 1}/4)`, `${label} of the Tweet owner's app (stored in VS Code's secret storage only)`);
      if (!v) return undefined;
      oauth[key] = v.trim();
    }
    credentials.oauth = oauth as OAuth1Credentials;
  }
  const test = await vscode.window.showQuickPick(['Test with one request, then save', 'Save without testing'], { title: 'Set credentials: test them?' });
  if (!test) return undefined;
  if (test.startsWith('Test')) {
    connection.redact(credentials); // the log and the test's own messages leave them out from the first request on
    logger?.info(`Testing the credentials of "${name}" against ${connection.apiBaseUrl()}`);
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Testing credentials…' }, () =>
      testCredentials(credentials, connection.apiBaseUrl(), logger).catch((e: Error) => ({ ok: false, message: e.message })),
    );
    logger?.info(`Credentials test for "${name}": ${outcome.ok ? 'accepted' : outcome.message}`);
    if (!outcome.ok) {
      const choice = await vscode.window.showWarningMessage(`The test request failed. ${forNotification(outcome.message)}`, 'Save anyway', 'Cancel');
      if (choice !== 'Save anyway') return undefined;
    }
  }
  await connection.save(name, credentials);
  void vscode.window.showInformationMessage(`Saved credentials for "${forNotification(name)}" in secret storage; it is now the active profile.`);
  return name;
}
