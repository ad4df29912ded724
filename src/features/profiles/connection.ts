// Credentials profiles and which one is active. A profile is a name, its secrets (in SecretStorage
// only: they never leave it except into an Authorization header) and its API host (in the
// extension's own globalState, never in workspace settings; the `xEngagement.apiBaseUrl` setting
// is only the default for profiles that have none). The built-in sandbox (sandboxHost.ts) is a
// host like any other, and the "Sandbox" profile is listed while it runs. Shown by statusBar.ts,
// edited by wizard.ts, its commands in register.ts.
import * as vscode from 'vscode';
import { Credentials, Logger } from '../../core/types';
import { SANDBOX_CREDENTIALS } from '../../sandbox/credentials';
import { Redactor } from '../../core/redact';
import { SettingsReader } from '../../platform/services';
import { SandboxHost } from './sandboxHost';
import { hostProblem, SANDBOX_HOST, SANDBOX_PROFILE } from './rules';

export { SANDBOX_PROFILE };

const NAMES_KEY = 'xEngagement.profiles';
const ACTIVE_KEY = 'xEngagement.activeProfile';
const HOSTS_KEY = 'xEngagement.profileHosts';
const secretKey = (name: string) => `xEngagement.profile:${name}`;

export interface ActiveConnection {
  profile: string;
  credentials: Credentials;
  baseUrl: string;
  /** The host is the in-editor sandbox: its numbers are made up, and runs say so. */
  sandbox: boolean;
}

export class Connection implements vscode.Disposable {
  private readonly sandboxHost: SandboxHost;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the list of profiles, the active one or the sandbox's state changes. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
    private readonly settings: SettingsReader,
    private readonly redactor: Redactor,
    private readonly logger?: Logger,
    sandboxPort?: number,
  ) {
    this.sandboxHost = new SandboxHost(logger, sandboxPort);
  }

  /** The running sandbox's URL, if it runs. */
  sandboxUrl(): string | undefined {
    return this.sandboxHost.url;
  }

  /** Profile names: the saved ones, and the sandbox while it runs or is the chosen profile. */
  names(): string[] {
    const names = this.savedNames();
    return this.sandboxHost.url || this.state.get<string>(ACTIVE_KEY) === SANDBOX_PROFILE ? [SANDBOX_PROFILE, ...names] : names;
  }

  /** The profiles the user saved (not the sandbox). */
  savedNames(): string[] {
    return this.state.get<string[]>(NAMES_KEY, []).filter((n) => typeof n === 'string' && n !== SANDBOX_PROFILE);
  }

  /** The profile the user chose last (kept across windows), if it still exists; the sandbox counts even while it is stopped (it starts on the first fetch). */
  lastChosen(): string | undefined {
    const name = this.state.get<string>(ACTIVE_KEY);
    return name && this.names().includes(name) ? name : undefined;
  }

  activeName(): string | undefined {
    return this.lastChosen();
  }

  /** The default API host for profiles without one of their own (the setting, user settings only). */
  apiBaseUrl(): string {
    return this.settings.get().apiBaseUrl;
  }

  /** A profile's host: its own, else the default. SANDBOX_HOST for the sandbox. */
  hostOf(name: string): string {
    if (name === SANDBOX_PROFILE) return SANDBOX_HOST;
    const own = this.hosts()[name];
    return typeof own === 'string' && !hostProblem(own) ? own : this.apiBaseUrl();
  }

  /** The base URL requests go to for a host, starting the sandbox when the host is the sandbox. */
  async resolveHost(host: string): Promise<string> {
    return host === SANDBOX_HOST ? this.startSandbox() : host;
  }

  /** The active profile's credentials and base URL, or undefined when there is none. */
  async current(): Promise<ActiveConnection | undefined> {
    const profile = this.activeName();
    if (!profile) return undefined;
    if (profile === SANDBOX_PROFILE) return { profile, credentials: SANDBOX_CREDENTIALS, baseUrl: await this.startSandbox(), sandbox: true };
    const credentials = await this.load(profile);
    const host = this.hostOf(profile);
    return credentials ? { profile, credentials, baseUrl: await this.resolveHost(host), sandbox: host === SANDBOX_HOST } : undefined;
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

  /** Saves a profile's secrets and host (undefined: keep its host, or the default for a new one) and makes it active. */
  async save(name: string, credentials: Credentials, host?: string): Promise<void> {
    this.redact(credentials);
    await this.secrets.store(secretKey(name), JSON.stringify(credentials));
    if (host !== undefined) {
      const problem = hostProblem(host);
      if (problem) throw new Error(problem);
      await this.state.update(HOSTS_KEY, { ...this.hosts(), [name]: host.trim() });
    }
    const names = this.state.get<string[]>(NAMES_KEY, []);
    if (!names.includes(name)) await this.state.update(NAMES_KEY, [...names, name]);
    await this.setActive(name);
  }

  async remove(name: string): Promise<void> {
    await this.secrets.delete(secretKey(name));
    const { [name]: _removed, ...hosts } = this.hosts();
    await this.state.update(HOSTS_KEY, hosts);
    await this.state.update(
      NAMES_KEY,
      this.state.get<string[]>(NAMES_KEY, []).filter((n) => n !== name),
    );
    if (this.state.get<string>(ACTIVE_KEY) === name) await this.state.update(ACTIVE_KEY, this.names()[0]);
    this.changed.fire();
  }

  async setActive(name: string): Promise<void> {
    await this.state.update(ACTIVE_KEY, name);
    if (!this.sandboxInUse()) await this.sandboxHost.stop(`"${name}" does not use it`);
    this.changed.fire();
  }

  /** The sandbox keeps running while the active profile or any saved profile uses it. */
  private sandboxInUse(): boolean {
    const active = this.state.get<string>(ACTIVE_KEY);
    if (active === SANDBOX_PROFILE) return true;
    return this.savedNames().some((n) => this.hostOf(n) === SANDBOX_HOST);
  }

  private async startSandbox(): Promise<string> {
    const running = this.sandboxHost.url;
    const url = await this.sandboxHost.start();
    if (url !== running) this.changed.fire();
    return url;
  }

  private hosts(): Record<string, string> {
    const h = this.state.get<unknown>(HOSTS_KEY);
    return h && typeof h === 'object' && !Array.isArray(h) ? (h as Record<string, string>) : {};
  }

  /** Starts the in-process sandbox on a free loopback port and makes it the active profile. */
  async useSandbox(): Promise<string> {
    const url = await this.startSandbox();
    await this.state.update(ACTIVE_KEY, SANDBOX_PROFILE);
    this.changed.fire();
    return url;
  }

  dispose(): void {
    this.changed.dispose();
    void this.sandboxHost.stop('the window closed');
  }
}
