// The Results view: runs in a tree (resultsTree.ts, resultNodes.ts), the commands on its items
// (copy, open on x.com, remove, show more) and Clear cached results.
import * as vscode from 'vscode';
import { registerCommand } from '../../platform/usage';
import { COMMANDS, runIdOf, tweetIdOf, VIEWS } from '../../commands';
import { RunStore } from '../../platform/runStore';
import { plural, runLabel } from '../../shared/format';
import { tweetUrl } from '../../shared/tweetId';
import { forNotification } from '../../shared/untrusted';
import { ResultNode, ResultsTreeProvider, SHOW_MORE_COMMAND } from './resultsTree';
import { revealInFile } from './revealInFile';

export interface ResultsView {
  /** Reveals, selects and expands a run's node. */
  reveal(runId: string): Promise<void>;
  disposable: vscode.Disposable;
}

export function registerResults(store: RunStore): ResultsView {
  const provider = new ResultsTreeProvider(store);
  const view = vscode.window.createTreeView(VIEWS.results, { treeDataProvider: provider, showCollapseAll: true });
  const selected = (arg: unknown) => arg ?? view.selection[0];
  const disposable = vscode.Disposable.from(
    view,
    provider,
    registerCommand(COMMANDS.copyValue, async (arg?: unknown) => {
      const node = selected(arg) as { value?: unknown } | undefined;
      if (typeof node?.value === 'string') await vscode.env.clipboard.writeText(node.value);
    }),
    registerCommand(COMMANDS.copyId, async (arg?: unknown) => {
      const id = tweetIdOf(selected(arg));
      if (id) await vscode.env.clipboard.writeText(id);
    }),
    registerCommand(COMMANDS.openTweet, async (arg?: unknown) => {
      const id = tweetIdOf(selected(arg));
      if (id) await vscode.env.openExternal(vscode.Uri.parse(tweetUrl(id)));
    }),
    // From a Tweet node, or from the panel with { runId, tweetId }.
    registerCommand(COMMANDS.revealInFile, async (arg?: unknown) => {
      const node = selected(arg);
      const runId = runIdOf(node);
      const id = tweetIdOf(node);
      return runId && id ? revealInFile(store, runId, id) : undefined;
    }),
    registerCommand(COMMANDS.removeRun, async (arg?: unknown) => {
      const runId = runIdOf(selected(arg));
      const run = runId ? store.get(runId) : undefined;
      if (!run) return;
      await store.remove(run.id);
      // Not awaited: the command finishes now; Undo may come later.
      void vscode.window.showInformationMessage(`Removed ${forNotification(runLabel(run.source, run.result.startedAt))}.`, 'Undo').then(async (choice) => {
        if (choice === 'Undo' && !store.get(run.id)) await store.add(run);
      });
    }),
    registerCommand(SHOW_MORE_COMMAND, (node?: ResultNode) => {
      if (node) provider.showMore(node);
    }),
    registerCommand(COMMANDS.clearCache, () => clearCache(store)),
  );
  return {
    disposable,
    async reveal(runId) {
      const node = provider.runNode(runId);
      if (node) await view.reveal(node, { select: true, focus: false, expand: true });
    },
  };
}

async function clearCache(store: RunStore): Promise<unknown> {
  const runs = store.runs();
  if (runs.length === 0) return vscode.window.showInformationMessage('There are no cached results.');
  const tweets = runs.reduce((n, r) => n + r.result.query.tweetIds.length, 0);
  const what = `${plural(runs.length, 'cached run')} (${plural(tweets, 'Tweet')})`;
  const confirm = await vscode.window.showWarningMessage(`Clear ${what}? They are deleted for every window; hovers and the panel lose their numbers.`, { modal: true }, 'Clear');
  if (confirm !== 'Clear') return;
  await store.clear();
  void vscode.window.setStatusBarMessage('X Engagement: cached results cleared', 4000);
}
