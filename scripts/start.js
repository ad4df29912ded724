#!/usr/bin/env node
// `npm start`: a real VS Code (code-server) on sample-workspace/ with this extension loaded
// from the repo (extensionDevelopmentPath) and the local sandbox switched on at start-up
// ("xEngagement.useSandboxOnStart": true), so everything works without X credentials.
// Prints the URL to open and runs until Ctrl+C. `npm start` builds and ensures VS Code first.
//   env PORT (default 8080); binds 127.0.0.1 only.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { startCodeServer, workbenchUrl, remotePath } = require('./code-server');
const { ROOT } = require('./lib');
const { ensureSampleWorkspace } = require('./fixtures');

const PORT = Number(process.env.PORT || 8080);

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run build');
  const workspace = ensureSampleWorkspace();
  // A profile kept across runs of npm start (settings, open editors), under the ignored cache.
  const userDataDir = path.join(ROOT, '.vscode-test', 'start-profile');
  fs.mkdirSync(userDataDir, { recursive: true });
  const server = await startCodeServer({
    workspace,
    port: PORT,
    userDataDir,
    extensionsDir: path.join(ROOT, '.vscode-test', 'start-extensions'),
    settings: { 'xEngagement.useSandboxOnStart': true },
    quiet: true,
  }).catch((e) => {
    if (/EADDRINUSE|address already in use/i.test(e.message)) {
      throw new Error(`port ${PORT} is in use: stop what uses it or run with PORT=<other port> npm start`);
    }
    throw e;
  });

  const url = workbenchUrl(server, {
    payload: [
      ['extensionDevelopmentPath', remotePath(server, ROOT)],
      ['skipWelcome', 'true'],
    ],
  });
  console.log(`
VS Code (code-server) is running with X Engagement Totals loaded from ${ROOT}
on ${workspace}, using the local sandbox (no credentials needed).

  Open:  ${url}

(From another machine, forward the port first, e.g. ssh -L ${PORT}:127.0.0.1:${PORT} ${os.userInfo().username}@<host>.)
After changing the code: npm run build, then reload the browser tab (or run "Developer: Reload Window").
Press Ctrl+C to stop.
`);

  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping code-server…`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // If code-server dies on its own, say so and exit with an error.
  const watch = setInterval(() => {
    try {
      process.kill(server.pid, 0);
    } catch {
      clearInterval(watch);
      console.error('code-server exited unexpectedly; last output:\n' + server.output().split('\n').slice(-20).join('\n'));
      process.exit(1);
    }
  }, 2000);
}

main().catch((e) => {
  console.error(`[start] ${e.message}`);
  process.exit(1);
});
