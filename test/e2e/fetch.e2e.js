// End to end, as a user: open a report with status URLs, run "Use sandbox" and "Fetch
// engagement totals" from the palette, then check the results tree, the panel's values
// (equal to what the sandbox answers for the same Tweets) and a hover over an ID.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { hoverOver, openFile, runCommand, screenshot, webviewFrame, errorNotifications } = require('./harness');
const { ROOT } = require('../../scripts/code-server');

const { findTweetIds } = require(path.join(ROOT, 'out/src/finder/finder.js'));
const { sandboxMetrics } = require(path.join(ROOT, 'out/src/sandbox/world.js'));

// Column headers use X's current words for the API's types.
const TYPES = { favorites: 'Likes', retweets: 'Reposts', quote_tweets: 'Quotes', replies: 'Replies', video_views: 'Video views' };
const group = (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

module.exports = async function fetchTotalsEndToEnd({ page, workspace }) {
  const text = fs.readFileSync(path.join(workspace, 'report.md'), 'utf8');
  const ids = findTweetIds(text).ids;
  assert.ok(ids.length >= 3, `report.md has Tweet IDs (${ids.length})`);

  await openFile(page, 'report.md');
  await runCommand(page, 'X Engagement: Use sandbox');
  await page.locator('[id="workbench.parts.statusbar"]').getByText('X: Sandbox').waitFor({ timeout: 20_000 });
  await runCommand(page, 'X Engagement: Fetch engagement totals');

  // The panel opens on the new run: a row per available Tweet, values as the sandbox says.
  const frame = await webviewFrame(page, 30_000);
  await frame.locator('table.grid tr.row').first().waitFor({ timeout: 30_000 });
  const headers = (await frame.locator('table.grid th').allTextContents()).map((h) => h.replace(/[▲▼↑↓\s]+$/g, '').trim());
  const now = Date.now();
  const expected = ids.map((id) => sandboxMetrics(id, now)).filter((t) => !t.unavailable);
  const rows = await frame
    .locator('table.grid tr.row')
    .evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('td')].map((td) =>
          (td.firstChild && td.firstChild.nodeType === 3 ? td.firstChild.textContent : td.querySelector('button') ? td.querySelector('button').textContent : td.textContent).trim(),
        ),
      ),
    );
  assert.equal(rows.length, expected.length, `rows in the panel: ${JSON.stringify(rows)}`);
  for (const t of expected) {
    const row = rows.find((r) => r[0] === t.id);
    assert.ok(row, `row for ${t.id}`);
    for (const [type, label] of Object.entries(TYPES)) {
      const col = headers.findIndex((h) => h.startsWith(label));
      assert.ok(col > 0, `column ${type} in ${headers}`);
      assert.equal(row[col], group(t.metrics[type]), `${type} of ${t.id}`);
    }
  }
  // Sandbox numbers say so in the panel: its title names the file, its header says Sandbox.
  await frame.locator('.sandbox-note .sandbox-badge', { hasText: 'Sandbox' }).waitFor({ timeout: 15_000 });
  assert.match(await frame.locator('header.head h1').textContent(), /^X Engagement: report\.md · .* \(Sandbox\)$/);
  await screenshot(page, 'e2e-panel');

  // The results tree shows the run, its groupings and the unavailable section.
  await runCommand(page, 'X Engagement: Focus on Results View');
  const tree = page.locator('.pane-body .monaco-list-row');
  await tree.filter({ hasText: 'perTweet' }).first().waitFor({ timeout: 15_000 });
  const treeText = (await tree.allTextContents()).join(' | ');
  assert.match(treeText, new RegExp(`${ids.length} Tweets`));
  assert.match(treeText, /Sandbox/);
  // The run is labelled by its source and time.
  assert.match(treeText, /report\.md · \d\d:\d\d:\d\d/, treeText);
  assert.ok(
    ids.some((id) => id.endsWith('13')),
    'report.md has an ID the sandbox calls unavailable',
  );
  assert.match(treeText, /Unavailable \(\d+\)/);
  // Expand perTweet → the first Tweet → its values, as the sandbox gives them.
  await tree.filter({ hasText: 'perTweet' }).first().click();
  const first = expected[0];
  await tree.filter({ hasText: first.id }).first().click();
  const valueRow = tree.filter({ hasText: `${TYPES.favorites}: ${group(first.metrics.favorites)}` }).first();
  await valueRow.waitFor({ timeout: 15_000 });
  await screenshot(page, 'e2e-tree');

  // A hover over an ID in the editor shows its cached numbers.
  const sample = expected[0];
  // Back to the report by its tab (keys would go to the webview while it has focus).
  await page.locator('.tabs-container .tab', { hasText: 'report.md' }).first().click();
  await page.locator('.tabs-container .tab.active[data-resource-name="report.md"]').waitFor({ timeout: 15_000 });
  const hoverText = await hoverOver(page, sample.id, 'Likes');
  assert.match(
    hoverText,
    new RegExp(`Likes\\s*${group(sample.metrics.favorites)}(?![\\d,])`),
    `hover shows Likes (favorites) ${sample.metrics.favorites} in its row: ${hoverText}`,
  );
  await screenshot(page, 'e2e-hover');

  assert.deepEqual(await errorNotifications(page), [], 'no error notifications');
};
