/**
 * Layer rule (architecture.md): imports point down only. The domain is pure: no framework, no
 * persistence, no feature module, no file system.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports only itself, xstate, ajv, canonicalize and node:crypto',
      severity: 'error',
      from: { path: '^src/domain' },
      to: {
        pathNot: [
          '^src/domain',
          'node_modules/(xstate|ajv|canonicalize)/',
          '^crypto$',
          '^node:crypto$',
        ],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'domain-types-stay-in-domain',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { path: '^src/(?!domain)' },
    },
    {
      name: 'persistence-below-features',
      comment: 'Repositories do not know about HTTP or feature services',
      severity: 'error',
      from: { path: '^src/persistence' },
      to: { path: '^src/(auth|users|cases|workflows|health|common|organisation|imports|demo)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.spec\\.ts$' },
  },
};
