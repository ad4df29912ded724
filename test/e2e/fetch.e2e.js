// End to end, as a user: open a report with status URLs, run "Use sandbox" and "Fetch
// engagement totals" from the palette, then check the results tree, the panel's values
// (equal to what the sandbox answers for the same Tweets) and a hover over an ID.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { fetchOnSandbox, hoverOver, runCommand, screenshot, errorNotifications } = require('./harness');
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

  // The panel opens on the new run: a row per available Tweet, values as the sandbox says.
  const frame = await fetchOnSandbox(page);
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

  // The panel opened beside the report, not over it, and the editor kept the focus.
  const groups = page.locator('.editor-group-container');
  assert.equal(await groups.count(), 2, 'two editor groups: the report and the panel beside it');
  const reportGroup = groups.filter({ has: page.locator('.tab[data-resource-name="report.md"]') });
  const panelGroup = groups.filter({ has: page.locator('.tab', { hasText: 'X Engagement:' }) });
  assert.equal(await reportGroup.count(), 1, 'report.md is in a group of its own');
  assert.equal(await panelGroup.count(), 1, 'the panel is in the other group');
  assert.ok(await reportGroup.locator('.tab.active[data-resource-name="report.md"]').count(), 'the report is still the shown tab of its group');
  assert.ok(
    await page.evaluate(() => !!(document.activeElement && document.activeElement.closest('.editor-group-container.active .monaco-editor'))),
    'the keyboard focus is in the report, not in the panel',
  );
  await screenshot(page, 'e2e-panel-beside');

  // Posted: sorted newest first by its header, the times in local time.
  await frame.locator('th button.sort[data-col="-1"]').click();
  await frame.locator('th[aria-sort="descending"] button.sort[data-col="-1"]').waitFor({ timeout: 10_000 });
  const posted = await frame.locator('table.grid tr.row td.col-posted').allTextContents();
  assert.equal(posted.length, expected.length);
  for (const p of posted) assert.match(p, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, `a local date and time: ${p}`);
  assert.deepEqual(posted, [...posted].sort().reverse(), `newest first: ${posted}`);
  await screenshot(page, 'e2e-panel-posted-sorted');

  // Reveal in file from a row: the report's cursor moves to the first place the ID appears.
  const target = expected[expected.length - 1];
  const match = findTweetIds(text).matches.find((m) => m.id === target.id);
  const line = text.slice(0, match.start).split('\n').length;
  const lineStart = text.lastIndexOf('\n', match.start - 1) + 1;
  // The status bar shows the cursor: at one end of the selected ID (1-based columns).
  const cols = `(${match.start - lineStart + 1}|${match.end - lineStart + 1})`;
  const status = page.locator('[id="workbench.parts.statusbar"]');
  await frame.locator(`tr.row:has(button[data-id="${target.id}"]) button.row-action`).click();
  await status.getByText(new RegExp(`Ln ${line}, Col ${cols} \\(${target.id.length} selected\\)`)).waitFor({ timeout: 15_000 });
  assert.ok(await page.evaluate(() => !!(document.activeElement && document.activeElement.closest('.monaco-editor'))), 'Reveal in file puts the keyboard in the report');
  await screenshot(page, 'e2e-panel-reveal');

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

// Beside, Posted and Reveal in file add steps to a long walk: room for a busy machine.
module.exports.timeoutMs = 240_000;
