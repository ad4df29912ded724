// End to end, the trust boundary as a user meets it: text the extension did not write must
// not become a live link in a notification.
//  (a) A workspace file named like a command link, with no Tweet IDs in it: Fetch engagement
//      totals on it says so, with the name as plain text (no link element).
//  (b) An API whose 401 error text carries a link that would type into a terminal (and echoes
//      the credentials, with terminal escapes): the error notification shows it as plain text,
//      and the token is nowhere on screen.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runCommand, saveBearerProfile, screenshot, waitForExtension, waitForNotification } = require('./harness');
const { ROOT } = require('../../scripts/code-server');

const { hostile, startHostileServer } = require(path.join(ROOT, 'out/test/support/hostileServer.js'));

const FILE_TRAP = '[Re-scan now](command:workbench.action.files.newUntitledFile).txt';
const TOKEN = 'e2e-bearer-SECRET-4c1d';
let server;
let workspace;

/**
 * Opens the notification center, finds the notification containing `text`, screenshots it and
 * returns its message's text and how many link elements the message holds.
 */
async function inspectNotification(page, text, shot) {
  await waitForNotification(page, text);
  await runCommand(page, 'Notifications: Show Notifications');
  const item = page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
  await item.waitFor({ state: 'visible', timeout: 10_000 });
  const message = item.locator('.notification-list-item-message');
  const found = { text: (await message.textContent()) || '', links: await message.locator('a, .monaco-link').count() };
  await screenshot(page, shot);
  await runCommand(page, 'Notifications: Clear All Notifications');
  return found;
}

module.exports = async function securityEndToEnd({ page }) {
  // The extension is up: a command of ours ran from the palette, and its status bar item shows.
  await waitForExtension(page);
  // (a) The file-name trap.
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'Re-scan now' }).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: 'Re-scan now' }).waitFor({ state: 'visible', timeout: 15_000 });
  await runCommand(page, 'X Engagement: Fetch engagement totals');
  const a = await inspectNotification(page, 'No Tweet IDs found', 'e2e-security-file-name');
  assert.equal(a.links, 0, `the file name became a link: ${a.text}`);
  assert.ok(a.text.replace(/\u200b/g, '').includes(FILE_TRAP), `the name shows as it is: ${a.text}`);

  // (b) A hostile API: Bearer credentials saved without a test, then a fetch that meets a 401.
  await saveBearerProfile(page, 'hostile-api', TOKEN);
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'ids.txt' }).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: 'ids.txt' }).waitFor({ state: 'visible', timeout: 15_000 });
  await runCommand(page, 'X Engagement: Fetch engagement totals');
  // The types quick pick, when asked for: accept the defaults.
  const types = page.locator('.quick-input-widget .quick-input-title', { hasText: 'Engagement types' });
  if (
    await types.waitFor({ state: 'visible', timeout: 5_000 }).then(
      () => true,
      () => false,
    )
  )
    await page.keyboard.press('Enter');
  const b = await inspectNotification(page, 'Authentication failed', 'e2e-security-api-error');
  assert.ok(
    server.requests.some((r) => r.headers.authorization === `Bearer ${TOKEN}`),
    'the fetch reached the hostile API with the token',
  );
  assert.ok(b.text.includes('Click here'), `the API's text is shown: ${b.text}`);
  assert.equal(b.links, 0, `the API's text became a link: ${b.text}`);
  assert.ok(!b.text.includes(TOKEN), `the echoed token is shown: ${b.text}`);
  // eslint-disable-next-line no-control-regex -- the test looks for control characters
  assert.ok(!/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(b.text), `control characters shown: ${JSON.stringify(b.text)}`);
  assert.ok(!((await page.locator('body').textContent()) || '').includes(TOKEN), 'the token is nowhere on screen');
};

// A bound against a hang, not a speed check: two traps, each with its own fetch and notification center, take 35-110 s on a loaded 2-core machine.
module.exports.timeoutMs = 240_000;

module.exports.options = async () => {
  server = await startHostileServer(hostile.echoCredentialsWithTraps(401));
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-security-'));
  fs.writeFileSync(path.join(workspace, FILE_TRAP), 'A note without any Tweet IDs in it.\n');
  fs.writeFileSync(path.join(workspace, 'ids.txt'), 'https://x.com/brand/status/1790000000000000001\n1790000000000000002\n');
  return { workspace, settings: { 'xEngagement.apiBaseUrl': server.url } };
};

module.exports.cleanup = async () => {
  await server?.close();
  if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
};
