/*
 * Worker threads do not go through jest's transform, so when the app runs from its TypeScript
 * sources (under jest) each thread compiles the modules it loads with TypeScript's own
 * transpileModule (types are not checked here; `npm run lint` does that). From `dist/` the pool
 * loads worker-entry.js directly and this file is not used. The output is cached on disk by a
 * hash of the source, so a thread (every test app starts its own) does not compile again what
 * an earlier one compiled; TypeScript itself is loaded only on a miss.
 */
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const compilerOptions = {
  module: 1, // CommonJS
  target: 9, // ES2022
  esModuleInterop: true,
  experimentalDecorators: true,
  sourceMap: false,
  inlineSourceMap: true,
};
const cacheDirectory = join(tmpdir(), 'thidua-worker-ts');
mkdirSync(cacheDirectory, { recursive: true });
let ts;

require.extensions['.ts'] = function compileTypeScript(module, fileName) {
  const source = readFileSync(fileName, 'utf8');
  const key = createHash('sha256')
    .update(JSON.stringify(compilerOptions))
    .update('\0')
    .update(fileName)
    .update('\0')
    .update(source)
    .digest('hex');
  const cached = join(cacheDirectory, `${key}.js`);
  let outputText;
  try {
    outputText = readFileSync(cached, 'utf8');
  } catch {
    ts ??= require('typescript');
    outputText = ts.transpileModule(source, { compilerOptions, fileName }).outputText;
    // Written aside and renamed: a thread reading it meanwhile never sees half a file.
    const partial = `${cached}.${process.pid}.${require('node:worker_threads').threadId}`;
    writeFileSync(partial, outputText);
    renameSync(partial, cached);
  }
  module._compile(outputText, fileName);
};

module.exports = require('./worker-entry.ts');
