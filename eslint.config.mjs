// ESLint (flat config) with typescript-eslint. `npm run lint` runs it with `prettier --check .`;
// .ci/run runs `npm run lint` before the tests. Formatting is Prettier's job alone (.prettierrc),
// so no stylistic rules here.
//
// Besides the recommended rules, this file holds the architecture's boundaries (STYLE.md, "The
// shape of the code"): which folder may import what. They are enforced here, by the tool, not by
// convention or a regex test.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// ---- boundaries ------------------------------------------------------------------------------

const NO_VSCODE =
  "runs without VS Code (in the CLI, the sandbox, plain-Node unit tests, the webview page): no 'vscode' here. Take what you need as a parameter or a small interface that the editor side passes in.";

/** Folders whose code never sees the VS Code API: today's and the planned ones (STYLE.md). */
const PURE = [
  'src/core/**',
  'src/shared/**',
  'src/sandbox/**',
  'src/cli.ts',
  'src/commands.ts',
  // Planned by the restructuring (issue 9): covered now so that files moved there are held at once.
  'src/finder/**',
  'src/webview/**',
];

/** Editor-side folders, today's and planned: importing them pulls `vscode` in through the back door. */
const EDITOR_SIDE = ['platform', 'features', 'extension'];

const pureBoundary = {
  paths: [{ name: 'vscode', message: `This folder ${NO_VSCODE}` }],
  patterns: [
    {
      regex: `^(\\.\\.?/)+(${EDITOR_SIDE.join('|')})(/|$)`,
      message: `Editor-side code imports 'vscode'; this folder ${NO_VSCODE}`,
    },
  ],
};

// `import()` and `require()` of 'vscode' are imports too (the rule above sees only static ones).
const noDynamicVscode = [
  {
    selector: "ImportExpression[source.value='vscode']",
    message: `import('vscode'): this folder ${NO_VSCODE}`,
  },
  {
    selector: "CallExpression[callee.name='require'][arguments.0.value='vscode']",
    message: `require('vscode'): this folder ${NO_VSCODE}`,
  },
];

// Features (src/features/<name>/) talk to each other through the store and the
// command IDs only. A feature may import another feature's `register` module or its public index
// (`../<other>` or `../<other>/index`), never its internals. The pattern is
// written for the tree STYLE.md describes, one block per nesting depth since import specifiers are
// relative.
const FEATURE_INTERNALS =
  "Features talk through the store and the command IDs only: import another feature's `register` module or its public index (`../<feature>`), not its internals. Move what both need to src/shared (pure) or src/platform (VS Code services).";
const featureBoundary = (ups) => ({
  patterns: [
    {
      regex: `^${'\\.\\./'.repeat(ups)}(?!\\.)[^/]+/(?!(register|index)(\\.ts)?$).+`,
      message: FEATURE_INTERNALS,
    },
  ],
});

// ---- config ----------------------------------------------------------------------------------

export default defineConfig(
  {
    ignores: [
      'out/',
      'dist/',
      'node_modules/',
      '.vscode-test/',
      'test-results/',
      'bench-results/',
      'src/**/*.generated.ts',
      'test/fixtures/',
      'sample-workspace/',
      // AssemblyScript (compiled by asc, not tsc): decorators on functions, i32/u64/v128 and
      // load/store builtins are not TypeScript, and the parser rejects it. It can import nothing
      // but AssemblyScript's std, so the vscode boundary holds there by construction.
      'src/finder/assembly/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `declare namespace X` describes a global the lib setting lacks (WebAssembly in
      // src/finder/wasmScanner.ts); namespaces with code stay forbidden.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
      // `_`-prefixed names are unused on purpose (a parameter a signature needs, a skipped
      // tuple element), as TypeScript's own noUnused* checks treat them.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  // Node code: the extension, the CLI, the sandbox, the scripts, the benchmarks and the tests all run in Node.
  {
    files: ['src/**/*.ts', 'test/**/*.{ts,js}', 'scripts/**/*.{ts,js}', 'bench/**/*.ts', 'esbuild.js'],
    ignores: ['src/webview/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  // Plain CommonJS scripts (build, runners, e2e): require() is how they load modules.
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The webview pages run in the browser inside a webview (bundled by esbuild), not in Node.
  // `acquireVsCodeApi` is typed in src/webview/panel/vscodeApi.ts.
  {
    files: ['src/webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The e2e specs run in Node but hand functions to the page (Playwright's evaluate), which run
  // in the browser.
  {
    files: ['test/e2e/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  // So does the panel benchmark, in TypeScript without DOM types: it declares the page's globals
  // (window, document) as `any` for those functions.
  {
    files: ['bench/panel.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // The CLI loads the engine (axios) and the sandbox on first use, so that `ids` starts as fast
  // as Node itself; `import()` would make those call sites async for nothing.
  {
    files: ['src/cli.ts'],
    rules: { '@typescript-eslint/no-require-imports': ['error', { allow: ['^\\./(core|sandbox)/'] }] },
  },
  // Tests read arbitrary JSON answers (hostile ones on purpose) and poke at internals.
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Boundaries.
  {
    files: PURE,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', pureBoundary],
      'no-restricted-syntax': ['error', ...noDynamicVscode],
    },
  },
  { files: ['src/features/*/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', featureBoundary(1)] } },
  { files: ['src/features/*/*/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', featureBoundary(2)] } },
);
