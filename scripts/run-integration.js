#!/usr/bin/env node
// Runs the mocha integration suite (out/test/integration/index.js) inside the extension host
// of a real VS Code: code-server + headless Chromium (see scripts/code-server.js). Builds
// nothing: `npm run test:integration` builds and compiles first.
//
// The workbench runs the tests when opened with a development payload
// (extensionDevelopmentPath + extensionTestsPath) and reports through two functions exposed on
// the page: codeAutomationLog(type, args) (the test run's console) and codeAutomationExit(code).
// Exit code: the suite's (0 = all passed); 1 on timeout or harness failure.
//   env INTEGRATION_GREP=text runs only the tests whose titles match (test/integration/index.ts);
//   INTEGRATION_LOCALE=ja runs VS Code with that display language (`--locale`, see
//   scripts/code-server.js; with INTEGRATION_GREP=localisation for the tests that expect it);
//   INTEGRATION_TIMEOUT_MS (default 300000); CODE_SERVER_VERBOSE=1 echoes the server's and
//   the workbench's logs (otherwise the workbench log is printed only when the suite fails).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { format } = require('node:util');
const { startCodeServer, launchBrowser, workbenchUrl, remotePath } = require('./code-server');
const { ROOT } = require('./lib');
const { ensureFixtureWorkspace } = require('./fixtures');

const TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS || 5 * 60_000);
const TESTS_ENTRY = path.join(ROOT, 'out', 'test', 'integration', 'index.js');
const RESULTS = path.join(ROOT, 'test-results');
const SUITE_TAG = '[suite] '; // as in test/integration/index.ts
const VERBOSE = !!process.env.CODE_SERVER_VERBOSE;

async function main() {
  if (!fs.existsSync(TESTS_ENTRY)) throw new Error(`${TESTS_ENTRY} is missing: run npm run compile-tests`);
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run build');
  const workspace = ensureFixtureWorkspace();
  fs.mkdirSync(RESULTS, { recursive: true });

  let server;
  let browser;
  let page;
  let timer;
  const started = Date.now();
  try {
    server = await startCodeServer({ workspace, locale: process.env.INTEGRATION_LOCALE });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });

    let exit = () => {};
    const exitCode = new Promise((resolve) => {
      exit = resolve;
      timer = setTimeout(() => {
        console.error(
          `\n[integration] TIMEOUT: the suite did not finish within ${TIMEOUT_MS / 1000} s ` +
            '(no codeAutomationExit call). Check the extension host log with CODE_SERVER_VERBOSE=1.',
        );
        resolve(1);
      }, TIMEOUT_MS);
    });
    await page.exposeFunction('codeAutomationExit', (code) => exit(Number(code)));
    // The suite's lines carry SUITE_TAG (test/integration/index.ts); the rest is the
    // workbench's own log (noisy: unreachable gallery, telemetry), kept for failures.
    const workbenchLog = [];
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (text.startsWith(SUITE_TAG)) {
        const line = text.slice(SUITE_TAG.length);
        if (type === 'error') console.error(line);
        else console.log(line);
      } else if (VERBOSE) {
        console.log(`[workbench:${type}] ${text}`);
      } else {
        workbenchLog.push(`[workbench:${type}] ${text}`);
      }
    });
    page.on('pageerror', (e) => console.error(`[integration] page error: ${e.message}`));
    page.on('crash', () => console.error('[integration] the page crashed'));

    const url = workbenchUrl(server, {
      payload: [
        ['extensionDevelopmentPath', remotePath(server, ROOT)],
        ['extensionTestsPath', remotePath(server, TESTS_ENTRY)],
        ['skipWelcome', 'true'],
      ],
    });
    console.log('[integration] opening the workbench; the extension host runs the suite');
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const code = await exitCode;
    clearTimeout(timer);
    if (code !== 0 && workbenchLog.length) {
      console.error(`\n[integration] workbench log (${workbenchLog.length} lines, for diagnosis):`);
      for (const line of workbenchLog) console.error(`  ${line.split('\n')[0]}`);
    }
    console.log(`[integration] finished with exit code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } finally {
    clearTimeout(timer);
    if (page) {
      await page.screenshot({ path: path.join(RESULTS, 'integration-final.png'), timeout: 10_000 }).catch((e) => console.error(`[integration] screenshot failed: ${e.message}`));
    }
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[integration] ${e.stack || e.message}`);
    process.exit(1);
  },
);
