// Which proxy, if any, a request goes through: one pure rule for the CLI (HTTPS_PROXY,
// NO_PROXY, …) and the editor (VS Code's http.proxy and http.noProxy). Loopback never goes
// through a proxy: the sandbox and local test servers get the token over plain http.
import { isLoopbackHost, TransportError } from './http';

export interface ProxySettings {
  /** Proxy for https targets, e.g. http://proxy.corp:8080 (a bare host:port means http://). */
  https?: string;
  /** Proxy for http targets (only loopback ones are allowed, and they never use a proxy). */
  http?: string;
  /** Hosts that go direct: `*`, `host`, `.suffix` or `*.suffix` (subdomains too), `host:port`, IP addresses. */
  noProxy?: readonly string[];
}

/** The proxy settings of an environment, as curl reads them (lower case first). */
export function proxySettingsFromEnv(env: NodeJS.ProcessEnv): ProxySettings {
  const pick = (...names: string[]) => names.map((n) => env[n]?.trim()).find((v) => v);
  return {
    https: pick('https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY'),
    http: pick('http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'),
    noProxy: splitNoProxy(pick('no_proxy', 'NO_PROXY')),
  };
}

/** A NO_PROXY value (comma or space separated) as entries. */
export function splitNoProxy(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((e) => e !== '');
}

/**
 * The proxy URL for a request to `url`, or undefined to go direct. Throws a TransportError
 * (which names no credentials) when the proxy setting is not an http(s) URL.
 */
export function proxyFor(url: string, settings: ProxySettings): string | undefined {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return undefined;
  }
  if (isLoopbackHost(target.hostname)) return undefined;
  const proxy = (target.protocol === 'https:' ? settings.https : target.protocol === 'http:' ? settings.http : undefined)?.trim();
  if (!proxy || bypassesProxy(target, settings.noProxy ?? [])) return undefined;
  return checkProxyUrl(proxy);
}

function checkProxyUrl(proxy: string): string {
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`);
  } catch {
    throw new TransportError('insecure-url', 'The proxy setting (HTTPS_PROXY, or http.proxy in VS Code) is not a valid URL: use http://host:port.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TransportError('insecure-url', `Only http:// and https:// proxies are supported (the proxy setting says ${parsed.protocol}).`);
  }
  return parsed.href;
}

function bypassesProxy(target: URL, noProxy: readonly string[]): boolean {
  const host = unbracket(target.hostname.toLowerCase());
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy) {
    const entry = raw.trim().toLowerCase();
    if (entry === '*') return true;
    const m = /^(\[[^\]]+\]|[^:]+|[0-9a-f:]+)(?::(\d+))?$/.exec(entry);
    if (!m) continue;
    if (m[2] !== undefined && m[2] !== port) continue;
    const name = unbracket(m[1]).replace(/^\*?\./, '');
    if (name && (host === name || host.endsWith('.' + name))) return true;
  }
  return false;
}

function unbracket(h: string): string {
  return h.replace(/^\[|\]$/g, '');
}
