/**
 * Three tiers (see style.md): pure domain specs, persistence on both databases, HTTP stories.
 * Node 20 can require() ES modules but Jest cannot, so the few ESM-only dependencies of the HTTP
 * stack (content-disposition, via @fastify/static for Swagger UI) are compiled to CommonJS here.
 */
const ESM_ONLY = ['content-disposition'];

const tier = (name) => ({
  displayName: name,
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: [`<rootDir>/test/${name}`],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
});

module.exports = {
  testTimeout: 60000,
  projects: [
    tier('domain'),
    tier('integration'),
    tier('imports'),
    tier('e2e'),
    tier('fuzz'),
    tier('crash'),
  ],
};
