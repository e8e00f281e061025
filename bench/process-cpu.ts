import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: the unit of /proc/<pid>/stat's times on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time (user + system, every thread) a process has used so far, in seconds, from
 * /proc/<pid>/stat; NaN where there is no /proc (the figure is then printed as NaN, not guessed).
 */
export function processCpuSeconds(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return Number.NaN;
  }
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  return (userTicks + systemTicks) / TICKS_PER_SECOND;
}
