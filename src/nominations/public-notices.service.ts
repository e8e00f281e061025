import { Inject, Injectable } from '@nestjs/common';
import { validate as isUuid } from 'uuid';
import { Clock } from '../common/clock';
import type { Localized } from '../domain/localized';
import type { StateTag } from '../domain/workflow/state-tags';
import { PUBLIC_ACTOR, type EventAccess } from '../cases/case-access';
import { CaseCommands } from '../cases/case-commands.service';
import type { IdempotentRequest } from '../cases/idempotency';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../persistence/repositories/organisation.repository';
import {
  OBJECTOR_IDENTITIES_REPOSITORY,
  type ObjectorIdentitiesRepository,
} from '../persistence/repositories/objector-identities.repository';
import type { Page } from '../persistence/repositories/page';
import { CommendationFacts, NOMINATION, type NominationData } from './commendation-facts.service';
import { noticeNotFound } from './nomination-errors';
import { seal } from '../domain/audit/sealed-value';
import type { StoredCase } from '../domain/cases/stored-case';

/** What anyone may read about a nomination under public notice: no dossier, no internal notes. */
export interface PublicNoticeView {
  caseId: string;
  nominee: { kind: 'person' | 'unit'; name: string };
  unitName: string | null;
  award: { code: string; name: Localized };
  evaluationYear: number;
  opensOn: string | null;
  closesOn: string | null;
  workingDays: number | null;
  /** An objection is being reviewed: the notice is on hold. */
  onHold: boolean;
}

export interface ObjectionInput {
  objection: string;
  name?: string;
  contact?: string;
}

/** The answer to an objection: the same for a repeat of the same keyed request. */
export interface ObjectionAnswer {
  body: { caseId: string; received: true; onHold: true };
  replayed: boolean;
}

/** Who objected, as far as they said; null when they gave neither name nor contact. */
function identityOf(input: ObjectionInput): { name: string | null; contact: string | null } | null {
  const name = input.name ?? null;
  const contact = input.contact ?? null;
  return name === null && contact === null ? null : { name, contact };
}

/**
 * The public doors of the commendation workflow (no sign-in): the list of nominations under public
 * notice and objections to them. (Certificate checks: `CertificateChecksService`.)
 */
@Injectable()
export class PublicNoticesService {
  constructor(
    private readonly cases: CaseCommands,
    private readonly catalogue: WorkflowCatalogue,
    @Inject(CASES_REPOSITORY) private readonly repository: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    private readonly facts: CommendationFacts,
    @Inject(OBJECTOR_IDENTITIES_REPOSITORY)
    private readonly identities: ObjectorIdentitiesRepository,
    private readonly clock: Clock,
  ) {}

  async list(cursor: string | undefined, limit: number): Promise<Page<PublicNoticeView>> {
    const page = await this.repository.list({
      scopes: null,
      caseType: NOMINATION,
      state: this.onPublicNotice(),
      cursor,
      limit,
    });
    const unitNames = new Map<string, string | null>();
    const items: PublicNoticeView[] = [];
    // A state name may mean something else in another version: each case answers for its own.
    for (const stored of page.items.filter((c) => this.is(c, 'under_public_notice'))) {
      const unitId = stored.unitId;
      if (unitId !== null && !unitNames.has(unitId)) {
        unitNames.set(unitId, (await this.organisation.findUnitById(unitId))?.name ?? null);
      }
      items.push(this.noticeView(stored, unitId === null ? null : (unitNames.get(unitId) ?? null)));
    }
    return { items, nextCursor: page.nextCursor };
  }

  /**
   * Anyone may object while the notice runs; the nomination goes on hold for the secretariat. The
   * objector's name and contact never enter the case or its record: they are stored apart, in the
   * objection's transaction, for the secretariat and auditors, and the record carries a commitment
   * to them where its workflow version has a place for it (version 3's payload schema has none).
   * A repeat with the same `Idempotency-Key` answers as the first and records nothing.
   */
  async fileObjection(
    caseId: string,
    input: ObjectionInput,
    request: IdempotentRequest,
  ): Promise<ObjectionAnswer> {
    const access: EventAccess = {
      principal: null,
      canSee: (stored) => stored.caseType === NOMINATION && this.is(stored, 'under_public_notice'),
      assertMayAct: () => undefined,
      actorFor: () => PUBLIC_ACTOR,
      notFound: noticeNotFound,
    };
    const target = isUuid(caseId) ? await this.repository.findById(caseId) : null;
    const inRecord = target !== null && this.recordsObjectorCommitment(target);
    const identity = identityOf(input);
    const sealed = identity === null ? null : seal(identity);
    const payload: Record<string, unknown> = { objection: input.objection };
    if (sealed !== null && inRecord) payload.objector = { commitment: sealed.commitment };
    const result = await this.cases.applyEvent(
      {
        caseId,
        type: 'FILE_OBJECTION',
        payload,
        access,
        beforeStep:
          identity === null || sealed === null
            ? undefined
            : (tx, current) =>
                this.identities.insertIn(tx, {
                  caseId,
                  seq: current.version + 1,
                  ...identity,
                  ...sealed,
                  inRecord,
                  filedAt: this.clock.nowIso(),
                }),
      },
      request,
      // What the caller sent, not the payload: its commitment is new on every attempt.
      { objection: input.objection, name: input.name ?? null, contact: input.contact ?? null },
    );
    return {
      body: { caseId, received: true, onHold: true },
      replayed: result.replayed,
    };
  }

  /**
   * Whether the case's workflow version records a commitment to the objector: one whose
   * FILE_OBJECTION payload has no schema (version 2) or declares `objector` (version 4 on).
   */
  private recordsObjectorCommitment(stored: StoredCase): boolean {
    const { events } = this.catalogue.get(stored.workflow.id, stored.workflow.version).definition;
    if (!Object.hasOwn(events, 'FILE_OBJECTION')) return false;
    const schema = events.FILE_OBJECTION.payloadSchema as
      { properties?: Record<string, unknown> } | undefined;
    return schema === undefined || Object.hasOwn(schema.properties ?? {}, 'objector');
  }

  /** The states, in any version, in which a nomination is on the public list. */
  private onPublicNotice(): string[] {
    return this.catalogue.statesTagged(NOMINATION, 'under_public_notice');
  }

  private is(stored: StoredCase, tag: StateTag): boolean {
    return this.catalogue.tagsOf(stored.workflow, stored.state).includes(tag);
  }

  private noticeView(stored: StoredCase, unitName: string | null): PublicNoticeView {
    const { awardCode, evaluationYear } = stored.data as unknown as NominationData;
    const notice = (stored.context.publicNotice ?? {}) as {
      opensOn?: string;
      closesOn?: string;
      workingDays?: number;
    };
    const award = this.facts.awardOf(stored);
    return {
      caseId: stored.id,
      nominee: { kind: stored.subject.kind, name: stored.subject.name },
      unitName: stored.subject.kind === 'unit' ? stored.subject.name : unitName,
      award: { code: awardCode, name: award?.name ?? { vi: awardCode, en: awardCode } },
      evaluationYear,
      opensOn: notice.opensOn ?? null,
      closesOn: notice.closesOn ?? null,
      workingDays: notice.workingDays ?? null,
      onHold: this.is(stored, 'objection_under_review'),
    };
  }
}
