// The Marketplace listing as a user meets it (issue 10, item 14): the packaged .vsix installed
// into code-server, its page in the Extensions view: name, description and icon in the header,
// and the README below with its first heading and its screenshots.
//
// VS Code shows README images on that page only from https addresses (relative paths and
// data: URIs are stripped), so scripts/package.js rewrites the README's images to
// LISTING_BASE_URL, where the repository's files are published. This test plays the publisher:
// it serves docs/images/ over https (a self-signed certificate the page is told to accept),
// packs the .vsix with scripts/package.js against that address, and checks that the details
// page loaded the screenshots from there. (E2E_VSIX is not used here: the package must point
// at this test's server.)
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');
const { errorNotifications, runCommand, screenshot, webviewFrame } = require('./harness');
const { ROOT } = require('../../scripts/code-server');
const { packageVsix } = require('../../scripts/package');

const { selfSignedCert } = require(path.join(ROOT, 'out/test/support/tls.js'));
const { readManifest } = require(path.join(ROOT, 'out/test/support/manifest.js'));

// As the details page shows it: the description is a %key% of package.nls.json.
const pkg = readManifest(ROOT);
let tmp;
let server;
const served = [];

module.exports = async function listing({ page }) {
  await runCommand(page, 'View: Show Extensions');
  const search = page.locator('.extensions-viewlet .suggest-input-container').first();
  await search.waitFor({ state: 'visible', timeout: 30_000 });
  await search.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('@installed', { delay: 10 });
  const row = page.locator('.extensions-viewlet .monaco-list-row', { hasText: pkg.displayName }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();

  // The header: name, description, our icon (loaded from the installed extension).
  const editor = page.locator('.extension-editor');
  await editor.locator('.header .name', { hasText: pkg.displayName }).waitFor({ timeout: 30_000 });
  assert.equal((await editor.locator('.header .description').first().textContent()).trim(), pkg.description);
  const icon = editor.locator('.header img.icon').first();
  await icon.waitFor({ timeout: 15_000 });
  await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await icon.elementHandle(), { timeout: 15_000 });
  const iconSrc = await icon.getAttribute('src');
  assert.match(iconSrc, /icon\.png/, `our icon, not the default one: ${iconSrc}`);

  // The README: its first heading, and the screenshots loaded (naturalWidth 0 = a broken image).
  const readme = await webviewFrame(page, 30_000);
  const h1 = readme.locator('h1').first();
  await h1.waitFor({ timeout: 30_000 });
  assert.equal((await h1.textContent()).trim(), pkg.displayName);
  const shot = readme.locator('img[src$="docs/images/panel.png"]').first();
  await shot.waitFor({ timeout: 15_000 });
  await readme.waitForFunction((img) => img.complete && img.naturalWidth > 0, await shot.elementHandle(), { timeout: 20_000 });
  const images = await readme.locator('img').evaluateAll((imgs) => imgs.map((img) => ({ src: img.getAttribute('src'), width: img.naturalWidth })));
  assert.ok(images.length >= 3, `the README's screenshots are on the page: ${JSON.stringify(images)}`);
  await shot.scrollIntoViewIfNeeded();
  // Give the images in view a moment to come in before the picture (the assertions above do not wait on it).
  await readme.waitForFunction(() => [...document.images].every((img) => img.complete), undefined, { timeout: 15_000 }).catch(() => {});
  await screenshot(page, 'e2e-listing-details');
  assert.ok(served.includes('/docs/images/panel.png'), `the page fetched the screenshot from the published address (served: ${served.join(', ')})`);

  // The installed package runs its sandbox (dist/sandbox.js, a bundle of its own, is in the .vsix).
  await runCommand(page, 'X Engagement: Use sandbox');
  await page
    .locator('[id="workbench.parts.statusbar"]')
    .getByText(/X Engagement sandbox on http:\/\/127\.0\.0\.1:\d+/)
    .waitFor({ timeout: 30_000 });
  assert.deepEqual(await errorNotifications(page), []);
};

module.exports.options = async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xet-listing-'));
  // The "publisher's" host: docs/images/*.png of this repository, nothing else.
  server = https.createServer(selfSignedCert(tmp), (req, res) => {
    const m = /^\/docs\/images\/([\w-]+\.png)$/.exec(req.url || '');
    const file = m && path.join(ROOT, 'docs', 'images', m[1]);
    if (!file || !fs.existsSync(file)) return res.writeHead(404).end();
    served.push(req.url);
    res.writeHead(200, { 'content-type': 'image/png' }).end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const vsix = path.join(tmp, 'x-engagement-totals.vsix');
  packageVsix({ out: vsix, baseUrl: `https://127.0.0.1:${server.address().port}/`, quiet: true });
  return { vsix, ignoreHTTPSErrors: true };
};

module.exports.cleanup = async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
};
