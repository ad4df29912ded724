// One typed reader for the `xEngagement.*` settings, with change events filtered by
// affectsConfiguration (GitLens' habit).
import * as vscode from 'vscode';
import { DEFAULT_BASE_URL } from '../core/http';
import { DEFAULT_GROUPINGS, DEFAULT_TYPES, isEngagementType } from '../core/plan';
import { ProxySettings, proxySettingsFromEnv } from '../core/proxy';
import { GroupField, Grouping } from '../core/types';
import { Settings, SettingsReader } from './services';

const SECTION = 'xEngagement';

export class VSCodeSettings implements SettingsReader, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.ConfigurationChangeEvent>();
  readonly onDidChange = this.emitter.event;
  private readonly listener: vscode.Disposable;
  /** Read once per change: hovers and annotations ask on every call. */
  private cached: Settings | undefined;

  constructor() {
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      this.cached = undefined;
      this.emitter.fire(e);
    });
  }

  get(): Settings {
    return (this.cached ??= this.read());
  }

  private read(): Settings {
    return readSettings(vscode.workspace.getConfiguration(SECTION));
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}

/** The settings from a configuration section (exported for tests). */
export function readSettings(c: Pick<vscode.WorkspaceConfiguration, 'get' | 'inspect'>): Settings {
  return {
    apiBaseUrl: userOnly<string>(c, 'apiBaseUrl') ?? DEFAULT_BASE_URL,
    defaultEngagementTypes: readTypes(c.get<unknown>('defaultEngagementTypes')),
    defaultGroupings: readGroupings(c.get<unknown>('defaultGroupings')),
    askForTypes: c.get<boolean>('askForTypes') === true,
    concurrency: clampInt(c.get<number>('concurrency'), 1, 32, 8),
    hoverEnabled: c.get<boolean>('hover.enabled') !== false,
    hoverAutoFetch: c.get<boolean>('hover.autoFetch') === true,
    annotationsEnabled: c.get<boolean>('annotations.enabled') === true,
    cacheMaxAgeMinutes: clampInt(c.get<number>('cache.maxAgeMinutes'), 0, 525_600, 60),
    useSandboxOnStart: userOnly<boolean>(c, 'useSandboxOnStart') === true,
  };
}

/**
 * A machine-scoped value from user (or remote machine) settings only: whatever a workspace
 * says is ignored, so a repository can never send credentials to another host.
 */
function userOnly<T>(c: Pick<vscode.WorkspaceConfiguration, 'inspect'>, key: string): T | undefined {
  const i = c.inspect<T>(key);
  return i?.globalValue ?? i?.defaultValue;
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
