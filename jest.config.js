/** Options every project shares. */
const project = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/examples'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2020' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 20000,
  // Suites start their own emulators on free ports; two workers match CI's two cores.
  maxWorkers: 2,
  // Every emulator the run starts records its requests; the teardown fails the run on any request
  // that broke the Authing contract (test/contract/record-teardown.ts).
  globalSetup: '<rootDir>/test/contract/record-setup.ts',
  globalTeardown: '<rootDir>/test/contract/record-teardown.ts',
  projects: [
    { ...project, testMatch: ['**/*.test.ts'] },
    // The component suites once more, on WeChat's newer framework: the same test files, their harness
    // rendering on glass-easel instead of exparser (test/components/harness.ts, COMPONENT_HOST).
    {
      ...project,
      displayName: 'glass-easel',
      testMatch: ['**/test/components/{login-button,phone-button,avatar-picker}.test.ts'],
      globals: { COMPONENT_HOST: 'glass-easel' },
    },
  ],
};
