// ESLint: the language rules, no import cycle between files, and the layering of docs/architecture.md (which library
// may import which). Formatting is Prettier's (eslint-config-prettier turns the overlapping rules off).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

/** Domain libraries: the rules of the business, behind ports. */
const DOMAIN = ['access', 'access-control', 'alerts', 'audit', 'gdpr', 'hr', 'identity', 'policy', 'reporting', 'trail'];
/** Drivers and frameworks: only adapters and apps use them. */
const DRIVERS = [
  '@nestjs/*',
  'typeorm',
  'typeorm-pglite',
  'pg',
  'pg-copy-streams',
  'ldapts',
  '@electric-sql/pglite',
  'node-cron',
  'passport',
  'passport-*',
  'express',
  'openid-client',
];

/** `no-restricted-imports` patterns for a group of files: what they must not import (regular expressions), and why. */
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const noApps = { regex: '^(\\.\\./)+(apps/)?(api|cli|worker|web)/src/', message: 'a library never imports an app: apps sit on top (docs/architecture.md)' };
const noApplication = { regex: '^#vigie/application(/|$)', message: 'only apps import the application layer (docs/architecture.md)' };
const noAdapters = {
  regex: '^#vigie/(persistence|directory|oidc)(/|$)',
  message: 'reach storage, directories and the OpenID Connect provider through the ports; the composition root binds the adapters',
};
const noPersistence = {
  regex: '^#vigie/persistence(/|$)',
  message: 'a domain library reaches storage through its ports; the composition root binds the adapters',
};
const noDrivers = {
  regex: `^(${DRIVERS.map((d) => d.replace('/', '\\/').replace('*', '.*')).join('|')})$`,
  message: 'domain code imports no driver and no framework: put it behind a port, in an adapter',
};
const noLibInternals = {
  regex: '^(\\.\\./)+(libs/)?[a-z-]+/src/',
  message: 'import another library by its entry point (#vigie/<lib>), never one of its files',
};
const noLibInternalsFromApps = { regex: '^(\\.\\./)+libs/[a-z-]+/src/', message: 'import a library by its entry point (#vigie/<lib>), never one of its files' };
const noOtherApps = (app) => ({
  regex: `^(\\.\\./)+(apps/)?(?!${app}/)(?!api/src/create-http-app\\.js$)(api|cli|worker|web)/src/`,
  message: 'an app never imports another app (the one exception: the vigie command hosts the API through create-http-app)',
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench-results/**', '.vigie/**', 'libs/client/src/openapi.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // import-x parses the files an import leads to, to follow cycles: with the TypeScript parser, `.js` specifiers
      // resolved to their `.ts` sources.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      // Static imports only: a module loaded on demand (await import) is not part of the load order.
      'import-x/no-cycle': ['error', { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Empty functions are the silent loggers and no-op channels of the ports.
      '@typescript-eslint/no-empty-function': 'off',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  // Specs dig into JSON documents (schemas, API answers) whose shape they are checking.
  { files: ['**/*.spec.ts', 'test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  {
    files: DOMAIN.map((lib) => `libs/${lib}/src/**/*.ts`),
    ignores: ['**/*.spec.ts'],
    rules: restrict(noApps, noApplication, noPersistence, noDrivers, noLibInternals),
  },
  {
    files: ['libs/directory/src/**/*.ts', 'libs/oidc/src/**/*.ts', 'libs/persistence/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: restrict(noApps, noApplication, noLibInternals),
  },
  {
    files: ['libs/common/src/**/*.ts', 'libs/config/src/**/*.ts', 'libs/logging/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: restrict(noApps, noApplication, noAdapters, noDrivers, noLibInternals),
  },
  { files: ['libs/application/src/**/*.ts'], ignores: ['**/*.spec.ts'], rules: restrict(noApps, noLibInternals) },
  ...['api', 'cli', 'worker'].map((app) => ({
    files: [`apps/${app}/src/**/*.ts`],
    ignores: ['**/*.spec.ts'],
    rules: restrict(noOtherApps(app), noAdapters, noLibInternalsFromApps),
  })),
  {
    // The web desk runs in the browser: it reaches Vigie through the API, with the typed client (#vigie/client) only.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    rules: restrict(noOtherApps('web'), {
      regex: '^#vigie/(?!client$)',
      message: 'the web desk runs in the browser: it reaches Vigie through the API (the typed client, #vigie/client), never another library',
    }),
  },
  prettier,
);
