/** Latency figures of one benchmark row. */
export interface Row {
  name: string;
  operations: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The server's CPU time (all its threads) per operation, where it was measured. */
  cpuPerOperationUs?: number;
  /** Mean latency, where it was measured (finer than the whole milliseconds of p50). */
  meanMs?: number;
}

export function summarise(name: string, latenciesMs: number[], seconds: number): Row {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    name,
    operations: sorted.length,
    seconds,
    perSecond: sorted.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function table(rows: Row[], baseline: Row): string {
  const header =
    '| measurement | transitions | tx/s | p50 ms | p99 ms | vs raw ceiling |\n|---|---:|---:|---:|---:|---:|';
  const lines = rows.map(
    (row) =>
      `| ${row.name} | ${row.operations} | ${row.perSecond.toFixed(0)} | ${row.p50Ms.toFixed(3)} | ` +
      `${row.p99Ms.toFixed(3)} | ${((row.perSecond / baseline.perSecond) * 100).toFixed(1)}% |`,
  );
  return [header, ...lines].join('\n');
}
