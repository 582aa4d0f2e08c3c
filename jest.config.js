/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/examples'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2020' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 20000,
  // Suites start their own emulators on free ports; two workers match CI's two cores.
  maxWorkers: 2,
  // Every emulator the run starts records its requests; the teardown fails the run on any request
  // that broke the Authing contract (test/contract/record-teardown.ts).
  globalSetup: '<rootDir>/test/contract/record-setup.ts',
  globalTeardown: '<rootDir>/test/contract/record-teardown.ts',
};
