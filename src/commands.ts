// Every command, view, webview and context key ID the extension uses, and the shapes of the
// arguments its commands take: the contract the features talk through (STYLE.md, "The shape of
// the code"). package.json's `contributes` uses the same strings; a unit test holds the two
// together. No `vscode` here, so any file (and the tests) can import it.
import { TWEET_ID } from './shared/tweetId';

/** Command IDs. The contributed ones are listed in package.json's `contributes.commands`. */
export const COMMANDS = {
  fetchTotals: 'xEngagement.fetchTotals',
  fetchSeries28hr: 'xEngagement.fetchSeries28hr',
  fetchSeriesRange: 'xEngagement.fetchSeriesRange',
  setCredentials: 'xEngagement.setCredentials',
  clearCredentials: 'xEngagement.clearCredentials',
  switchProfile: 'xEngagement.switchProfile',
  useSandbox: 'xEngagement.useSandbox',
  retryFailed: 'xEngagement.retryFailed',
  openLog: 'xEngagement.openLog',
  showPanel: 'xEngagement.showPanel',
  refreshRun: 'xEngagement.refreshRun',
  removeRun: 'xEngagement.removeRun',
  copyValue: 'xEngagement.copyValue',
  copyId: 'xEngagement.copyId',
  openTweet: 'xEngagement.openTweet',
  revealInFile: 'xEngagement.revealInFile',
  fetchTweet: 'xEngagement.fetchTweet',
  clearCache: 'xEngagement.clearCache',
} as const;

/**
 * Internal commands: registered, never contributed (the tree's "Show more" rows, the
 * walkthrough's "Open the sample" button).
 */
export const INTERNAL_COMMANDS = {
  showMore: 'xEngagement.results.showMore',
  openSample: 'xEngagement.openSample',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** The activity bar container and the Results tree view (package.json `viewsContainers`, `views`). */
export const VIEWS = {
  container: 'xEngagement',
  results: 'xEngagement.results',
} as const;

/**
 * The results panel's webview type (package.json `activationEvents`: onWebviewPanel:…). It equals
 * the tree view's ID for historical reasons: VS Code restores open panels by this type, so
 * changing it would lose users' panels on update.
 */
export const WEBVIEW_TYPES = {
  results: 'xEngagement.results',
} as const;

/**
 * Context keys set with `setContext`: for `when` clauses, and for the walkthrough's steps that
 * complete when the user has done something no command marks (`onContext:` completion events).
 */
export const CONTEXT_KEYS = {
  hasFailed: 'xEngagement.hasFailed',
  /** A hover with a Tweet's numbers was shown in this window. */
  hoverShown: 'xEngagement.hoverShown',
  /** The results panel was shown in this window. */
  panelShown: 'xEngagement.panelShown',
} as const;

/** The first-run walkthrough (package.json `contributes.walkthroughs`), opened as `x-engagement-tools.x-engagement-totals#firstRun`. */
export const WALKTHROUGHS = {
  firstRun: 'firstRun',
} as const;

/** The status bar item's ID (users can hide it by this). */
export const STATUS_BAR_ITEM = 'xEngagement.profile';

/**
 * The run a command is about: a run ID string, a tree node with `runId`, or either as the first
 * element of an array (menus pass the node, hovers pass [runId]).
 */
export function runIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg || undefined;
  if (Array.isArray(arg)) return runIdOf(arg[0]);
  if (arg && typeof arg === 'object' && typeof (arg as { runId?: unknown }).runId === 'string') return (arg as { runId: string }).runId;
  return undefined;
}

/** The Tweet a command is about: an ID string, a node with `tweetId`, or either in an array. Anything not shaped like an ID is refused. */
export function tweetIdOf(arg: unknown): string | undefined {
  if (Array.isArray(arg)) return tweetIdOf(arg[0]);
  const id = typeof arg === 'string' ? arg : arg && typeof arg === 'object' ? (arg as { tweetId?: unknown }).tweetId : undefined;
  return typeof id === 'string' && TWEET_ID.test(id) ? id : undefined;
}
