// Bundles the extension (for VS Code's Node extension host), the CLI and the CLI's scan worker,
// and the webview pages (for the browser inside a webview).
// `--production` minifies; otherwise sourcemaps. `--watch` rebuilds on change and prints
// problem-matcher friendly start/end lines.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').Plugin} */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of [...result.errors, ...result.warnings]) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * axios pulls in form-data (and with it mime-db, ~140 KB) for multipart bodies; this
 * project only ever sends a JSON string, so a tiny stand-in keeps the bundle small.
 * @type {import('esbuild').Plugin}
 */
const noFormData = {
  name: 'no-form-data',
  setup(build) {
    build.onResolve({ filter: /^form-data$/ }, () => ({ path: 'form-data', namespace: 'stub' }));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: 'module.exports = class FormData { constructor() { throw new Error("multipart bodies are not supported"); } };',
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: watch ? 'silent' : 'warning',
  plugins: watch ? [noFormData, problemMatcher] : [noFormData],
};

/**
 * A webview page: a browser script in an IIFE (the page's CSP admits it by nonce; no module
 * loading), for the Chromium of the oldest VS Code in `engines` (1.90: Electron 29, Chrome 122).
 */
const webview = {
  bundle: true,
  platform: 'browser',
  target: 'chrome122',
  format: 'iife',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: watch ? 'silent' : 'warning',
  plugins: watch ? [problemMatcher] : [],
};

/**
 * The in-editor sandbox is a bundle of its own (dist/sandbox.js), loaded by sandboxHost.ts when a
 * profile first starts it: the extension's own bundle (read on every activation) leaves it out.
 * @type {import('esbuild').Plugin}
 */
const sandboxApart = {
  name: 'sandbox-apart',
  setup(build) {
    build.onResolve({ filter: /\/sandbox\/server$/ }, (args) => (/sandboxHost\.ts$/.test(args.importer) ? { path: './sandbox.js', external: true } : undefined));
  },
};

const builds = [
  // require() for the sandbox, not import(): the extension host loads CommonJS.
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [...common.plugins, sandboxApart],
    supported: { 'dynamic-import': false },
  },
  { ...common, entryPoints: ['src/sandbox/server.ts'], outfile: 'dist/sandbox.js' },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The second thread of the CLI's file scan (src/finder/finderWasm.ts starts it from dist/).
  { ...common, entryPoints: ['src/finder/scanWorker.ts'], outfile: 'dist/scanWorker.js' },
  { ...webview, entryPoints: ['src/webview/panel/main.ts'], outfile: 'dist/webview/panel.js' },
];

async function main() {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
