// Credentials profiles (in SecretStorage only) and which one is active; the built-in sandbox is
// a profile while it runs (sandboxHost.ts). Names of profiles live in globalState; their secrets
// never leave SecretStorage except into an Authorization header. Shown by statusBar.ts, edited
// by wizard.ts, its commands in register.ts.
import * as vscode from 'vscode';
import { Credentials } from '../../core/types';
import { SANDBOX_CREDENTIALS } from '../../sandbox/server';
import { Redactor } from '../../core/redact';
import { SettingsReader } from '../../platform/services';
import { SandboxHost } from './sandboxHost';
import { SANDBOX_PROFILE } from './rules';

export { SANDBOX_PROFILE };

const NAMES_KEY = 'xEngagement.profiles';
const ACTIVE_KEY = 'xEngagement.activeProfile';
const secretKey = (name: string) => `xEngagement.profile:${name}`;

export interface ActiveConnection {
  profile: string;
  credentials: Credentials;
  baseUrl: string;
}

export class Connection implements vscode.Disposable {
  private readonly sandboxHost = new SandboxHost();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the list of profiles, the active one or the sandbox's state changes. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
    private readonly settings: SettingsReader,
    private readonly redactor: Redactor,
  ) {}

  /** The running sandbox's URL, if it runs. */
  sandboxUrl(): string | undefined {
    return this.sandboxHost.url;
  }

  /** Saved profile names (the sandbox is listed while it runs). */
  names(): string[] {
    const names = this.state.get<string[]>(NAMES_KEY, []).filter((n) => typeof n === 'string');
    return this.sandboxHost.url ? [SANDBOX_PROFILE, ...names.filter((n) => n !== SANDBOX_PROFILE)] : names;
  }

  /** The profile the user chose last (kept across windows), if it still exists; the sandbox counts even while it is stopped. */
  lastChosen(): string | undefined {
    const name = this.state.get<string>(ACTIVE_KEY);
    if (name === SANDBOX_PROFILE) return name;
    return name && this.names().includes(name) ? name : undefined;
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
    const sandboxUrl = this.sandboxHost.url;
    if (profile === SANDBOX_PROFILE && sandboxUrl) {
      return { profile, credentials: SANDBOX_CREDENTIALS, baseUrl: sandboxUrl };
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
    this.changed.fire();
  }

  async setActive(name: string): Promise<void> {
    await this.state.update(ACTIVE_KEY, name);
    if (name !== SANDBOX_PROFILE) await this.sandboxHost.stop();
    this.changed.fire();
  }

  /** Starts the in-process sandbox on a free loopback port and makes it the active profile. */
  async useSandbox(): Promise<string> {
    const url = await this.sandboxHost.start();
    await this.state.update(ACTIVE_KEY, SANDBOX_PROFILE);
    this.changed.fire();
    return url;
  }

  dispose(): void {
    this.changed.dispose();
    void this.sandboxHost.stop();
  }
}
