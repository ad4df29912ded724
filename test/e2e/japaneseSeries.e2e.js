// Time series in Japanese (issues 10 and 11): code-server with the display language `ja`, the
// sandbox, "エンゲージメントの時系列を取得（過去28時間）" on a file of the user's own Tweets: the
// panel's header, chart title, readout and table, the Results view's line, the hover's sparkline
// line and the date-range pick all in Japanese, the numbers as in English.
// Screenshots: japanese-series, japanese-series-hover.
'use strict';

const assert = require('node:assert/strict');
const { errorNotifications, hoverOver, openFile, quickInput, runCommand, screenshot } = require('./harness');
const { campaignWorkspace, fetchCampaignSeries } = require('./campaign');

const { folder, owned } = campaignWorkspace();

module.exports = async function japaneseSeries({ page }) {
  await page.locator('[id="workbench.parts.activitybar"] [aria-label*="X エンゲージメント"]').first().waitFor({ state: 'visible', timeout: 60_000 });
  const frame = await fetchCampaignSeries(page, {
    useSandbox: 'X エンゲージメント: サンドボックスを使用',
    fetchLast28Hours: 'X エンゲージメント: エンゲージメントの時系列を取得（過去28時間）',
  });
  assert.equal(await frame.locator('.series-section h2').textContent(), '時間ごとのインプレッション: 合計と上位 3 件のツイート');
  assert.match(await frame.locator('header.head h1').textContent(), /^X エンゲージメント: campaign\.md · 過去28時間 · .*（サンドボックス）$/);
  const meta = await frame.locator('header.head .meta').textContent();
  assert.match(meta, /期間: 過去28時間/, meta);
  assert.match(meta, /区間: \d+ × 時間（UTC）/, meta);
  assert.equal((await frame.locator('.series-table thead th').first().textContent()).trim(), '時間（UTC）');
  assert.equal((await frame.locator('button[data-action="series-reset"]').textContent()).trim(), 'ズームをリセット');
  assert.equal(await frame.locator('.series-readout').textContent(), 'グラフをポイントすると、その時間の数値を表示します。');
  await frame.locator('details.ids-section summary', { hasText: /（1）/ }).waitFor({ timeout: 10_000 });

  // Point at the chart: the readout names the hour (UTC) and the total in Japanese words.
  const over = frame.locator('.series-chart .u-over').first();
  const box = await over.boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 4 });
  await frame.locator('.series-readout[data-time]').waitFor({ timeout: 10_000 });
  const readout = await frame.locator('.series-readout').textContent();
  assert.match(readout, /^\d{4}-\d\d-\d\d \d\d:00 UTC合計: [\d,]+/, readout);
  const body = (await frame.locator('body').textContent()) ?? '';
  assert.doesNotMatch(body, /Impressions|per hour|Reset zoom|the numbers behind|Point at the chart/, 'no English words on the page');
  await screenshot(page, 'japanese-series');

  // The Results view: the run's line names its window in Japanese.
  await runCommand(page, 'X エンゲージメント: Focus on 結果 View');
  const rows = page.locator('[id="workbench.parts.sidebar"] .pane-body .monaco-list-row');
  await rows.filter({ hasText: 'campaign.md' }).first().waitFor({ timeout: 15_000 });
  assert.match((await rows.first().textContent()) ?? '', /過去28時間 · 4 件のツイート · Sandbox/);

  // The hover's sparkline line.
  await runCommand(page, 'View: Focus First Editor Group');
  await openFile(page, 'campaign.md');
  const text = await hoverOver(page, owned[0], '時間ごと', 20_000);
  assert.match(text, /時間ごとのインプレッション、過去28時間（\d{4}-\d\d-\d\d \d\d:00 UTC – \d{4}-\d\d-\d\d \d\d:00 UTC）: [\d,]+/, text);
  assert.match(text, /エディター内のサンドボックスによる架空の数値です/, text);
  await page.locator('.monaco-hover img[src^="data:image/svg+xml"]').first().waitFor({ state: 'visible', timeout: 10_000 });
  await screenshot(page, 'japanese-series-hover');
  await page.keyboard.press('Escape');

  // The date-range pick in Japanese: the last 7 days, hourly.
  await runCommand(page, 'X エンゲージメント: エンゲージメントの時系列を取得（期間を指定…）');
  await quickInput(page, '時系列: どの期間を取得しますか？', '過去 7 日間');
  await frame.locator('.series-section h2', { hasText: '時間ごとのインプレッション' }).waitFor({ timeout: 30_000 });
  await frame.locator('header.head h1', { hasText: ' – ' }).waitFor({ timeout: 30_000 });
  assert.deepEqual(await errorNotifications(page), []);
};

module.exports.options = { locale: 'ja', workspace: folder };
