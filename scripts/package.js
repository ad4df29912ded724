#!/usr/bin/env node
// Packs the .vsix from dist/ (`npm run package` builds first). The extension has no public
// repository, so package.json names none and vsce is told so (--allow-missing-repository).
//
// The README's images: VS Code's extension details page (and the Marketplace) shows README
// images only from https addresses; relative paths and data: URIs are stripped. So when the
// repository's files are published somewhere, set LISTING_BASE_URL to that https address (the
// folder that holds README.md, e.g. `LISTING_BASE_URL=https://host/x-engagement-totals/`):
// the README's relative links and images are rewritten to it in the .vsix (the repository's
// README keeps them relative). Without it they stay relative, and this says so.
//   node scripts/package.js [--out FILE]     (default x-engagement-totals.vsix)
'use strict';

const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { ROOT, run } = require('./lib');

/** The vsce arguments for a package written to `out`, with the README rewritten to `baseUrl` when given. */
function vsceArgs({ out, baseUrl }) {
  const args = ['package', '--no-dependencies', '--allow-missing-repository', '--out', out];
  if (!baseUrl) return [...args, '--no-rewrite-relative-links'];
  if (!/^https:\/\/[^/]+\//.test(baseUrl)) throw new Error(`LISTING_BASE_URL must be an https URL ending in a path (got ${baseUrl})`);
  return [...args, '--baseContentUrl', baseUrl, '--baseImagesUrl', baseUrl];
}

/** Runs vsce; `quiet` keeps its file list to itself (shown only when it fails). */
function packageVsix({ out, baseUrl, quiet = false }) {
  const args = [require.resolve('@vscode/vsce/vsce'), ...vsceArgs({ out, baseUrl })];
  if (!quiet) return run(process.execPath, args, { cwd: ROOT });
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`vsce ${args.slice(1).join(' ')} exited with ${r.status}:\n${r.stdout}${r.stderr}`);
}

if (require.main === module) {
  const at = process.argv.indexOf('--out');
  const out = path.resolve(at > 0 ? process.argv[at + 1] : path.join(ROOT, 'x-engagement-totals.vsix'));
  const baseUrl = process.env.LISTING_BASE_URL || undefined;
  try {
    packageVsix({ out, baseUrl });
    console.log(`packaged ${path.relative(process.cwd(), out)}`);
    if (!baseUrl) {
      console.warn(
        "note: the README's images stay relative, so the Extensions view's details page will not show them: set LISTING_BASE_URL=https://… (where README.md and docs/images/ are published) to rewrite them.",
      );
    }
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}

module.exports = { vsceArgs, packageVsix };
