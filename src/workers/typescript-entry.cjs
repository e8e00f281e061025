/*
 * Worker threads do not go through jest's transform, so when the app runs from its TypeScript
 * sources (under jest) each thread compiles the modules it loads with TypeScript's own
 * transpileModule (types are not checked here; `npm run lint` does that). From `dist/` the pool
 * loads worker-entry.js directly and this file is not used.
 */
const { readFileSync } = require('node:fs');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  sourceMap: false,
  inlineSourceMap: true,
};

require.extensions['.ts'] = function compileTypeScript(module, fileName) {
  const source = readFileSync(fileName, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName });
  module._compile(outputText, fileName);
};

module.exports = require('./worker-entry.ts');
