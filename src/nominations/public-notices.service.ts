import { Inject, Injectable } from '@nestjs/common';
import type { Localized } from '../domain/localized';
import type { StateTag } from '../domain/workflow/state-tags';
import { PUBLIC_ACTOR, type EventAccess } from '../cases/case-access';
import { CaseCommands } from '../cases/case-commands.service';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../persistence/repositories/organisation.repository';
import type { Page } from '../persistence/repositories/page';
import { CommendationFacts, NOMINATION, type NominationData } from './commendation-facts.service';
import { noticeNotFound } from './nomination-errors';
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

  /** Anyone may object while the notice runs; the nomination goes on hold for the secretariat. */
  async fileObjection(
    caseId: string,
    input: ObjectionInput,
    request: { key?: string; method: string; path: string },
  ): Promise<{ caseId: string; received: true; onHold: true }> {
    const access: EventAccess = {
      principal: null,
      canSee: (stored) => stored.caseType === NOMINATION && this.is(stored, 'under_public_notice'),
      assertMayAct: () => undefined,
      actorFor: () => PUBLIC_ACTOR,
      notFound: noticeNotFound,
    };
    const payload: Record<string, unknown> = { objection: input.objection };
    if (input.name !== undefined) payload.name = input.name;
    if (input.contact !== undefined) payload.contact = input.contact;
    await this.cases.applyEvent(
      { caseId, type: 'FILE_OBJECTION', payload, access },
      { ...request, key: undefined },
      payload,
    );
    return { caseId, received: true, onHold: true };
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
