// Lint for the whole house. Type-aware rules run on every TypeScript file (each folder is read through the
// tsconfig that type-checks it), so a promise nobody awaits or an `any` that slipped in is an error in the
// editor, not a surprise in WeChat. Formatting is Prettier's job (`npm run format:check`); eslint-config-prettier
// switches off every rule that would argue with it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// WeChat's JS engine has none of these; the runtime proof is test/build/sandbox.test.ts.
const notInWeChat = (what) => `${what} does not exist in WeChat's JS engine; shipped code (lib/, components/) uses wx APIs only.`;
const shippedGlobals = [
  ...['process', 'Buffer', 'global', '__dirname', '__filename', 'setImmediate', 'require', 'module'].map((name) => ({
    name,
    message: notInWeChat(`Node's \`${name}\``),
  })),
  ...['window', 'document', 'XMLHttpRequest', 'localStorage', 'sessionStorage', 'fetch', 'eval'].map((name) => ({
    name,
    message: notInWeChat(`The browser's \`${name}\``),
  })),
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'miniprogram_dist/**',
      'miniprogram_dev/**',
      'testing/dist/**',
      'types/**',
      'emulator/dist/**',
      'playground/dist/**',
      'coverage/**',
    ],
  },
  // A disable that no longer silences anything is a lie about the code next to it.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // The first project that includes a file is the one it is checked with: the shipped code gets the
        // WeChat lib (ES2017, no Node types), everything else the Node + jest one.
        project: ['./tsconfig.lib.json', './tsconfig.json', './build/tsconfig.json', './bench/tsconfig.json', './playground/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // An async fastify handler or wx simulator API without an await still promises its result; that is the point.
      '@typescript-eslint/require-await': 'off',
      // Its --fix removed casts tsc needs (a narrowing `as IdTokenClaims`, component property literals), so it
      // cannot be trusted as an autofix on this tree.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Tests, bench and scripts load built bundles, demo files and jsdom by computed path, lazily or after setting
      // globals: `require` is the tool for that. Shipped code cannot reach it at all (no-restricted-globals below).
      '@typescript-eslint/no-require-imports': 'off',
      // Passing on what a catch caught is not inventing a non-Error reason.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // tsc's noUnusedLocals / noUnusedParameters already report these; one report is enough.
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
  {
    // Tests read replies loosely on purpose (the assertion is the type check): the no-unsafe-* family would only
    // ask for casts that prove nothing. Everything else, no-explicit-any included, still applies.
    files: ['test/**/*.ts', 'examples/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // WeChat's promise-style APIs reject with `{ errMsg }` objects, not Errors; the simulator and the tests that
    // play WeChat must do the same.
    files: ['testing/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/prefer-promise-reject-errors': 'off' },
  },
  {
    files: ['lib/**/*.ts', 'components/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...shippedGlobals],
      '@typescript-eslint/no-implied-eval': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^node:', message: notInWeChat('A Node built-in') }],
          paths: [
            'fs',
            'path',
            'crypto',
            'http',
            'https',
            'url',
            'util',
            'os',
            'stream',
            'events',
            'buffer',
            'child_process',
            'zlib',
            'net',
            'tls',
          ].map((name) => ({ name, message: notInWeChat(`Node's \`${name}\` module`) })),
        },
      ],
    },
  },
  {
    // The demo mini program is plain JavaScript run by WeChat: App/Page/Component/getApp/wx are its globals.
    files: ['demo/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        ...globals.commonjs,
        ...Object.fromEntries(
          ['wx', 'App', 'Page', 'Component', 'getApp', 'console', 'setTimeout', 'clearTimeout'].map((name) => [name, 'readonly']),
        ),
      },
    },
    rules: { 'no-restricted-globals': ['error', ...shippedGlobals.filter((g) => g.name !== 'require' && g.name !== 'module')] },
  },
  {
    files: ['*.js', 'emulator/*.js', 'emulator/bin/**/*.js', 'emulator/scripts/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  prettier,
);
