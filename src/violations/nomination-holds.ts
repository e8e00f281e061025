import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SYSTEM_ACTOR } from '../cases/case-access';
import {
  CaseEffects,
  type AcceptedTransition,
  type CaseEffect,
  type EffectContext,
} from '../cases/plugins/case-effects';
import type { StoredCase } from '../domain/cases/stored-case';
import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';
import { holdsOf, type HoldReason } from '../domain/workflow/hold-steps';
import { allowedEvents } from '../domain/workflow/step';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';

const VIOLATION = 'violation';
/** The case type a matter holds (the nominations about its subject); named, not imported: plug-ins stay apart. */
const NOMINATION = 'nomination';
const HOLD = 'HOLD';
const RELEASE = 'RELEASE';

/**
 * Whether a violation case in this state holds its subject's nominations: while the matter is
 * pending (Decree 152/2025 Art 4: discipline being considered) or an appeal against its discipline
 * is being verified (a complaint). Read from the state's tags, never its name. A case that does not
 * exist (before its opening) holds nothing.
 */
function holdReasonIn(workflow: CompiledWorkflow, state: string | null): HoldReason | null {
  if (state === null) return null;
  const tags = workflow.tagsOf(state);
  if (tags.includes('appeal_pending')) return 'complaint_pending';
  if (tags.includes('pending_matter')) return 'discipline_pending';
  return null;
}

/** How the matter that held ended, as the RELEASE records it. */
function outcomeOf({ workflow, record }: AcceptedTransition): string {
  if (workflow.tagsOf(record.toState).includes('dismissed')) return 'dismissed';
  if (record.fromState !== null && workflow.tagsOf(record.fromState).includes('appeal_pending')) {
    return 'appeal_decided';
  }
  return 'decided';
}

/**
 * A violation case puts its subject's nominations on hold, and takes the hold off, in the same
 * transaction as the violation event that starts or ends the matter (issue 14 item 6): a report,
 * or an appeal, appends an audited HOLD (actor `system`, citing the case) to every nomination of
 * the subject whose workflow takes one in its current state; the dismissal, the decision, or the
 * appeal's decision appends a RELEASE to every nomination the case holds. A nomination that refuses
 * rolls the violation event back with it.
 */
@Injectable()
export class NominationHolds implements OnModuleInit {
  constructor(
    private readonly effects: CaseEffects,
    private readonly workflows: WorkflowCatalogue,
  ) {}

  onModuleInit(): void {
    this.effects.register(this.holdsOnNominations);
  }

  private readonly holdsOnNominations: CaseEffect = {
    name: 'violationHoldsNominations',
    appliesTo: ({ after, workflow, record }) =>
      after.caseType === VIOLATION &&
      (holdReasonIn(workflow, record.fromState) === null) !==
        (holdReasonIn(workflow, record.toState) === null),
    apply: async (transition, context) => {
      const reason = holdReasonIn(transition.workflow, transition.record.toState);
      if (reason !== null) await this.hold(transition.after, reason, context);
      else await this.release(transition.after, outcomeOf(transition), context);
    },
  };

  private async hold(violation: StoredCase, reason: HoldReason, context: EffectContext) {
    for (const nomination of await this.nominationsAbout(violation, context)) {
      // Held already by this case (a hold from before a release the nomination could not take):
      // a second HOLD would be refused and take the violation event down with it.
      if (!this.heldBy(nomination, violation) && this.takes(nomination, HOLD)) {
        await context.sendSystemEvent(nomination.id, HOLD, {
          violationCaseId: violation.id,
          reason,
        });
      }
    }
  }

  private async release(violation: StoredCase, outcome: string, context: EffectContext) {
    for (const nomination of await this.nominationsAbout(violation, context)) {
      // A nomination that closed while held (withdrawn, rejected) keeps its last record as it is.
      if (this.heldBy(nomination, violation) && this.takes(nomination, RELEASE)) {
        await context.sendSystemEvent(nomination.id, RELEASE, {
          violationCaseId: violation.id,
          outcome,
        });
      }
    }
  }

  /** The subject's open nominations (a unit's own, as a collective), locked in this transaction. */
  private nominationsAbout(violation: StoredCase, { tx }: EffectContext): Promise<StoredCase[]> {
    return tx.openCasesAboutForUpdate(violation.subject, NOMINATION);
  }

  private heldBy(nomination: StoredCase, violation: StoredCase): boolean {
    return holdsOf(nomination.context).some((h) => h.caseId === violation.id);
  }

  /** Whether the nomination's own workflow version takes this system event in its state now. */
  private takes(nomination: StoredCase, type: string): boolean {
    const workflow = this.workflows.get(nomination.workflow.id, nomination.workflow.version);
    return allowedEvents(workflow, nomination.state, SYSTEM_ACTOR).some((e) => e.type === type);
  }
}
