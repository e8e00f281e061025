/* eslint-disable no-console -- a report printed by .ci/test-suite */
/* global console */
// The slowest test files of an `npm test` run, from the JSON results its jest steps wrote
// (.ci/test-suite): where the time goes, to look at first when the run nears its budget.
// Usage: node .ci/slowest-tests.cjs <logs folder> [how many]
const { readdirSync, readFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const [folder, count = '15'] = process.argv.slice(2);
const files = [];
for (const name of readdirSync(folder).filter((file) => file.endsWith('.json'))) {
  let results;
  try {
    results = JSON.parse(readFileSync(join(folder, name), 'utf8'));
  } catch {
    continue; // a step that died before writing its results: its log says why
  }
  for (const file of results.testResults ?? []) {
    files.push({
      step: name.replace(/\.json$/, ''),
      path: relative(process.cwd(), file.name),
      seconds: (file.endTime - file.startTime) / 1000,
    });
  }
}
files.sort((a, b) => b.seconds - a.seconds);
console.log(`Slowest test files (wall time, beside the other steps):`);
for (const file of files.slice(0, Number(count))) {
  console.log(`  ${file.seconds.toFixed(0).padStart(5)}s  ${file.step.padEnd(24)} ${file.path}`);
}
