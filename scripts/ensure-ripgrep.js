#!/usr/bin/env node
// Makes ripgrep (`rg`) available for the finder benchmark's baseline (`npm run bench` runs this
// first): `rg` on PATH is used as it is; else, as root with apt-get, Debian's package ripgrep is
// installed; else it prints how to install it. Never fails: without rg the benchmark skips its
// ripgrep row. Exit code 0 always; prints the path of rg when there is one.
//   node scripts/ensure-ripgrep.js
'use strict';

const { onPath, canApt, aptInstall } = require('./lib');

const log = (msg) => console.log(`[ensure-ripgrep] ${msg}`);

/** The path of rg, installing Debian's package when possible; undefined when there is none. */
function ensureRipgrep() {
  const found = onPath('rg');
  if (found) return found;
  if (canApt()) {
    log('rg is not on PATH: installing the Debian package ripgrep');
    try {
      aptInstall(['ripgrep'], { update: 'on-failure', log });
    } catch (e) {
      log(`apt-get could not install ripgrep: ${e.message}`);
    }
    const installed = onPath('rg');
    if (installed) return installed;
  }
  log(
    'rg (ripgrep) is missing: install it (Debian/Ubuntu: sudo apt-get install -y ripgrep; or see https://github.com/BurntSushi/ripgrep#installation). The finder benchmark skips its ripgrep row without it.',
  );
  return undefined;
}

module.exports = { ensureRipgrep };

if (require.main === module) {
  const rg = ensureRipgrep();
  if (rg) log(`rg: ${rg}`);
}
