// Jest runs TypeScript through swc as native ES modules (NestJS 12 is ESM-only), hence
// NODE_OPTIONS=--experimental-vm-modules in the npm scripts. Types are checked by `npm run typecheck`.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^#vigie/([^/]+)/testing$': '<rootDir>/libs/$1/src/testing/index.ts',
    '^#vigie/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

export default {
  // Integration tests start servers and spawn the built CLI; unit tests finish in milliseconds anyway.
  testTimeout: 60000,
  // On a two-core machine jest would run every file in its own process (one worker or less means "in band"), and
  // vm modules are never freed there: the whole suite grew that process past its 4 GB heap (CI, exit 134). A memory
  // limit makes jest use worker processes even then, and replaces a worker whose heap passed it after a file.
  workerIdleMemoryLimit: '1536MB',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/load-libraries.ts'],
    },
  ],
};
