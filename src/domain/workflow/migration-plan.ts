import { seal, type AuditRecord } from '../audit/audit-record';
import { canonicalJson, sha256Hex } from '../audit/canonical-json';
import { InvalidDataFileError } from '../errors';
import type { ActorFacts } from '../roles';
import type { CompiledWorkflow } from './compile-workflow';
import type { ChainPosition } from './step';

/** The event type of the record that moves a case to another version of its workflow. */
export const WORKFLOW_MIGRATED = 'WORKFLOW_MIGRATED';

/**
 * How running cases move from one published version of a workflow to the next
 * (`workflows/migrations/<id>.v<from>-to-v<to>.json`): each state of the old version maps to a
 * state of the new one, or to null when cases there cannot move (they finish on the old version).
 */
export interface MigrationPlan {
  id: string;
  from: { id: string; version: number };
  to: { id: string; version: number };
  description: string;
  states: Record<string, string | null>;
}

export class InvalidMigrationPlanError extends InvalidDataFileError {
  readonly code = 'WORKFLOW.INVALID_MIGRATION_PLAN';

  constructor(source: string, problems: string[]) {
    super(source, problems, 'workflow migration plan');
  }
}

export function migrationPlanHash(plan: MigrationPlan): string {
  return sha256Hex(canonicalJson(plan));
}

/**
 * Checks a parsed plan against the two workflow versions it names: every non-final state of the
 * old version is mapped (to a state the new version has, and not to a final one), nothing else.
 */
export function validateMigrationPlan(
  raw: unknown,
  source: string,
  resolve: (id: string, version: number) => CompiledWorkflow | undefined,
): MigrationPlan {
  const plan = raw as MigrationPlan;
  const problems: string[] = [];
  const shapeOk =
    typeof plan === 'object' &&
    plan !== null &&
    typeof plan.id === 'string' &&
    typeof plan.description === 'string' &&
    typeof plan.from?.id === 'string' &&
    Number.isInteger(plan.from?.version) &&
    typeof plan.to?.id === 'string' &&
    Number.isInteger(plan.to?.version) &&
    typeof plan.states === 'object' &&
    plan.states !== null;
  if (!shapeOk) {
    throw new InvalidMigrationPlanError(source, [
      'expected { id, description, from: { id, version }, to: { id, version }, states: { old: new | null } }',
    ]);
  }
  const from = resolve(plan.from.id, plan.from.version);
  const to = resolve(plan.to.id, plan.to.version);
  if (from === undefined) problems.push(`from: no workflow ${plan.from.id} v${plan.from.version}`);
  if (to === undefined) problems.push(`to: no workflow ${plan.to.id} v${plan.to.version}`);
  if (from && to && from.definition.caseType !== to.definition.caseType) {
    problems.push('from and to must be versions of the same case type');
  }
  if (from && to) {
    const oldStates = from.definition.machine.states;
    const newStates = to.definition.machine.states;
    for (const [name, state] of Object.entries(oldStates)) {
      if (state.type === 'final') continue;
      if (!Object.hasOwn(plan.states, name)) {
        problems.push(`states: "${name}" is not mapped (map it to a state, or to null)`);
      }
    }
    for (const [name, target] of Object.entries(plan.states)) {
      if (!Object.hasOwn(oldStates, name)) {
        problems.push(`states.${name}: ${plan.from.id} v${plan.from.version} has no such state`);
      } else if (oldStates[name].type === 'final') {
        problems.push(`states.${name}: a final state is not migrated`);
      }
      if (target === null) continue;
      if (typeof target !== 'string' || !Object.hasOwn(newStates, target)) {
        problems.push(`states.${name}: ${plan.to.id} v${plan.to.version} has no state "${target}"`);
      } else if (newStates[target].type === 'final') {
        problems.push(`states.${name}: "${target}" is final: a migration does not close cases`);
      }
    }
  }
  if (problems.length > 0) throw new InvalidMigrationPlanError(source, problems);
  return plan;
}

/** What the dry run knows of a case. */
export interface MigrationCandidate {
  id: string;
  state: string;
  closed: boolean;
  workflow: { id: string; version: number; hash: string };
  data: Record<string, unknown>;
}

export type MigrationVerdict =
  | { caseId: string; moves: true; from: string; to: string }
  | { caseId: string; moves: false; state: string; reason: string };

/**
 * The dry run: which of these cases the plan would move, and why each other one cannot. Cases
 * pinned to another workflow version or already closed are not candidates and are left out.
 */
export function judgeMigration(
  plan: MigrationPlan,
  from: CompiledWorkflow,
  to: CompiledWorkflow,
  cases: readonly MigrationCandidate[],
): MigrationVerdict[] {
  return cases
    .filter(
      (c) =>
        !c.closed && c.workflow.id === plan.from.id && c.workflow.version === plan.from.version,
    )
    .map((c): MigrationVerdict => {
      if (c.workflow.hash !== from.hash) {
        return { caseId: c.id, moves: false, state: c.state, reason: 'pinned to an edited copy' };
      }
      const target = plan.states[c.state];
      if (target === null || target === undefined) {
        return {
          caseId: c.id,
          moves: false,
          state: c.state,
          reason: `the plan does not move cases in "${c.state}"`,
        };
      }
      const dataProblems = to.dataProblems(c.data);
      if (dataProblems.length > 0) {
        return {
          caseId: c.id,
          moves: false,
          state: c.state,
          reason: `its data does not fit v${plan.to.version}: ${dataProblems.join('; ')}`,
        };
      }
      return { caseId: c.id, moves: true, from: c.state, to: target };
    });
}

/**
 * The audit record that moves one case: it names both versions and the plan, and is pinned to the
 * new version, so the chain says from which record on the new definition applies. The context the
 * case built up is kept.
 */
export function migrationRecord(
  plan: MigrationPlan,
  from: CompiledWorkflow,
  to: CompiledWorkflow,
  verdict: Extract<MigrationVerdict, { moves: true }>,
  actor: ActorFacts & { role: string },
  position: ChainPosition,
): AuditRecord {
  const pin = (w: CompiledWorkflow) => ({
    id: w.definition.id,
    version: w.definition.version,
    hash: w.hash,
  });
  return seal({
    caseId: position.caseId,
    seq: position.seq,
    at: position.at,
    actor: { userId: actor.userId, username: actor.username, role: actor.role },
    eventType: WORKFLOW_MIGRATED,
    payload: { from: pin(from), to: pin(to), plan: { id: plan.id, hash: migrationPlanHash(plan) } },
    fromState: verdict.from,
    toState: verdict.to,
    workflow: pin(to),
    prevHash: position.prevHash,
  });
}
