// The profiles feature's rules, as pure functions (no `vscode`, unit-tested): reserved and valid
// profile names, which profile a window starts on, the hosts a profile may use and how profiles
// read in lists. Words through `@vscode/l10n` (English in unit tests).
import * as l10n from '@vscode/l10n';
import { checkBaseUrl } from '../../core/http';
import type { Credentials } from '../../core/types';

/** The built-in sandbox's profile name, reserved: no saved profile may take it. */
export const SANDBOX_PROFILE = 'Sandbox';
/** Longest profile name. */
export const MAX_PROFILE_NAME = 60;

/** Why a new profile name is not accepted, or undefined when it is. */
export function profileNameProblem(name: string): string | undefined {
  if (!name.trim()) return l10n.t('Give the profile a name.');
  if (name.trim() === SANDBOX_PROFILE) return l10n.t('"{0}" is reserved for the built-in sandbox.', SANDBOX_PROFILE);
  if (name.length > MAX_PROFILE_NAME) return l10n.t('At most {0} characters.', MAX_PROFILE_NAME);
  return undefined;
}

/**
 * Whether the window starts on the sandbox: `xEngagement.useSandboxOnStart` (the demo workspace's
 * setting) applies only until the user chooses a profile of their own; then their last choice
 * wins, so sandbox numbers never silently replace real ones after a reload.
 */
export function startsSandbox(useSandboxOnStart: boolean, lastChosen: string | undefined): boolean {
  return useSandboxOnStart && (lastChosen === undefined || lastChosen === SANDBOX_PROFILE);
}

/** A profile's host when it is the sandbox served inside the editor (its port may change; this does not). */
export const SANDBOX_HOST = 'sandbox';
/** The documented hosts of the Engagement API, offered when a profile is set. */
export const KNOWN_HOSTS = ['https://data-api.x.com', 'https://data-api.twitter.com'] as const;

/** Why a host cannot be a profile's (not https, plain http beyond loopback, a query…), or undefined. */
export function hostProblem(host: string): string | undefined {
  if (host === SANDBOX_HOST) return undefined;
  try {
    checkBaseUrl(host.trim());
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** How a host reads in a list: the sandbox by name (and its address while it runs), others by host name. */
export function hostLabel(host: string, sandboxUrl?: string): string {
  if (host === SANDBOX_HOST) return sandboxUrl ? l10n.t('built-in sandbox ({0})', new URL(sandboxUrl).host) : l10n.t('built-in sandbox');
  try {
    const url = new URL(host);
    return url.protocol === 'https:' ? url.host : url.host + ' (http)';
  } catch {
    return host;
  }
}

/** Which kinds of credentials a profile holds, as the profile list says it. */
export function kindLabel(c: Credentials | undefined): string {
  if (!c) return l10n.t('no credentials');
  const kinds = [c.oauth ? 'OAuth 1.0a' : '', c.bearerToken ? 'Bearer' : ''].filter(Boolean);
  return kinds.length ? kinds.join(' + ') : l10n.t('no credentials');
}

/** The hosts Set credentials offers, the profile's current (or the default) first, each once. */
export function hostChoices(current: string, defaultHost: string): string[] {
  return [...new Set([current, defaultHost, ...KNOWN_HOSTS, SANDBOX_HOST])];
}
