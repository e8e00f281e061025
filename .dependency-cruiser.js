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
      to: {
        path: '^src/(auth|users|cases|nominations|violations|council|movements|workflows|health|common|organisation|imports|demo|audit|catalogue|outputs)/',
      },
    },
    {
      name: 'common-config-below-features',
      comment:
        'Shared helpers and configuration sit below every feature and below persistence: they may use the domain and each other only',
      severity: 'error',
      from: { path: '^src/(common|config)/' },
      to: {
        path: [
          '^src/(auth|users|cases|nominations|violations|council|movements|workflows|health|organisation|imports|demo|audit|catalogue|outputs)/',
          '^src/persistence/',
        ],
      },
    },
    {
      name: 'engine-knows-no-workflow',
      comment:
        'The engine (src/cases) is generic: plug-ins register their facts and effects with it; it never imports them',
      severity: 'error',
      from: { path: '^src/cases/' },
      to: {
        path: '^src/(nominations|violations|council|movements|deadlines|outputs|imports|demo|audit)/',
      },
    },
    {
      name: 'plug-ins-stay-apart',
      comment: 'A workflow plug-in talks to the engine, not to another plug-in',
      severity: 'error',
      from: { path: '^src/(nominations|violations|council|movements|deadlines|proposals)/' },
      to: {
        path: '^src/(nominations|violations|council|movements|deadlines|proposals)/',
        pathNot: '^src/$1/',
      },
    },
    {
      name: 'web-app-stands-alone',
      comment:
        'The browser app talks to the server over HTTP only: it imports nothing from the server, and no server code imports it',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/(?!web/)' },
    },
    {
      name: 'server-does-not-import-the-web-app',
      severity: 'error',
      from: { path: '^src/(?!web/)' },
      to: { path: '^src/web/' },
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
