/** Three tiers (see style.md): pure domain specs, persistence on both databases, HTTP stories. */
const tier = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: [`<rootDir>/test/${name}`],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }] },
  ...extra,
});

module.exports = {
  projects: [
    tier('domain'),
    tier('integration', { testTimeout: 30000 }),
    tier('e2e', { testTimeout: 60000 }),
  ],
};
