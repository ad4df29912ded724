// End to end, the real-credentials path: Set credentials (Bearer, in a password box, tested
// with one request) against an API host configured in user settings — a sandbox standing in
// for X — then Fetch engagement totals on ids.csv. The token must end up nowhere but in
// SecretStorage: not in settings.json, not on screen. Last, switching profiles by clicking the
// status bar item.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { openFile, quickInput, runCommand, screenshot, webviewFrame, errorNotifications, notificationTexts, waitForNotification } = require('./harness');
const { ROOT } = require('../../scripts/code-server');

const { findTweetIds } = require(path.join(ROOT, 'out/src/finder/finder.js'));
const { startSandbox, SANDBOX_CREDENTIALS } = require(path.join(ROOT, 'out/src/sandbox/server.js'));
const { sandboxMetrics } = require(path.join(ROOT, 'out/src/sandbox/world.js'));

let sandbox;
const group = (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

module.exports = async function credentialsEndToEnd({ page, workspace, server }) {
  const token = SANDBOX_CREDENTIALS.bearerToken;
  await openFile(page, 'ids.csv');
  await runCommand(page, 'X Engagement: Set credentials');
  await quickInput(page, 'profile name', 'brand-handle');
  await quickInput(page, 'API host for "brand-handle"', sandbox.url); // the profile's own host (the setting's value is offered as the default)
  await quickInput(page, 'kind for "brand-handle"', 'Bearer token');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Bearer token' }).waitFor({ state: 'visible', timeout: 15_000 });
  const password = page.locator('.quick-input-widget .quick-input-box input[type="password"]');
  await password.waitFor({ state: 'visible', timeout: 15_000 });
  await password.fill(token);
  await page.keyboard.press('Enter');
  await quickInput(page, 'test them?', 'Test with one request'); // against the configured host
  const saved = await waitForNotification(page, 'Saved credentials for "brand-handle"');
  assert.equal(saved.severity, 'info');
  await page.locator('[id="workbench.parts.statusbar"]').getByText('X: brand-handle').waitFor({ timeout: 10_000 });
  await screenshot(page, 'e2e-credentials-saved');

  await runCommand(page, 'X Engagement: Fetch engagement totals');
  const frame = await webviewFrame(page, 30_000);
  await frame.locator('table.grid tr.row').first().waitFor({ timeout: 30_000 });
  const ids = findTweetIds(fs.readFileSync(path.join(workspace, 'ids.csv'), 'utf8')).ids;
  const now = Date.now();
  const available = ids.filter((id) => !sandboxMetrics(id, now).unavailable);
  const rows = await frame.locator('table.grid tr.row td:nth-child(2)').allTextContents();
  assert.equal(rows.length, available.length, 'a row per available Tweet');
  // The ID cell holds the ID's button (and a Reveal button); Likes is found by its header.
  const firstId = (await frame.locator('table.grid tr.row td.col-id button').first().textContent()).trim();
  const headers = (await frame.locator('table.grid th').allTextContents()).map((h) => h.replace(/[▲▼↑↓\s]+$/g, '').trim());
  const likesCol = headers.findIndex((h) => h.startsWith('Likes'));
  assert.ok(likesCol > 0, `a Likes column in ${headers}`);
  const firstLikes = (
    await frame
      .locator('table.grid tr.row')
      .first()
      .locator('td')
      .nth(likesCol)
      .evaluate((td) => td.firstChild.textContent)
  ).trim();
  assert.equal(firstLikes, group(sandboxMetrics(firstId, now).metrics.favorites));
  assert.match(await frame.locator('body').textContent(), /Profile:\s*brand-handle/);
  await screenshot(page, 'e2e-credentials-fetch');

  // The token is in no settings file and nowhere on screen.
  const userDir = path.join(server.userDataDir, 'User');
  const settingsText = fs
    .readdirSync(userDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => fs.readFileSync(path.join(userDir, f), 'utf8'))
    .join('\n');
  assert.ok(settingsText.includes(sandbox.url), 'the API host is in user settings');
  assert.ok(!settingsText.includes(token), 'the token is not in settings');
  assert.ok(!(await page.locator('body').textContent()).includes(token), 'the token is not on screen');
  assert.ok(!(await frame.locator('body').textContent()).includes(token), 'the token is not in the panel');
  // Switching profiles from the status bar: Use sandbox makes "Sandbox" active; a click on the
  // status bar item lists both profiles; picking brand-handle makes it active again.
  const statusBar = page.locator('[id="workbench.parts.statusbar"]');
  await runCommand(page, 'X Engagement: Use sandbox');
  await statusBar.getByText('X: Sandbox').waitFor({ timeout: 20_000 });
  await statusBar.getByText('X: Sandbox').click();
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'switch profile' }).waitFor({ state: 'visible', timeout: 15_000 });
  const labels = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allTextContents();
  assert.ok(labels.some((l) => l.includes('brand-handle')) && labels.some((l) => l.includes('Sandbox')), `profiles offered: ${labels.join(' | ')}`);
  // Each profile says what it holds and where it sends.
  const brandRow = labels.find((l) => l.includes('brand-handle'));
  assert.ok(brandRow.includes('Bearer') && brandRow.includes(new URL(sandbox.url).host), brandRow);
  assert.ok(labels.find((l) => l.includes('Sandbox')).includes('built-in sandbox'), labels.join(' | '));
  await screenshot(page, 'e2e-credentials-switch-list');
  await quickInput(page, 'switch profile', 'brand-handle');
  await statusBar.getByText('X: brand-handle').waitFor({ timeout: 10_000 });
  await screenshot(page, 'e2e-credentials-switched');

  assert.deepEqual(await errorNotifications(page), [], `no errors: ${(await notificationTexts(page)).join(' | ')}`);
};

module.exports.options = async () => {
  sandbox = await startSandbox({ port: 0 });
  return { settings: { 'xEngagement.apiBaseUrl': sandbox.url } };
};

module.exports.cleanup = async () => {
  await sandbox?.close();
};
