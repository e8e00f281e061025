/**
 * Every time limit in the suite is there to stop a hang, never to judge speed (the benchmarks do
 * that). CI's machine is not always as fast as a quiet one of the same kind: on 2026-12-03 it ran
 * the whole suite 2.8 times slower than a quiet machine ran the same commit (a browser story that
 * takes 243–305 s passed its 600 s limit there and was failed, and an HTTP test its 60 s). So a
 * limit is written as what the step may take on a quiet, loaded-as-usual machine, and `timeLimit`
 * gives it the margin of a slow one. jest.config.js applies the same margin to its default.
 */
export const SLOW_MACHINE_MARGIN = 3;

/** A test's or a wait's limit: `quietMs`, what it may take on a quiet machine, times the margin. */
export const timeLimit = (quietMs: number): number => quietMs * SLOW_MACHINE_MARGIN;
