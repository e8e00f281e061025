import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { SYSTEM_ACTOR } from '../cases/case-access';
import { CaseEffects, type CaseEffect, type EffectContext } from '../cases/plugins/case-effects';
import type { StoredCase } from '../domain/cases/stored-case';
import type { CompiledWorkflow } from '../domain/workflow/compile-workflow';
import { holdReference, holdsOf, type HoldReason } from '../domain/workflow/hold-steps';
import { allowedEvents } from '../domain/workflow/step';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import {
  HOLD_REFERENCES_REPOSITORY,
  type HoldReferencesRepository,
} from '../persistence/repositories/hold-references.repository';

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

/**
 * What a RELEASE says of the matter: that it ended. How (dismissed, decided, an appeal decided) is
 * the violation case's, which the nomination's readers may not read; the case itself records it.
 */
const ENDED = 'ended';

/**
 * A violation case puts its subject's nominations on hold, and takes the hold off, in the same
 * transaction as the violation event that starts or ends the matter (issue 14 item 6): a report,
 * or an appeal, appends an audited HOLD (actor `system`, citing the case) to every nomination of
 * the subject whose workflow takes one in its current state; the dismissal, the decision, or the
 * appeal's decision appends a RELEASE to every nomination the case holds. A nomination that refuses
 * rolls the violation event back with it.
 *
 * Each HOLD names the case by a fresh reference (holdReference), stored with what it stands for in
 * the same transaction; its RELEASE names the same reference. Holds placed before references came
 * in name the case itself, and are released by it.
 */
@Injectable()
export class NominationHolds implements OnModuleInit {
  constructor(
    private readonly effects: CaseEffects,
    private readonly workflows: WorkflowCatalogue,
    @Inject(HOLD_REFERENCES_REPOSITORY) private readonly references: HoldReferencesRepository,
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
      else await this.release(transition.after, context);
    },
  };

  private async hold(violation: StoredCase, reason: HoldReason, context: EffectContext) {
    const names = await this.namesOf(violation, context);
    for (const nomination of await this.nominationsAbout(violation, context)) {
      // Held already by this case (a hold from before a release the nomination could not take):
      // a second HOLD would be refused and take the violation event down with it.
      if (this.holdOf(nomination, names) === undefined && this.takes(nomination, HOLD)) {
        const held = { violationCaseId: violation.id, nominationCaseId: nomination.id };
        const nonce = randomBytes(32).toString('hex');
        const reference = holdReference(held, nonce);
        await this.references.insertIn(context.tx, {
          reference,
          ...held,
          nonce,
          createdAt: violation.updatedAt,
        });
        await context.sendSystemEvent(nomination.id, HOLD, {
          violationCaseId: reference,
          reason,
        });
      }
    }
  }

  private async release(violation: StoredCase, context: EffectContext) {
    const names = await this.namesOf(violation, context);
    for (const nomination of await this.nominationsAbout(violation, context)) {
      // A nomination that closed while held (withdrawn, rejected) keeps its last record as it is.
      const hold = this.holdOf(nomination, names);
      if (hold !== undefined && this.takes(nomination, RELEASE)) {
        await context.sendSystemEvent(nomination.id, RELEASE, {
          violationCaseId: hold,
          outcome: ENDED,
        });
      }
    }
  }

  /** The subject's open nominations (a unit's own, as a collective), locked in this transaction. */
  private nominationsAbout(violation: StoredCase, { tx }: EffectContext): Promise<StoredCase[]> {
    return tx.openCasesAboutForUpdate(violation.subject, NOMINATION);
  }

  /** Every name this case's holds go by: its references, and its own id (holds from before them). */
  private async namesOf(violation: StoredCase, { tx }: EffectContext): Promise<Set<string>> {
    const references = await this.references.ofViolationIn(tx, violation.id);
    return new Set([violation.id, ...references.map((row) => row.reference)]);
  }

  /** The name under which this case holds the nomination, if it does. */
  private holdOf(nomination: StoredCase, names: ReadonlySet<string>): string | undefined {
    return holdsOf(nomination.context).find((h) => names.has(h.caseId))?.caseId;
  }

  /** Whether the nomination's own workflow version takes this system event in its state now. */
  private takes(nomination: StoredCase, type: string): boolean {
    const workflow = this.workflows.get(nomination.workflow.id, nomination.workflow.version);
    return allowedEvents(workflow, nomination.state, SYSTEM_ACTOR).some((e) => e.type === type);
  }
}
