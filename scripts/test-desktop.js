#!/usr/bin/env node
// `npm run test:desktop`: the same integration suite (out/test/integration/index.js) in
// desktop VS Code through @vscode/test-electron, for machines that can download VS Code
// (it caches the build in .vscode-test/). Machines without internet use
// `npm run test:integration` (code-server) instead.
//   env VSCODE_TEST_VERSION (default 'stable'; e.g. '1.90.0' for the engines floor).
'use strict';

const path = require('node:path');
const { runTests } = require('@vscode/test-electron');
const { ensureFixtureWorkspace } = require('./fixtures');
const { ROOT } = require('./lib');

async function main() {
  const workspace = ensureFixtureWorkspace();
  try {
    const code = await runTests({
      version: process.env.VSCODE_TEST_VERSION || 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
    });
    return code;
  } catch (e) {
    const msg = String((e && e.message) || e);
    if (/download|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|fetch|socket|network|update\.code\.visualstudio\.com/i.test(msg)) {
      console.error(
        `\n[test:desktop] Could not download desktop VS Code (${msg.split('\n')[0]}).\n` +
          'This machine has no access to update.code.visualstudio.com. Run the same suite in a real ' +
          'VS Code through code-server instead: npm run test:integration',
      );
    } else {
      console.error(`\n[test:desktop] The desktop test run failed: ${msg}`);
    }
    return 1;
  }
}

main().then((code) => process.exit(typeof code === 'number' ? code : 1));
