const { statSync } = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

/**
 * `--shard=i/n` by weight rather than by a hash of the path: the biggest file goes to the lightest
 * shard, then the next (a file's size stands for its length: a browser story's file grows with the
 * screens it walks; CI starts with no recorded durations). Hash shards put the three longest
 * browser stories in one half of the SQLite run (about 930 s against 300 s on CI's 2 cores).
 * Deterministic: every shard computes the same split.
 */
class BalancedShards extends Sequencer {
  shard(tests, { shardIndex, shardCount }) {
    const weighed = tests
      .map((test) => ({ test, size: statSync(test.path).size }))
      .sort((a, b) => b.size - a.size || a.test.path.localeCompare(b.test.path));
    const loads = new Array(shardCount).fill(0);
    const mine = [];
    for (const { test, size } of weighed) {
      const lightest = loads.indexOf(Math.min(...loads));
      loads[lightest] += size;
      if (lightest === shardIndex - 1) mine.push(test);
    }
    return mine;
  }
}

module.exports = BalancedShards;
