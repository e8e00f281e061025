/** Three tiers (see style.md): pure domain specs, persistence on both databases, HTTP stories. */
const tier = (name) => ({
  displayName: name,
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: [`<rootDir>/test/${name}`],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
});

module.exports = {
  testTimeout: 60000,
  projects: [tier('domain'), tier('integration'), tier('e2e')],
};
