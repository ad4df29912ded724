// The Results view: runs in a tree (resultsTree.ts, resultNodes.ts), the commands on its items
// (copy, open on x.com, remove, show more) and Clear cached results.
import * as vscode from 'vscode';
import { registerCommand } from '../../platform/usage';
import { COMMANDS, runIdOf, tweetIdOf, VIEWS } from '../../commands';
import { RunStore } from '../../platform/runStore';
import { counted, runLabel, tweetCount } from '../../shared/format';
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
      const undo = vscode.l10n.t('Undo');
      void vscode.window.showInformationMessage(vscode.l10n.t('Removed {0}.', forNotification(runLabel(run.source, run.result.startedAt))), undo).then(async (choice) => {
        if (choice === undo && !store.get(run.id)) await store.add(run);
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
  if (runs.length === 0) return vscode.window.showInformationMessage(vscode.l10n.t('There are no cached results.'));
  const tweets = runs.reduce((n, r) => n + r.result.query.tweetIds.length, 0);
  const what = vscode.l10n.t('{0} ({1})', counted(runs.length, vscode.l10n.t('{0} cached run'), vscode.l10n.t('{0} cached runs')), tweetCount(tweets));
  const clear = vscode.l10n.t('Clear');
  const confirm = await vscode.window.showWarningMessage(
    vscode.l10n.t('Clear {0}? They are deleted for every window; hovers and the panel lose their numbers.', what),
    { modal: true },
    clear,
  );
  if (confirm !== clear) return;
  await store.clear();
  void vscode.window.setStatusBarMessage(vscode.l10n.t('X Engagement: cached results cleared'), 4000);
}
