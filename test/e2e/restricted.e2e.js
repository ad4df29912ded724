// Restricted Mode in the real editor: a folder opened untrusted (workspace trust on, the
// folder never trusted), hover auto-fetch switched on in user AND workspace settings, the API
// host a loopback stand-in that counts requests, and a profile with a Bearer token set through
// the UI. Resting the pointer on a Tweet ID must send nothing (the hover offers the Fetch link
// and says auto-fetch is off in Restricted Mode). Then the user trusts the folder, and the
// same setup does fetch on hover: the zero above is not a broken setup.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { hoverOver, openFile, runCommand, saveBearerProfile, screenshot, waitForExtension } = require('./harness');
const { ROOT } = require('../../scripts/code-server');

const { startHostileServer, hostile } = require(path.join(ROOT, 'out/test/support/hostileServer.js'));

const { snowflakeAt } = require(path.join(ROOT, 'out/src/shared/tweetId.js'));
/** A Tweet ID from `daysAgo` days ago. */
const recentId = (daysAgo, seq) => snowflakeAt(Date.now() - daysAgo * 86_400_000, seq);
const FIRST = recentId(2, 101);
const SECOND = recentId(3, 202);
const TOKEN = 'restricted-e2e-bearer-7d1f';

let api;
let folder;

module.exports = async function restrictedMode({ page }) {
  const statusBar = page.locator('[id="workbench.parts.statusbar"]');
  await statusBar.getByText('Restricted Mode').waitFor({ timeout: 30_000 });
  await waitForExtension(page); // the status bar item shows once a command of ours ran

  // A profile with credentials, as a user sets it (not tested: no request yet).
  await saveBearerProfile(page, 'brand', TOKEN);
  await statusBar.getByText('X: brand').waitFor({ timeout: 10_000 });
  assert.equal(api.requests.length, 0, 'saving credentials without testing sends nothing');

  await openFile(page, 'ids.md');
  const text = await hoverOver(page, FIRST, `Tweet ${FIRST}`, 20_000);
  // Well past the hover's batching delay (400 ms) and its wait for numbers (2.5 s).
  await page.waitForTimeout(4_000);
  await screenshot(page, 'e2e-restricted-hover');
  assert.equal(api.requests.length, 0, `no request from a hover in Restricted Mode: ${api.requests.map((r) => `${r.method} ${r.url} ${r.headers.authorization}`).join(', ')}`);
  assert.match(text, /Auto-fetch is off in Restricted Mode/, text);
  assert.match(text, /Fetch engagement totals for this Tweet/);

  // The user trusts the folder: auto-fetch comes back, the request carries the credentials.
  await page.mouse.move(5, 5);
  await runCommand(page, 'Workspaces: Manage Workspace Trust');
  await page
    .getByRole('button', { name: /^Trust( Folder)?$/ })
    .first()
    .click();
  await statusBar.getByText('Restricted Mode').waitFor({ state: 'hidden', timeout: 15_000 });
  // The Workspace Trust page may open over the workbench (a modal editor that keeps Quick Open
  // from opening): Escape closes it; as an ordinary tab it stays, and Quick Open works anyway.
  await page.keyboard.press('Escape');
  await page
    .getByText('You trust this folder')
    .waitFor({ state: 'hidden', timeout: 5_000 })
    .catch(() => {});
  await openFile(page, 'ids.md');
  const trusted = await hoverOver(page, SECOND, 'Likes', 20_000);
  await screenshot(page, 'e2e-restricted-trusted-hover');
  assert.ok(api.requests.length >= 1, 'a trusted workspace auto-fetches on hover');
  assert.equal(api.requests[0].headers.authorization, `Bearer ${TOKEN}`);
  assert.ok(!trusted.includes('Restricted Mode'), trusted);
};

module.exports.options = async () => {
  api = await startHostileServer(hostile.perTweet('perTweet'));
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'xet-untrusted-'));
  fs.writeFileSync(path.join(folder, 'ids.md'), `# Cloned repository\n\n- first ${FIRST}\n- second ${SECOND}\n`);
  // What a hostile repository would ship: auto-fetch on, always stale.
  fs.mkdirSync(path.join(folder, '.vscode'));
  fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'xEngagement.hover.autoFetch': true, 'xEngagement.cache.maxAgeMinutes': 0 }));
  return {
    workspace: folder,
    workspaceTrust: true,
    settings: { 'xEngagement.apiBaseUrl': api.url, 'xEngagement.hover.autoFetch': true },
  };
};

module.exports.cleanup = async () => {
  await api?.close();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
};
