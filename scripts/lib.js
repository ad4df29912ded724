// Helpers the build and runner scripts share: where the repo is, running a command, bounded
// waits, and installing a Debian package when run as root (this machine reaches Debian's
// package mirror and nothing else). Plain CommonJS: these scripts run before anything is compiled.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a command with its output shown; throws when it fails. `log` prints the command first. */
function run(cmd, args, opts = {}, log = console.log) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

/** The absolute path of `cmd` on PATH, or undefined. */
function onPath(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const file = path.join(dir || '.', cmd);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Whether this process may install Debian packages: root, with apt-get. */
const canApt = () => isRoot() && onPath('apt-get') !== undefined;

/**
 * `apt-get install -y --no-install-recommends PACKAGES` (an `apt-get update` first, or after a
 * failed try when `update` is 'on-failure'). Throws when apt-get fails.
 * @param {string[]} packages
 * @param {{ update?: 'first' | 'on-failure', log?: (line: string) => void }} [opts]
 */
function aptInstall(packages, { update = 'first', log = console.log } = {}) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env }, log);
  if (update === 'first') {
    run('apt-get', ['update'], { env }, log);
    return install();
  }
  try {
    install();
  } catch {
    run('apt-get', ['update'], { env }, log);
    install();
  }
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise`, or a rejection naming `what` after `ms`. */
function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

module.exports = { ROOT, isRoot, run, onPath, canApt, aptInstall, delay, withTimeout };
