/**
 * Tiers (see style.md): pure domain specs, persistence on both databases, HTTP stories, user
 * stories in a real browser, fuzzing and a crash test. Every test file works on its own database
 * (a temp SQLite file, a fresh PostgreSQL schema) and its own port, so files run in parallel.
 * Node 24 can require() ES modules, and Jest 30 can too, but only with Node's experimental VM
 * modules (--experimental-vm-modules in every worker, warnings included). Rather than run the suite
 * on an experimental flag, the few ESM-only dependencies of the HTTP stack (content-disposition,
 * via @fastify/static for Swagger UI; cookie, which @fastify/cookie loads with a dynamic import())
 * are compiled to CommonJS here; the server itself (not under Jest) loads them as they are.
 *
 * Tests are transpiled file by file (tsconfig.jest.json sets isolatedModules), not type-checked:
 * `npm run lint` type-checks src, test and bench once, while type-checking in every jest worker of
 * every tier cost about half of the suite's CPU on CI's 2 cores (the domain tier: 83 s of CPU
 * type-checked, 43 s transpiled). One difference to keep in mind: a file compiled alone cannot tell
 * a type from a value of the same name, so a decorated parameter typed with a name that is both (an
 * interface and a param decorator) gets the value as its design:paramtypes. Give types their own
 * names (see uploaded-spreadsheet.decorator.ts).
 */
const ESM_ONLY = ['content-disposition', '@fastify/cookie', 'cookie'];

const tier = (name) => ({
  displayName: name,
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: [`<rootDir>/test/${name}`],
  testMatch: ['**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
    '^.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
});

module.exports = {
  // A minute on a quiet machine, times the margin of a slow one (test/support/time-limits.ts):
  // limits stop hangs, they never judge speed.
  testTimeout: 3 * 60_000,
  // --shard (the browser tier's SQLite halves in .ci/test-suite) splits by size, not by path hash.
  testSequencer: '<rootDir>/test/support/balanced-shards.cjs',
  projects: [
    tier('domain'),
    tier('integration'),
    tier('imports'),
    tier('e2e'),
    // Real browser (Debian's chromium) on the built web app: npm run build:web first.
    tier('browser'),
    tier('fuzz'),
    tier('crash'),
  ],
};
