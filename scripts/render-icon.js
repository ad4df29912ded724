#!/usr/bin/env node
// Renders media/icon.svg to media/icon.png (128×128, transparent corners) in the headless
// Chromium the e2e tests use: the Marketplace and the Extensions view want a PNG icon.
// Run it after editing the SVG and commit both: `node scripts/render-icon.js`.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { ROOT, launchBrowser } = require('./code-server');

async function main() {
  const svg = fs.readFileSync(path.join(ROOT, 'media', 'icon.svg'), 'utf8');
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
    await page.screenshot({ path: path.join(ROOT, 'media', 'icon.png'), omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e.stack || e.message);
  process.exit(1);
});
