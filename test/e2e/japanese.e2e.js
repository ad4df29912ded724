// The extension in Japanese (issue 10, item 15): code-server with the display language `ja`.
// There is no Marketplace here, so VS Code's own UI stays English (no language pack; see
// scripts/code-server.js for how the locale is accepted without one), but the extension reads
// vscode.env.language 'ja': its commands in the palette (package.nls.ja.json), the Results tree,
// the status bar and the results panel (l10n/bundle.l10n.ja.json) must all be Japanese, with X's
// words (いいね, リポスト…). Screenshots: japanese-palette, japanese-panel, japanese-hover, japanese-tree.
'use strict';

const assert = require('node:assert/strict');
const { hoverOver, openFile, runCommand, screenshot, webviewFrame } = require('./harness');

module.exports = async function japanese({ page }) {
  // The activity bar icon carries the container's title from package.nls.ja.json.
  await page.locator('[id="workbench.parts.activitybar"] [aria-label*="X エンゲージメント"]').first().waitFor({ state: 'visible', timeout: 60_000 });
  await openFile(page, 'report.md');

  // The palette lists our commands in Japanese.
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible' });
  await page.keyboard.type('X エンゲージメント', { delay: 10 });
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  await rows.filter({ hasText: 'エンゲージメント合計を取得' }).first().waitFor({ timeout: 15_000 });
  // The list is virtual (only the rows in view exist): each command is looked for by its own title.
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (const title of ['サンドボックスを使用', '認証情報を設定', 'ログを開く', 'エンゲージメントの時系列を取得（過去28時間）']) {
    await input.fill(`>X エンゲージメント: ${title}`);
    await rows
      .filter({ hasText: `X エンゲージメント: ${title}` })
      .first()
      .waitFor({ timeout: 15_000 });
  }
  await input.fill('>X エンゲージメント');
  await rows.filter({ hasText: 'エンゲージメント合計を取得' }).first().waitFor({ timeout: 15_000 });
  // VS Code shows the English title under a translated one (the palette matches both); the title itself is Japanese.
  const labels = await page.evaluate(() =>
    [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row')].map((row) => row.querySelector('.label-name')?.textContent ?? ''),
  );
  assert.ok(
    labels.some((l) => l.includes('エンゲージメント合計を取得')),
    labels.join(' | '),
  );
  assert.ok(!labels.some((l) => /Fetch engagement totals|Use sandbox/.test(l)), `no English titles: ${labels.join(' | ')}`);
  await screenshot(page, 'japanese-palette');
  await page.keyboard.press('Escape');

  await runCommand(page, 'X エンゲージメント: サンドボックスを使用');
  const status = page.locator('[id="workbench.parts.statusbar"]');
  await status.getByText('X: Sandbox').waitFor({ timeout: 20_000 });
  await runCommand(page, 'X エンゲージメント: エンゲージメント合計を取得');

  // The panel: headers, toolbar and sections in Japanese, the numbers as before.
  const frame = await webviewFrame(page, 30_000);
  await frame.locator('table.grid tr.row').first().waitFor({ timeout: 30_000 });
  const headers = (await frame.locator('table.grid thead th').allTextContents()).map((t) => t.replace(/[▲▼]/g, '').trim());
  assert.deepEqual(headers.slice(0, 2), ['ツイートID', '投稿日時']);
  for (const word of ['いいね', 'リポスト', '引用', '返信', '動画の再生数']) assert.ok(headers.includes(word), `${word} in ${headers.join(', ')}`);
  assert.equal((await frame.locator('.toolbar button[data-action="copy"]').textContent()).trim(), '表をコピー');
  assert.equal(await frame.locator('.toolbar input.filter').getAttribute('placeholder'), 'ツイートIDで絞り込み');
  assert.match(await frame.locator('header.head .meta').textContent(), /プロファイル: Sandbox.*リクエスト数: \d+/);
  assert.match(await frame.locator('.toolbar .count').textContent(), /^\d+ 件のツイート$/);
  assert.equal(await frame.locator('html').getAttribute('lang'), 'ja');
  await screenshot(page, 'japanese-panel');

  // A hover over a fetched ID in the report: its numbers under X's Japanese words.
  const id = (await frame.locator('table.grid tr.row button.link.id').first().textContent()).trim();
  const hover = await hoverOver(page, id, 'いいね', 20_000);
  assert.match(hover, new RegExp(`ツイート ${id}`), hover);
  assert.match(hover, /サンドボックス/, hover);
  assert.match(hover, /プロファイル Sandbox で取得/, hover);
  assert.match(hover, /種類\s*値/, hover);
  assert.doesNotMatch(hover, /Likes|Fetched|Refresh/, hover);
  await screenshot(page, 'japanese-hover');
  await page.keyboard.press('Escape');

  // The Results tree: the run's line and the values under a grouping.
  // (VS Code's own "View: Show …" stays English; the container's title is ours.)
  await runCommand(page, 'View: Show X エンゲージメント');
  const tree = page.locator('.pane-body .monaco-list-row');
  await tree.filter({ hasText: 'totals' }).first().waitFor({ timeout: 15_000 });
  const runText = (await tree.allTextContents()).join(' | ');
  assert.match(runText, /\d+ 件のツイート · Sandbox/, runText);
  assert.match(runText, /取得不可 \(\d+\)|失敗したバッチ|totals/, runText);
  await tree.filter({ hasText: 'totals' }).first().click();
  await tree.filter({ hasText: 'いいね' }).first().waitFor({ timeout: 15_000 });
  const expanded = (await tree.allTextContents()).join(' | ');
  assert.match(expanded, /いいね: [\d,]+/, expanded);
  assert.doesNotMatch(expanded, /Likes|Reposts/, 'no English type words');
  await screenshot(page, 'japanese-tree');
};

module.exports.options = { locale: 'ja' };
