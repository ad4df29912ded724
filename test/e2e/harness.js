// End-to-end harness: a real VS Code workbench (code-server) in headless Chromium, with this
// extension loaded, driven through the UI the way a user would.
//
// ─── Writing an e2e test ───────────────────────────────────────────────────────────────
// Add test/e2e/<name>.e2e.js; `npm run test:e2e` (scripts/run-e2e.js) runs every such file,
// each against its own fresh code-server, profile and browser page:
//
//   const assert = require('node:assert/strict');
//   const { runCommand, openFile, screenshot, editorText } = require('./harness');
//
//   module.exports = async function ({ page, workspace, server }) {
//     await openFile(page, 'report.md');
//     await runCommand(page, 'Some Command Title');      // as shown in the palette
//     assert.match(await editorText(page), /status/);
//     await screenshot(page, 'my-test-after-command');    // test-results/my-test-after-command.png
//   };
//   // optional, per file:
//   module.exports.options = { settings: { 'xEngagement.someSetting': true }, workspace: '/abs/dir' };
//
// A test fails when it throws (assert) or exceeds E2E_TEST_TIMEOUT_MS (default 120 s); the
// runner then saves test-results/<name>-failure.png. Look at the screenshots: a test that
// passes while the screen shows an error box is a failing test (see errorNotifications()).
// Run one file: `node scripts/run-e2e.js smoke`. How the extension gets in: by default through
// the payload's extensionDevelopmentPath (the repo root; needs `npm run build`); with
// E2E_VSIX=path/to/x.vsix it is installed from the package with `--install-extension` instead.
//
// ─── Helpers ───────────────────────────────────────────────────────────────────────────
//   openWorkbench({ workspace?, settings?, vsix?, devPath?, workspaceTrust?, ignoreHTTPSErrors?, locale? }) → { page, browser, server, workspace, close() }
//       starts code-server + Chromium, opens the workbench and waits until it is ready.
//       workspaceTrust: true opens the folder untrusted, in Restricted Mode (see
//       scripts/code-server.js); the default trusts every folder. ignoreHTTPSErrors: the page
//       accepts a test server's self-signed certificate (listing.e2e.js serves images so).
//       locale: VS Code's display language, e.g. 'ja' (japanese.e2e.js; scripts/code-server.js
//       says how it is accepted without the language pack).
//   waitForWorkbench(page)            the workbench is rendered and the explorer shows the folder.
//   runCommand(page, title)           F1, types the title, picks the matching entry (Enter).
//   waitForExtension(page)            runs "X Engagement: Open log", waits for the status bar item
//                                     (it shows only once the extension was used), closes the panel.
//   quickInput(page, title, text)     answers the quick input titled …title… with text (Enter).
//   saveBearerProfile(page, name, token)  Set credentials as a user: a Bearer profile `name`,
//                                     saved without a test request; waits for "Saved…".
//   reloadWindow(page)                Developer: Reload Window; waits for the workbench to be back.
//   openFile(page, name)              Ctrl+P quick open, types the name, Enter; waits for its tab.
//   activeEditorTitle(page)           file name of the active editor tab (e.g. 'report.md').
//   editorText(page)                  visible text of the active editor (Monaco renders only the
//                                     visible lines; \u00a0 turned into spaces).
//   hoverOver(page, id, text, timeout?, scope?)  rests the pointer on an ID in an editor under scope (default
//                                     the active editor group; notebooks: ".notebookOverlay"), returns the hover text.
//   errorNotifications(page)          texts of error notifications (notification center).
//   notificationTexts(page)           texts of every notification (read from the notification
//                                     center: toasts are not shown headless).
//   notifications(page)               [{ severity, text }] from the notification center.
//   waitForNotification(page, text)   waits until a notification containing text exists.
//   screenshot(page, name)            saves test-results/<name>.png, returns the path.
//   webviewFrame(page)                the inner frame of the active webview (iframe.webview →
//                                     iframe#active-frame), for panels.
//   fetchOnSandbox(page, name?)       opens the file (report.md), Use sandbox, Fetch; returns the
//                                     results panel's frame once its table has rows.
// Useful selectors: tree rows are `.monaco-list-row` inside a view's pane; hovers render in
// `.monaco-hover`; the status bar is `#workbench.parts.statusbar` (use `[id="workbench.parts.statusbar"]`).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { ROOT, startCodeServer, launchBrowser, workbenchUrl, remotePath } = require('../../scripts/code-server');
const { ensureFixtureWorkspace } = require('../../scripts/fixtures');

const RESULTS = path.join(ROOT, 'test-results');
const isMac = process.platform === 'darwin';

async function openWorkbench({ workspace, settings, vsix, devPath = ROOT, env, workspaceTrust, ignoreHTTPSErrors, locale } = {}) {
  const folder = path.resolve(workspace || ensureFixtureWorkspace());
  const server = await startCodeServer({ workspace: folder, settings, vsix, env, workspaceTrust, locale });
  let browser;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, ignoreHTTPSErrors: !!ignoreHTTPSErrors });
    page.setDefaultTimeout(30_000);
    const payload = [['skipWelcome', 'true']];
    if (!vsix && devPath) payload.unshift(['extensionDevelopmentPath', remotePath(server, devPath)]);
    await page.goto(workbenchUrl(server, { workspace: folder, payload }), { waitUntil: 'domcontentloaded' });
    await waitForWorkbench(page);
    return {
      page,
      browser,
      server,
      workspace: folder,
      async close() {
        await browser.close().catch(() => {});
        await server.stop();
      },
    };
  } catch (e) {
    if (browser) await browser.close().catch(() => {});
    await server.stop();
    throw e;
  }
}

async function waitForWorkbench(page, timeout = 90_000) {
  await page.waitForSelector('.monaco-workbench', { timeout });
  // The explorer lists the folder's files once the remote connection and file system are up.
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout });
}

async function quickPick(page, opener, text, matchLabel) {
  await page.keyboard.press(opener);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await page.keyboard.type(text, { delay: 10 });
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  const wanted = rows.filter({ hasText: matchLabel }).first();
  await wanted.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {
    throw new Error(`Nothing matching "${matchLabel}" in the quick pick after typing "${text}"`);
  });
  // Enter runs the focused row, which can lag behind the filtering (or be a recently used
  // entry): press it only once the focused row is the wanted one, else click the wanted row.
  const focused = rows.and(page.locator('.focused')).filter({ hasText: matchLabel }).first();
  if (
    await focused.waitFor({ state: 'visible', timeout: 3_000 }).then(
      () => true,
      () => false,
    )
  )
    await page.keyboard.press('Enter');
  else await wanted.click();
  await page
    .locator('.quick-input-widget')
    .waitFor({ state: 'hidden', timeout: 10_000 })
    .catch(() => {});
}

/**
 * Answers the open quick input whose title contains `title` with `text` (waits for it: the
 * previous one may still be fading out); in a quick pick, the entry matching `text`.
 */
async function quickInput(page, title, text) {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: 15_000 });
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(text);
  // A quick pick filters as it goes: wait until the wanted entry is the active one.
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  if ((await rows.count()) > 0) await rows.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout: 5_000 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

/** Set credentials through its prompts: a Bearer profile, saved without a test request. */
async function reloadWindow(page) {
  const reloaded = page.waitForEvent('load', { timeout: 60_000 });
  await runCommand(page, 'Developer: Reload Window');
  await reloaded;
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
}

async function saveBearerProfile(page, name, token) {
  await runCommand(page, 'X Engagement: Set credentials');
  await quickInput(page, 'profile name', name);
  await quickInput(page, `API host for "${name}"`, ''); // the first offered: the default host
  await quickInput(page, `kind for "${name}"`, 'Bearer token');
  const password = page.locator('.quick-input-widget .quick-input-box input[type="password"]');
  await password.waitFor({ state: 'visible', timeout: 15_000 });
  await password.fill(token);
  await page.keyboard.press('Enter');
  await quickInput(page, 'test them?', 'Save without testing');
  await waitForNotification(page, `Saved credentials for "${name}"`);
}

/** Runs a command by its palette title (e.g. "View: Toggle Word Wrap"), as a user would. */
async function runCommand(page, title) {
  await quickPick(page, 'F1', title, title);
}

/**
 * Waits until the extension is up. Its status bar item shows only once it has been used
 * (platform/usage.ts), so this uses it as a user would: runs "X Engagement: Open log" (the
 * palette activates the extension for it), then waits for the item (`statusText`).
 */
async function waitForExtension(page, statusText = 'X: no credentials', timeout = 60_000) {
  // The palette lists our commands once the workbench has read the extension's contributions
  // (its activity-bar icon shows then; that is not activation: running the command activates it).
  await page.locator('[id="workbench.parts.activitybar"] [aria-label*="X Engagement"]').first().waitFor({ state: 'visible', timeout });
  for (let attempt = 1; ; attempt++) {
    try {
      await runCommand(page, 'X Engagement: Open log');
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
  await page.locator('[id="workbench.parts.statusbar"]').getByText(statusText).waitFor({ timeout });
  // The log opens in the panel and takes the focus (a little after the command): once it has
  // it, the panel is closed, so keys and "the active editor" are the editor area's again.
  const panel = page.locator('[id="workbench.parts.panel"]');
  await panel.locator('.monaco-editor.focused').first().waitFor({ state: 'visible', timeout: 15_000 });
  await runCommand(page, 'View: Toggle Panel Visibility');
  await panel.waitFor({ state: 'hidden', timeout: 15_000 });
}

/** Opens a workspace file through Quick Open (Ctrl+P) and waits until its tab is active. */
async function openFile(page, name) {
  await quickPick(page, isMac ? 'Meta+P' : 'Control+P', name, path.basename(name));
  await page.locator(`.tabs-container .tab.active[data-resource-name="${path.basename(name)}"]`).waitFor({ state: 'visible', timeout: 15_000 });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor();
}

async function activeEditorTitle(page) {
  const tab = page.locator('.editor-group-container.active .tabs-container .tab.active').first();
  return tab.getAttribute('data-resource-name');
}

async function editorText(page) {
  const lines = await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText();
  return lines.replace(/\u00a0/g, ' ');
}

/**
 * Notifications as the notification center lists them ({ severity, text }). Toasts are not
 * shown in this headless setup, so the center is the reliable place to read them: it is
 * opened through its command, read, and closed again.
 */
async function notifications(page) {
  const center = page.locator('.notifications-center');
  for (let attempt = 1; ; attempt++) {
    await runCommand(page, 'Notifications: Show Notifications');
    const shown = await center.waitFor({ state: 'visible', timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (shown) break;
    if (attempt === 3) throw new Error('the notification center did not open (3 attempts)');
  }
  const items = await center.locator('.notification-list-item').evaluateAll((els) =>
    els.map((el) => ({
      severity: el.querySelector('.codicon-error') ? 'error' : el.querySelector('.codicon-warning') ? 'warning' : 'info',
      text: (el.querySelector('.notification-list-item-message')?.textContent || '').trim(),
    })),
  );
  await runCommand(page, 'Notifications: Hide Notifications').catch(() => page.keyboard.press('Escape'));
  return items;
}

async function notificationTexts(page) {
  return (await notifications(page)).map((n) => n.text);
}

async function errorNotifications(page) {
  return (await notifications(page)).filter((n) => n.severity === 'error').map((n) => n.text);
}

/** Waits (bounded) until a notification containing `text` exists; returns it. */
async function waitForNotification(page, text, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = (await notifications(page)).find((n) => n.text.includes(text));
    if (found) return found;
    if (Date.now() > end) throw new Error(`no notification containing "${text}" within ${timeoutMs / 1000} s`);
    await page.waitForTimeout(1000);
  }
}

async function screenshot(page, name) {
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The content frame of the active webview panel (for panels/webviews). */
async function webviewFrame(page, timeout = 30_000) {
  const outer = await page.waitForSelector('iframe.webview.ready', { timeout });
  const outerFrame = await outer.contentFrame();
  const inner = await outerFrame.waitForSelector('iframe#active-frame', { timeout });
  return inner.contentFrame();
}

/**
 * Rests the pointer on a Tweet ID shown in the active editor and returns the text of the hover
 * that comes up containing `hasText`. A hover needs the pointer to rest on the ID; on a busy
 * machine the first rest may not do, so it tries three times.
 */
async function hoverOver(page, id, hasText, timeout = 10_000, scope = '.editor-group-container.active') {
  const token = page.locator(`${scope} .monaco-editor .view-line span`, { hasText: id }).first();
  await token.waitFor({ state: 'visible', timeout: 15_000 });
  let box = await token.boundingBox();
  for (let i = 0; !box && i < 50; i++) {
    await page.waitForTimeout(100);
    box = await token.boundingBox();
  }
  if (!box) throw new Error(`${id} is not laid out in the editor`);
  const content = await token.textContent();
  const at = content.indexOf(id);
  const charWidth = box.width / content.length;
  const hover = page.locator('.monaco-hover').filter({ hasText }).first();
  for (let attempt = 0; ; attempt++) {
    await page.mouse.move(box.x + 2, box.y - 40);
    await page.mouse.move(box.x + (at + 5 + attempt) * charWidth, box.y + box.height / 2, { steps: 3 });
    try {
      await hover.waitFor({ state: 'visible', timeout });
      return await hover.textContent();
    } catch (e) {
      if (attempt === 2) throw e;
    }
  }
}

/**
 * As a user: opens `name`, Use sandbox, Fetch engagement totals; returns the results panel's
 * frame once its table has rows.
 */
async function fetchOnSandbox(page, name = 'report.md') {
  await openFile(page, name);
  await runCommand(page, 'X Engagement: Use sandbox');
  await page.locator('[id="workbench.parts.statusbar"]').getByText('X: Sandbox').waitFor({ timeout: 20_000 });
  await runCommand(page, 'X Engagement: Fetch engagement totals');
  const frame = await webviewFrame(page, 30_000);
  await frame.locator('table.grid tr.row').first().waitFor({ timeout: 30_000 });
  return frame;
}

module.exports = {
  RESULTS,
  fetchOnSandbox,
  hoverOver,
  quickInput,
  saveBearerProfile,
  reloadWindow,
  openWorkbench,
  waitForWorkbench,
  runCommand,
  waitForExtension,
  openFile,
  activeEditorTitle,
  editorText,
  notificationTexts,
  notifications,
  waitForNotification,
  errorNotifications,
  screenshot,
  webviewFrame,
};
