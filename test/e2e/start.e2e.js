// What `npm start` gives a newcomer: the sample workspace with xEngagement.useSandboxOnStart,
// so the sandbox is the active profile without any command, and a fetch on the JSON export
// works straight away. Once the user saves a profile of their own, that profile stays active
// after a reload: the demo setting never switches them back to sandbox numbers.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { openFile, runCommand, screenshot, webviewFrame, errorNotifications, saveBearerProfile, reloadWindow } = require('./harness');
const { ROOT } = require('../../scripts/code-server');
const { ensureSampleWorkspace } = require('../../scripts/fixtures');

const { findTweetIds } = require(path.join(ROOT, 'out/src/finder/finder.js'));
const { sandboxMetrics } = require(path.join(ROOT, 'out/src/sandbox/world.js'));

module.exports = async function startLikeNpmStart({ page, workspace }) {
  await page.locator('[id="workbench.parts.statusbar"]').getByText('X: Sandbox').waitFor({ timeout: 30_000 });
  await openFile(page, 'tweets.json');
  await runCommand(page, 'X Engagement: Fetch engagement totals');
  const frame = await webviewFrame(page, 30_000);
  await frame.locator('table.grid tr.row').first().waitFor({ timeout: 30_000 });
  const ids = findTweetIds(fs.readFileSync(path.join(workspace, 'tweets.json'), 'utf8')).ids;
  const now = Date.now();
  const available = ids.filter((id) => !sandboxMetrics(id, now).unavailable);
  const shown = Number((await frame.locator('body').innerText()).match(/With values:\s*(\d+)/)[1]);
  assert.equal(shown, available.length, 'every available Tweet of the export has a row');
  await screenshot(page, 'e2e-start-sample');
  assert.deepEqual(await errorNotifications(page), []);

  // The CSV export: its user_id column holds user IDs, not Tweets; only the tweet_id column is asked for.
  const csvText = fs.readFileSync(path.join(workspace, 'export.csv'), 'utf8');
  const csvRows = csvText.trim().split('\n').slice(1);
  await openFile(page, 'export.csv');
  await runCommand(page, 'X Engagement: Fetch engagement totals');
  const csvFrame = await webviewFrame(page, 30_000);
  await csvFrame.locator('body', { hasText: `Requested: ${csvRows.length}` }).waitFor({ timeout: 30_000 });
  const requested = Number((await csvFrame.locator('body').innerText()).match(/Requested:\s*(\d+)/)[1]);
  assert.equal(requested, new Set(csvRows.map((r) => r.split(',')[0])).size, 'one Tweet per tweet_id, no user IDs');
  await screenshot(page, 'e2e-start-csv');

  // The user's own profile, then a reload: their choice wins over useSandboxOnStart. Back to the
  // editor first: while the panel's webview has the focus, keys (F1 for the palette) go to it.
  await page.locator('.tabs-container .tab', { hasText: 'export.csv' }).first().click();
  await page.locator('.tabs-container .tab.active[data-resource-name="export.csv"]').waitFor({ timeout: 15_000 });
  await saveBearerProfile(page, 'brand-handle', 'e2e-start-token-1234567890');
  const statusBar = page.locator('[id="workbench.parts.statusbar"]');
  await statusBar.getByText('X: brand-handle').waitFor({ timeout: 10_000 });
  await reloadWindow(page);
  await statusBar.getByText('X: brand-handle').waitFor({ timeout: 60_000 });
  assert.equal(await statusBar.getByText('X: Sandbox').count(), 0, 'the sandbox did not take over again');
  await screenshot(page, 'e2e-start-own-profile-kept');
};

// A bound against a hang: a fetch, Set credentials and a window reload.
module.exports.timeoutMs = 200_000;

module.exports.options = { workspace: ensureSampleWorkspace(), settings: { 'xEngagement.useSandboxOnStart': true } };
