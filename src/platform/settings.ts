// One typed reader for the `xEngagement.*` settings, with change events filtered by
// affectsConfiguration (GitLens' habit).
import * as vscode from 'vscode';
import { DEFAULT_GROUPINGS, DEFAULT_TYPES, isEngagementType } from '../core/plan';
import { ProxySettings, proxySettingsFromEnv } from '../core/proxy';
import { CONCURRENCY, DEFAULT_BASE_URL, GroupField, Grouping } from '../core/types';
import { PanelOpenIn, RESTRICTED_SETTINGS, Settings, SettingsReader } from './services';

const SECTION = 'xEngagement';

export class VSCodeSettings implements SettingsReader, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.ConfigurationChangeEvent>();
  readonly onDidChange = this.emitter.event;
  private readonly listeners: vscode.Disposable[];
  /** Read once per change: hovers and annotations ask on every call. */
  private cached: Settings | undefined;

  constructor() {
    this.listeners = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SECTION)) return;
        this.cached = undefined;
        this.emitter.fire(e);
      }),
      // Trust granted: the workspace's values of the restricted settings count from now on,
      // and hover auto-fetch may run. (Trust is never taken back without a window reload.)
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.cached = undefined;
        this.emitter.fire({ affectsConfiguration: (section) => section === SECTION || section.startsWith(`${SECTION}.`) });
      }),
    ];
  }

  get(): Settings {
    return (this.cached ??= this.read());
  }

  private read(): Settings {
    return readSettings(vscode.workspace.getConfiguration(SECTION), vscode.workspace.isTrusted);
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.emitter.dispose();
  }
}

/**
 * The settings from a configuration section (exported for tests). In an untrusted workspace
 * the RESTRICTED_SETTINGS are read from user settings only: VS Code drops workspace values of
 * restrictedConfigurations by itself only where workspace trust is enabled and the host honours
 * the list, so this reader does not depend on it. apiBaseUrl and useSandboxOnStart are
 * machine-scoped and never come from a workspace, trusted or not.
 */
export function readSettings(c: Pick<vscode.WorkspaceConfiguration, 'get' | 'inspect'>, trusted: boolean): Settings {
  const restricted = new Set<string>(RESTRICTED_SETTINGS);
  const get = <T>(key: string): T | undefined => (!trusted && restricted.has(key) ? userOnly<T>(c, key) : c.get<T>(key));
  return {
    apiBaseUrl: userOnly<string>(c, 'apiBaseUrl') ?? DEFAULT_BASE_URL,
    defaultEngagementTypes: readTypes(get<unknown>('defaultEngagementTypes')),
    defaultGroupings: readGroupings(get<unknown>('defaultGroupings')),
    askForTypes: get<boolean>('askForTypes') === true,
    concurrency: clampInt(get<number>('concurrency'), CONCURRENCY.min, CONCURRENCY.max, CONCURRENCY.default),
    hoverEnabled: get<boolean>('hover.enabled') !== false,
    hoverAutoFetch: get<boolean>('hover.autoFetch') === true,
    annotationsEnabled: get<boolean>('annotations.enabled') === true,
    panelOpenIn: readOpenIn(get<unknown>('panel.openIn')),
    cacheMaxAgeMinutes: clampInt(get<number>('cache.maxAgeMinutes'), 0, 525_600, 60),
    useSandboxOnStart: userOnly<boolean>(c, 'useSandboxOnStart') === true,
    workspaceTrusted: trusted,
  };
}

/**
 * A value from user (or remote machine) settings only: whatever a workspace says is ignored,
 * so a repository can never send credentials to another host, nor decide what is sent or when
 * while it is untrusted.
 */
function userOnly<T>(c: Pick<vscode.WorkspaceConfiguration, 'inspect'>, key: string): T | undefined {
  const i = c.inspect<T>(key);
  return i?.globalValue ?? i?.defaultValue;
}

function readOpenIn(v: unknown): PanelOpenIn {
  return v === 'active' || v === 'never' ? v : 'beside';
}

function clampInt(v: number | undefined, min: number, max: number, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.floor(v))) : fallback;
}

function readTypes(v: unknown) {
  if (!Array.isArray(v)) return [...DEFAULT_TYPES];
  const types = [...new Set(v.filter((t): t is string => typeof t === 'string').filter(isEngagementType))];
  return types.length > 0 ? types : [...DEFAULT_TYPES];
}

function readGroupings(v: unknown): Grouping[] {
  if (!Array.isArray(v) || v.length === 0) return DEFAULT_GROUPINGS.map((g) => ({ ...g, groupBy: [...g.groupBy] }));
  return v
    .filter((g): g is { name: string; groupBy: unknown[] } => typeof g === 'object' && g !== null && typeof g.name === 'string' && Array.isArray(g.groupBy))
    .map((g) => ({ name: g.name, groupBy: g.groupBy.filter((f): f is GroupField => f === 'tweet.id' || f === 'engagement.type') }));
}

/**
 * The proxy for the API host as VS Code itself chooses one: `http.proxy`, else the environment;
 * `http.noProxy`, else NO_PROXY. (With `http.proxySupport` "override", the default, VS Code's
 * own agent replaces ours for non-loopback hosts with the same choice; "on" and "off" use ours.
 * Either way loopback goes direct: VS Code sends localhost and 127.0.0.1 direct too.)
 */
export function editorProxySettings(env: NodeJS.ProcessEnv = process.env): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  const fromEnv = proxySettingsFromEnv(env);
  const proxy = http.get<unknown>('proxy');
  const setting = typeof proxy === 'string' && proxy.trim() ? proxy.trim() : undefined;
  const noProxy = http.get<unknown>('noProxy');
  const noProxyList = Array.isArray(noProxy) ? noProxy.filter((e): e is string => typeof e === 'string' && e.trim() !== '') : [];
  return { https: setting ?? fromEnv.https, http: setting ?? fromEnv.http, noProxy: noProxyList.length ? noProxyList : fromEnv.noProxy };
}
