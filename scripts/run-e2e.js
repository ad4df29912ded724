#!/usr/bin/env node
// Runs every test/e2e/*.e2e.js (or those whose name contains an argument:
// `node scripts/run-e2e.js smoke`) against a real VS Code workbench in headless Chromium.
// Each file exports `async function (ctx)`; ctx = { page, server, workspace, browser, name }.
// Each file gets a fresh code-server, profile and page (see test/e2e/harness.js for the
// helpers and how to write one). Builds nothing: `npm run test:e2e` builds first.
//   env E2E_VSIX=path.vsix installs the packaged extension instead of the development path;
//   E2E_TEST_TIMEOUT_MS (default 120000) bounds each file (a file may export a larger
//   `timeoutMs` when it does more, such as a 10,000-ID fetch and a reload); CODE_SERVER_VERBOSE=1.
// Exit code: 0 when every file passed.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { ROOT, withTimeout } = require('./lib');
const { openWorkbench, screenshot } = require('../test/e2e/harness');

const E2E_DIR = path.join(ROOT, 'test', 'e2e');
const TEST_TIMEOUT_MS = Number(process.env.E2E_TEST_TIMEOUT_MS || 120_000);

async function runFile(file) {
  const name = path.basename(file, '.e2e.js');
  const test = require(file);
  const fn = typeof test === 'function' ? test : test.default;
  if (typeof fn !== 'function') throw new Error(`${file} must export an async function (ctx)`);
  // options: an object, or an async function (e.g. to start a server first); cleanup() runs at the end.
  const options = { ...(typeof test.options === 'function' ? await test.options() : test.options || {}) };
  if (process.env.E2E_VSIX && !options.vsix) options.vsix = path.resolve(process.env.E2E_VSIX);
  if (!options.vsix && !fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run npm run build');
  }

  const wb = await withTimeout(openWorkbench(options), 120_000, 'opening the workbench');
  const pageErrors = [];
  wb.page.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    await withTimeout(Promise.resolve(fn({ ...wb, name })), Math.max(TEST_TIMEOUT_MS, Number(test.timeoutMs) || 0), name);
  } catch (e) {
    const shot = await screenshot(wb.page, `${name}-failure`).catch(() => undefined);
    if (shot) e.message += `\n    screenshot: ${path.relative(ROOT, shot)}`;
    if (pageErrors.length) e.message += `\n    page errors: ${pageErrors.join(' | ')}`;
    throw e;
  } finally {
    await wb.close();
    if (typeof test.cleanup === 'function') await test.cleanup();
  }
}

async function main() {
  const filters = process.argv.slice(2);
  const files = fs
    .readdirSync(E2E_DIR)
    .filter((f) => f.endsWith('.e2e.js'))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort()
    .map((f) => path.join(E2E_DIR, f));
  if (files.length === 0) throw new Error(`no test/e2e/*.e2e.js files${filters.length ? ` matching ${filters.join(', ')}` : ''}`);

  let failed = 0;
  for (const file of files) {
    const label = path.basename(file);
    const started = Date.now();
    console.log(`[e2e] ${label} …`);
    try {
      await runFile(file);
      console.log(`[e2e] ✔ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failed++;
      console.error(`[e2e] ✘ ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)\n    ${e.stack || e.message}`);
    }
  }
  console.log(`[e2e] ${files.length - failed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[e2e] ${e.stack || e.message}`);
    process.exit(1);
  },
);
