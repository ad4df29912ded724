// Shared helpers for every runner that needs a real VS Code: start code-server (VS Code's
// server build, installed by scripts/ensure-vscode.js) and a headless Debian Chromium driven
// by playwright-core. Never `playwright install`: it downloads a browser and fails here.
//
//   const { startCodeServer, launchBrowser, workbenchUrl } = require('./code-server');
//   const server = await startCodeServer({ workspace });          // { port, url, pid, stop }
//   const browser = await launchBrowser();
//   await page.goto(workbenchUrl(server, { workspace, payload: [...] }));
//   ...; await browser.close(); await server.stop();
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { nodeBin, codeServerBin, chromium } = require('./ensure-vscode');
const { ROOT, delay } = require('./lib');
const READY_LINE = 'HTTP server listening on';

/** Settings seeded into every fresh profile so nothing stands between the tests and the editor. */
const DEFAULT_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Merges `settings` into a settings.json (created when missing); `defaults` yield to what is there. */
function mergeSettingsFile(file, settings, defaults = {}) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let existing = {};
  try {
    existing = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    // fresh profile
  }
  fs.writeFileSync(file, JSON.stringify({ ...defaults, ...existing, ...settings }, null, 2));
}

function writeUserSettings(userDataDir, settings) {
  mergeSettingsFile(path.join(userDataDir, 'User', 'settings.json'), settings, DEFAULT_USER_SETTINGS);
  // code-server's extension host is a remote one: machine-scoped settings (such as
  // xEngagement.apiBaseUrl and xEngagement.useSandboxOnStart) count only in the remote
  // ("Machine") settings, so the given settings go there too.
  mergeSettingsFile(path.join(userDataDir, 'Machine', 'settings.json'), settings);
}

/**
 * A display language for VS Code (`--locale`) on this machine, which has no Marketplace: VS Code
 * accepts a locale only when a language pack for it is listed in the user data dir's
 * languagepacks.json (else it falls back to English, and extensions get vscode.env.language
 * 'en'). This lists a stand-in pack whose core translations are empty: VS Code's own UI stays
 * English, but the language is `locale`, so extensions load their package.nls.<locale>.json and
 * l10n/bundle.l10n.<locale>.json. (With the real pack, e.g. MS-CEINTL.vscode-language-pack-ja
 * installed in the extensions dir, VS Code writes this file itself.)
 */
function writeStandInLanguagePack(userDataDir, locale) {
  const translations = path.join(userDataDir, `stand-in-language-pack.${locale}.json`);
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const packs = {
    [locale]: {
      hash: `stand-in-${locale}`,
      extensions: [{ extensionIdentifier: { id: `stand-in.language-pack-${locale}` }, version: '0.0.0' }],
      translations: { vscode: translations },
      label: locale,
    },
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}

function codeServerEnv(extra) {
  return {
    ...process.env,
    PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}`,
    ...extra,
  };
}

/**
 * Installs a .vsix into an extensions dir with `code-server --install-extension` (offline).
 * @returns {Promise<void>}
 */
function installExtension(vsix, extensionsDir, userDataDir) {
  return new Promise((resolve, reject) => {
    const args = [codeServerBin, '--install-extension', path.resolve(vsix), '--extensions-dir', extensionsDir];
    if (userDataDir) args.push('--user-data-dir', userDataDir);
    const child = spawn(nodeBin, args, { env: codeServerEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`code-server --install-extension ${vsix} exited with ${code}:\n${out}`));
    });
  });
}

/**
 * Starts code-server on `workspace` and waits (bounded) until it listens.
 * Fresh temporary user-data and extensions dirs unless given; the user settings are seeded
 * with DEFAULT_USER_SETTINGS plus `settings`.
 * Workspace trust is off (every folder trusted) unless `workspaceTrust` is true: then the
 * server runs without --disable-workspace-trust, security.workspace.trust.enabled is on and
 * the startup prompt is off, so the folder opens untrusted (Restricted Mode). VS Code keeps
 * the folders the user trusted in the browser's storage (a fresh page trusts none) unless the
 * remote authority declares itself trusted, which code-server's does not.
 * @param {{ workspace: string, extensionsDir?: string, userDataDir?: string, env?: object,
 *           port?: number, settings?: object, vsix?: string, quiet?: boolean,
 *           timeoutMs?: number, workspaceTrust?: boolean }} opts
 * @returns {Promise<{ port: number, url: string, pid: number, workspace: string,
 *           userDataDir: string, extensionsDir: string, output: () => string,
 *           stop: () => Promise<void> }>}
 */
async function startCodeServer(opts) {
  const workspace = path.resolve(opts.workspace);
  const userDataDir = opts.userDataDir || tempDir('xet-user-');
  const extensionsDir = opts.extensionsDir || tempDir('xet-ext-');
  const ownsDirs = [!opts.userDataDir && userDataDir, !opts.extensionsDir && extensionsDir].filter(Boolean);
  const trust = opts.workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  writeUserSettings(userDataDir, { ...trust, ...(opts.settings || {}) });
  if (opts.vsix) await installExtension(opts.vsix, extensionsDir, userDataDir);
  // opts.locale: VS Code's display language (e.g. 'ja'); see writeStandInLanguagePack.
  const locale = opts.locale && !/^en(-|$)/i.test(opts.locale) ? opts.locale : undefined;
  if (locale) writeStandInLanguagePack(userDataDir, locale);

  const port = opts.port || (await freePort());
  const args = [
    codeServerBin,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--vscode-option',
    'enable-smoke-test-driver',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    ...(locale ? ['--locale', locale] : []),
    workspace,
  ];
  // detached: own process group, so stop() can kill code-server and every child it forked.
  const child = spawn(nodeBin, args, {
    cwd: ROOT,
    env: codeServerEnv(opts.env),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited = false;
  const onData = (d) => {
    output += d;
    if (process.env.CODE_SERVER_VERBOSE) process.stderr.write(`[code-server] ${d}`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exitPromise = new Promise((resolve) => child.on('exit', () => ((exited = true), resolve())));

  async function stop() {
    if (!exited) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const killed = await Promise.race([exitPromise.then(() => true), delay(5000).then(() => false)]);
      if (!killed) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        await Promise.race([exitPromise, delay(2000)]);
      }
    }
    // Children forked by the server (extension host, pty host) share the group; make sure.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // group empty
    }
    for (const dir of ownsDirs) fs.rmSync(dir, { recursive: true, force: true });
  }

  const timeoutMs = opts.timeoutMs || 60_000;
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`code-server did not print "${READY_LINE}" within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
      const check = () => {
        if (output.includes(READY_LINE)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      child.on('error', (e) => (clearTimeout(timer), reject(e)));
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited early with ${code}:\n${output}`));
      });
    });
  } catch (e) {
    await stop();
    throw e;
  }
  if (!opts.quiet) console.log(`[code-server] listening on http://127.0.0.1:${port} (pid ${child.pid})`);
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    workspace,
    userDataDir,
    extensionsDir,
    output: () => output,
    stop,
  };
}

/**
 * The workbench URL for `server`: opens `workspace` (default: the server's) and passes the
 * development payload, e.g. [['extensionDevelopmentPath', remotePath(server, ROOT)]].
 */
function workbenchUrl(server, { workspace, payload } = {}) {
  const folder = path.resolve(workspace || server.workspace);
  let url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (payload && payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** A local absolute path as the vscode-remote URI the payload expects. */
function remotePath(server, absPath) {
  return `vscode-remote://127.0.0.1:${server.port}${path.resolve(absPath)}`;
}

/** Headless Debian Chromium through playwright-core. */
async function launchBrowser({ headless = true } = {}) {
  const { chromium: pwChromium } = require('playwright-core');
  if (!fs.existsSync(chromium)) throw new Error(`${chromium} is missing: run node scripts/ensure-vscode.js`);
  return pwChromium.launch({
    executablePath: chromium,
    headless,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

module.exports = {
  ROOT,
  startCodeServer,
  launchBrowser,
  workbenchUrl,
  remotePath,
};
