// The extension in the editor's display language (README "Languages"). The whole suite runs in
// English; `INTEGRATION_LOCALE=ja INTEGRATION_GREP=localisation node scripts/run-integration.js`
// runs this file in a VS Code whose display language is Japanese. Each check reads what the
// activated extension really showed: its contributed command titles (package.nls.ja.json), a
// quick pick, a status bar message from the pure code (@vscode/l10n, configured at activation)
// and the status bar item.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, stubWindow } from './support/extension';
import { recentIds } from '../support/ids';

const JA = vscode.env.language === 'ja';

describe(`localisation (display language: ${vscode.env.language})`, () => {
  it('contributes its command titles in the display language', () => {
    // Translated titles come as { value, original } (the palette also matches the English words).
    type Text = string | { value: string; original: string };
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: Array<{ command: string; title: Text; category: Text }> } };
    const fetch = pkg.contributes.commands.find((c) => c.command === 'xEngagement.fetchTotals');
    const shown = (t: Text | undefined) => (typeof t === 'object' ? t.value : t);
    assert.deepEqual([shown(fetch?.category), shown(fetch?.title)], JA ? ['X エンゲージメント', 'エンゲージメント合計を取得'] : ['X Engagement', 'Fetch engagement totals']);
    // The walkthrough's side pages too: package.nls.ja.json names the Japanese one.
    const walkthrough = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { walkthroughs: Array<{ steps: Array<{ media: { markdown?: string } }> }> } })
      .contributes.walkthroughs[0];
    assert.equal(walkthrough.steps[0].media.markdown, JA ? 'media/walkthrough/sandbox.ja.md' : 'media/walkthrough/sandbox.md');
  });

  it("speaks it in messages, quick picks and the status bar, X's words included", async () => {
    const a = await api();
    await vscode.commands.executeCommand('xEngagement.useSandbox');
    let described: Array<{ label: string; description?: string }> = [];
    const ui = stubWindow({
      pick: (items) => {
        described = items as typeof described;
        return undefined;
      },
    });
    try {
      // The profile list: its title (vscode.l10n.t) and the sandbox's host (src/features/profiles/rules.ts, @vscode/l10n).
      await vscode.commands.executeCommand('xEngagement.switchProfile');
      assert.equal(ui.picks[0]?.title, JA ? 'X エンゲージメント: プロファイルを切り替え' : 'X Engagement: switch profile');
      const sandbox = described.find((i) => i.label === 'Sandbox');
      assert.match(
        sandbox?.description ?? '',
        JA ? /^サンドボックスの認証情報 · 内蔵のサンドボックス（127\.0\.0\.1:\d+）/ : /^sandbox credentials · built-in sandbox \(127\.0\.0\.1:\d+\)/,
      );

      // A fetch's report on the status bar (src/features/fetch/messages.ts: pure, @vscode/l10n).
      const run = await a.fetch.fetchIds(recentIds(2, 7), 'localisation');
      assert.ok(run, 'fetched from the sandbox');
      assert.ok(
        ui.status.some((s) => s === (JA ? '$(check) X エンゲージメント: 2 件のツイートの合計' : '$(check) X Engagement: totals for 2 Tweets')),
        ui.status.join(' | '),
      );
    } finally {
      ui.restore();
    }
    // The status bar item: the profile, and its tooltip.
    assert.equal(a.profileStatus.text, '$(beaker) X: Sandbox');
    assert.match(
      String(a.profileStatus.tooltip),
      JA ? /^X エンゲージメントのプロファイル「Sandbox」、送信先 内蔵のサンドボックス/ : /^X Engagement profile "Sandbox", sending to built-in sandbox/,
    );
  });
});
