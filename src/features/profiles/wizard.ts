// Set credentials: the interactive flow (profile → kind → secrets → optional test request → save)
// and the test request itself.
import * as vscode from 'vscode';
import { checkCredentials, describeChecks } from '../../core/credentialsCheck';
import { proxyFor } from '../../core/proxy';
import { Credentials, Logger, OAuth1Credentials } from '../../core/types';
import { editorProxySettings } from '../../platform/settings';
import { forIconLabel, forLabel, forNotification } from '../../shared/untrusted';
import { Connection } from './connection';
import { hostChoices, hostLabel, hostProblem, profileNameProblem, SANDBOX_HOST } from './rules';

/** Tests every credential kind the profile holds (checkCredentials), through the editor's proxy settings. */
export async function testCredentials(credentials: Credentials, baseUrl: string, logger?: Logger): Promise<{ ok: boolean; message: string }> {
  const checks = await checkCredentials(credentials, { baseUrl, logger, proxy: proxyFor(baseUrl, editorProxySettings()) });
  return { ok: checks.every((c) => c.ok), message: describeChecks(checks) };
}

type Field = 'bearerToken' | keyof OAuth1Credentials;

/** How each secret field is named to the user, in the display language. */
function fieldName(field: Field): string {
  switch (field) {
    case 'bearerToken':
      return vscode.l10n.t('Bearer token');
    case 'consumerKey':
      return vscode.l10n.t('Consumer key (API key)');
    case 'consumerSecret':
      return vscode.l10n.t('Consumer secret (API secret)');
    case 'accessToken':
      return vscode.l10n.t('Access token');
    case 'accessTokenSecret':
      return vscode.l10n.t('Access token secret');
  }
}
const OAUTH_FIELDS: Array<keyof OAuth1Credentials> = ['consumerKey', 'consumerSecret', 'accessToken', 'accessTokenSecret'];

function askSecret(title: string, prompt: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title, prompt, password: true, ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Required.')) });
}

/** The profile's host: the known hosts, the running sandbox and the default offered; any https (or loopback) URL accepted. */
async function pickHost(connection: Connection, name: string, current: string): Promise<string | undefined> {
  const sandboxUrl = connection.sandboxUrl();
  const items = hostChoices(current, connection.apiBaseUrl()).map((host) => ({
    label: host === SANDBOX_HOST ? `$(beaker) ${vscode.l10n.t('Built-in sandbox')}` : forIconLabel(host),
    description: [
      host === current ? vscode.l10n.t('current') : '',
      host === connection.apiBaseUrl() ? vscode.l10n.t('default ({0})', 'xEngagement.apiBaseUrl') : '',
      host === SANDBOX_HOST ? hostLabel(host, sandboxUrl) : '',
    ]
      .filter(Boolean)
      .join(' · '),
    host,
  }));
  const other = { label: `$(edit) ${vscode.l10n.t('Other…')}`, description: vscode.l10n.t('an https URL, or http on a loopback address'), host: undefined };
  const title = vscode.l10n.t('Set credentials (2/4): API host for "{0}"', forLabel(name));
  const picked = await vscode.window.showQuickPick([...items, other], {
    ignoreFocusOut: true,
    title,
    placeHolder: vscode.l10n.t('Where this profile sends its requests'),
  });
  if (!picked) return undefined;
  if (picked.host !== undefined) return picked.host;
  const typed = await vscode.window.showInputBox({
    ignoreFocusOut: true,
    title,
    value: 'https://',
    prompt: vscode.l10n.t('Base URL of the Engagement API'),
    validateInput: hostProblem,
  });
  return typed?.trim() || undefined;
}

/** The interactive "Set credentials" flow: profile → host → kind → secrets → test (edit one field and test again) → save. Returns the saved profile name. */
export async function promptForCredentials(connection: Connection, logger?: Logger): Promise<string | undefined> {
  const existing = connection.savedNames();
  const NEW = { label: `$(add) ${vscode.l10n.t('New profile…')}`, name: undefined };
  const picked = existing.length
    ? await vscode.window.showQuickPick([NEW, ...existing.map((n) => ({ label: forIconLabel(n), name: n }))], {
        ignoreFocusOut: true,
        title: vscode.l10n.t('Set credentials (1/4): profile'),
        placeHolder: vscode.l10n.t('A profile holds one set of credentials and its API host, e.g. one per handle'),
      })
    : NEW;
  if (!picked) return undefined;
  let name = picked.name;
  if (name === undefined) {
    name = await vscode.window.showInputBox({
      ignoreFocusOut: true,
      title: vscode.l10n.t('Set credentials (1/4): profile name'),
      value: existing.length ? '' : 'default',
      prompt: vscode.l10n.t('A name for these credentials (e.g. the handle they belong to)'),
      validateInput: profileNameProblem,
    });
    if (!name) return undefined;
    name = name.trim();
  }
  const host = await pickHost(connection, name, connection.hostOf(name));
  if (!host) return undefined;
  const kind = await vscode.window.showQuickPick(
    [
      {
        label: fieldName('bearerToken'),
        description: vscode.l10n.t('app-only'),
        detail: vscode.l10n.t('Public metrics (Likes, Reposts, Replies, Quotes, Video views) of any Tweet'),
        id: 'bearer' as const,
      },
      {
        label: vscode.l10n.t('OAuth 1.0a user context'),
        description: vscode.l10n.t('consumer key/secret + access token/secret'),
        detail: vscode.l10n.t("Also impressions and engagements, for the user's own Tweets of the last 90 days"),
        id: 'oauth' as const,
      },
    ],
    { ignoreFocusOut: true, title: vscode.l10n.t('Set credentials (3/4): kind for "{0}"', forLabel(name)) },
  );
  if (!kind) return undefined;
  const credentials: Credentials = { ...((await connection.load(name)) ?? {}) };
  if (kind.id === 'bearer') {
    const token = await askSecret(
      vscode.l10n.t('Set credentials (4/4): {0}', fieldName('bearerToken')),
      vscode.l10n.t("The app-only Bearer token (stored in VS Code's secret storage only)"),
    );
    if (!token) return undefined;
    credentials.bearerToken = token.trim();
  } else {
    const oauth: Partial<OAuth1Credentials> = {};
    for (const [i, key] of OAUTH_FIELDS.entries()) {
      const v = await askSecret(
        vscode.l10n.t('Set credentials (4/4): {0} ({1}/4)', fieldName(key), i + 1),
        vscode.l10n.t("{0} of the Tweet owner's app (stored in VS Code's secret storage only)", fieldName(key)),
      );
      if (!v) return undefined;
      oauth[key] = v.trim();
    }
    credentials.oauth = oauth as OAuth1Credentials;
  }
  const testFirst = vscode.l10n.t('Test with one request, then save');
  const test = await vscode.window.showQuickPick([testFirst, vscode.l10n.t('Save without testing')], {
    ignoreFocusOut: true,
    title: vscode.l10n.t('Set credentials: test them?'),
  });
  if (!test) return undefined;
  if (test === testFirst) {
    for (;;) {
      connection.redact(credentials); // the log and the test's own messages leave them out from the first request on
      const baseUrl = await connection.resolveHost(host);
      logger?.info(`Testing the credentials of "${name}" against ${baseUrl}`);
      const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Testing credentials…') }, () =>
        testCredentials(credentials, baseUrl, logger).catch((e: Error) => ({ ok: false, message: e.message })),
      );
      logger?.info(`Credentials test for "${name}": ${outcome.ok ? 'accepted' : outcome.message}`);
      if (outcome.ok) break;
      const [editField, saveAnyway] = [vscode.l10n.t('Edit a field…'), vscode.l10n.t('Save anyway')];
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('The test request failed. {0}', forNotification(outcome.message)),
        editField,
        saveAnyway,
        vscode.l10n.t('Cancel'),
      );
      if (choice === saveAnyway) break;
      if (choice !== editField || !(await editOneField(credentials))) return undefined;
    }
  }
  await connection.save(name, credentials, host);
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved credentials for "{0}" in secret storage; it is now the active profile.', forNotification(name)));
  return name;
}

/** Asks which one field was wrong and for its new value (the others are kept). False when cancelled. */
async function editOneField(credentials: Credentials): Promise<boolean> {
  const held: Field[] = [...(credentials.bearerToken ? (['bearerToken'] as const) : []), ...(credentials.oauth ? OAUTH_FIELDS : [])];
  const pick = await vscode.window.showQuickPick(
    held.map((field) => ({ label: fieldName(field), field })),
    {
      ignoreFocusOut: true,
      title: vscode.l10n.t('Set credentials: which field is wrong?'),
      placeHolder: vscode.l10n.t('Only this one is asked again; the test runs again after it'),
    },
  );
  if (!pick) return false;
  const value = await askSecret(
    vscode.l10n.t('Set credentials: {0}', fieldName(pick.field)),
    vscode.l10n.t("The correct {0} (stored in VS Code's secret storage only)", fieldName(pick.field)),
  );
  if (!value) return false;
  if (pick.field === 'bearerToken') credentials.bearerToken = value.trim();
  else credentials.oauth = { ...credentials.oauth!, [pick.field]: value.trim() };
  return true;
}
