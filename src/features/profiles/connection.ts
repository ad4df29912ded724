// Credentials profiles (in SecretStorage only), the active profile in the status bar, and
// the built-in sandbox. Names of profiles live in globalState; their secrets never leave
// SecretStorage except into an Authorization header.
import * as vscode from 'vscode';
import { fetchTotals } from '../../core/engine';
import { Credentials, Logger, OAuth1Credentials } from '../../core/types';
import { SANDBOX_CREDENTIALS, Sandbox, startSandbox } from '../../sandbox/server';
import { Redactor } from '../../core/redact';
import { proxyFor } from '../../core/proxy';
import { forIconLabel, forLabel, forNotification, forTooltip } from '../../shared/untrusted';
import { SettingsReader } from '../../platform/services';
import { editorProxySettings } from '../../platform/settings';
import { COMMANDS, STATUS_BAR_ITEM } from '../../commands';

export const SANDBOX_PROFILE = 'Sandbox';
const NAMES_KEY = 'xEngagement.profiles';
const ACTIVE_KEY = 'xEngagement.activeProfile';
const secretKey = (name: string) => `xEngagement.profile:${name}`;

export interface ActiveConnection {
  profile: string;
  credentials: Credentials;
  baseUrl: string;
}

export class Connection implements vscode.Disposable {
  private sandbox?: Sandbox;
  private readonly statusItem: vscode.StatusBarItem;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
    private readonly settings: SettingsReader,
    private readonly redactor: Redactor,
  ) {
    this.statusItem = vscode.window.createStatusBarItem(STATUS_BAR_ITEM, vscode.StatusBarAlignment.Left, 50);
    this.statusItem.name = 'X Engagement profile';
    this.statusItem.command = COMMANDS.switchProfile;
    this.updateStatus();
  }

  /** Saved profile names (the sandbox is listed while it runs). */
  names(): string[] {
    const names = this.state.get<string[]>(NAMES_KEY, []).filter((n) => typeof n === 'string');
    return this.sandbox ? [SANDBOX_PROFILE, ...names.filter((n) => n !== SANDBOX_PROFILE)] : names;
  }

  activeName(): string | undefined {
    const name = this.state.get<string>(ACTIVE_KEY);
    return name && this.names().includes(name) ? name : undefined;
  }

  /** The configured API host (user settings only). */
  apiBaseUrl(): string {
    return this.settings.get().apiBaseUrl;
  }

  /** The active profile's credentials and base URL, or undefined when there is none. */
  async current(): Promise<ActiveConnection | undefined> {
    const profile = this.activeName();
    if (!profile) return undefined;
    if (profile === SANDBOX_PROFILE && this.sandbox) {
      return { profile, credentials: SANDBOX_CREDENTIALS, baseUrl: this.sandbox.url };
    }
    const credentials = await this.load(profile);
    return credentials ? { profile, credentials, baseUrl: this.settings.get().apiBaseUrl } : undefined;
  }

  async load(name: string): Promise<Credentials | undefined> {
    const raw = await this.secrets.get(secretKey(name));
    if (!raw) return undefined;
    try {
      const c = JSON.parse(raw) as Credentials;
      this.redact(c);
      return c;
    } catch {
      return undefined;
    }
  }

  /** From now on the log leaves out every secret value of these credentials. */
  redact(c: Credentials): void {
    this.redactor.addCredentials(c);
  }

  async save(name: string, credentials: Credentials): Promise<void> {
    this.redact(credentials);
    await this.secrets.store(secretKey(name), JSON.stringify(credentials));
    const names = this.state.get<string[]>(NAMES_KEY, []);
    if (!names.includes(name)) await this.state.update(NAMES_KEY, [...names, name]);
    await this.setActive(name);
  }

  async remove(name: string): Promise<void> {
    await this.secrets.delete(secretKey(name));
    await this.state.update(
      NAMES_KEY,
      this.state.get<string[]>(NAMES_KEY, []).filter((n) => n !== name),
    );
    if (this.state.get<string>(ACTIVE_KEY) === name) await this.state.update(ACTIVE_KEY, this.names()[0]);
    this.updateStatus();
  }

  async setActive(name: string): Promise<void> {
    await this.state.update(ACTIVE_KEY, name);
    if (name !== SANDBOX_PROFILE) await this.stopSandbox();
    this.updateStatus();
  }

  /** Starts the in-process sandbox on a free loopback port and makes it the active profile. */
  async useSandbox(): Promise<string> {
    if (!this.sandbox) this.sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
    await this.state.update(ACTIVE_KEY, SANDBOX_PROFILE);
    this.updateStatus();
    return this.sandbox.url;
  }

  private async stopSandbox(): Promise<void> {
    const s = this.sandbox;
    this.sandbox = undefined;
    await s?.close();
  }

  private updateStatus(): void {
    const name = this.activeName();
    this.statusItem.text = name ? `$(${name === SANDBOX_PROFILE ? 'beaker' : 'account'}) X: ${forIconLabel(name)}` : '$(key) X: no credentials';
    this.statusItem.tooltip = name
      ? `X Engagement profile "${forTooltip(name)}"${name === SANDBOX_PROFILE && this.sandbox ? ` (local sandbox at ${this.sandbox.url})` : ''}. Click to switch.`
      : 'X Engagement: set credentials or use the sandbox.';
    this.statusItem.command = name ? COMMANDS.switchProfile : COMMANDS.setCredentials;
    this.statusItem.accessibilityInformation = { label: name ? `X Engagement profile ${name}. Switch profile.` : 'X Engagement: no credentials. Set credentials.' };
    this.statusItem.show();
  }

  dispose(): void {
    this.statusItem.dispose();
    void this.stopSandbox();
  }
}

/** Sends one tiny request: any answer but 401 means the credentials are accepted. */
export async function testCredentials(credentials: Credentials, baseUrl: string, logger?: Logger): Promise<{ ok: boolean; message: string }> {
  // Tweet 20 is X's first public Tweet; for a user context it is "not owned", still authenticated.
  const result = await fetchTotals(
    { tweetIds: ['20'], engagementTypes: ['favorites'], groupings: [{ name: 'test', groupBy: ['engagement.type'] }] },
    { credentials, baseUrl, maxAttempts: 2, deadlineMs: 20_000, requestTimeoutMs: 15_000, logger, proxy: proxyFor(baseUrl, editorProxySettings()) },
  );
  const failure = result.failed[0];
  if (!failure || (failure.status !== undefined && failure.status !== 401 && failure.status < 500 && failure.status !== 404 && failure.status !== 406)) {
    return { ok: true, message: 'The credentials work.' };
  }
  return { ok: false, message: failure.reason };
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
      validateInput: (v) =>
        !v.trim()
          ? 'Give the profile a name.'
          : v.trim() === SANDBOX_PROFILE
            ? '"Sandbox" is reserved for the built-in sandbox.'
            : v.length > 60
              ? 'At most 60 characters.'
              : undefined,
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
      const choice = await vscode.window.showWarningMessage(`The test request failed: ${forNotification(outcome.message)}`, 'Save anyway', 'Cancel');
      if (choice !== 'Save anyway') return undefined;
    }
  }
  await connection.save(name, credentials);
  void vscode.window.showInformationMessage(`Saved credentials for "${forNotification(name)}" in secret storage; it is now the active profile.`);
  return name;
}
