import { Inject, Injectable } from '@nestjs/common';
import { validate as isUuid } from 'uuid';
import { Clock } from '../common/clock';
import { CASE_READERS, canRead } from '../cases/case-access';
import type { StoredCase } from '../domain/cases/stored-case';
import type { Localized } from '../domain/localized';
import { scopesFor, type Principal } from '../domain/org/principal';
import { rolesAt } from '../domain/org/scope';
import { AWARD_PROPOSAL, type ProposalOutcome } from '../domain/proposals/proposal-rules';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import type { RuleSet } from '../domain/rules/rule-set';
import { defaultOnBehalfOf } from '../domain/rules/signing';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import { DocumentRenderer } from '../documents/document-renderer';
import type { DocumentSigner, ProposalLetterData } from '../documents/document-kinds';
import { Database } from '../persistence/database';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../persistence/repositories/organisation.repository';
import {
  UNIT_AUTHORITIES_REPOSITORY,
  type UnitAuthoritiesRepository,
} from '../persistence/repositories/unit-authorities.repository';
import type {
  ProposalDetailDto,
  ProposalListDto,
  ProposalListQuery,
  ProposalSummaryDto,
  ProposedNominationDto,
  RecipientListDto,
  RecipientQuery,
} from './dto/proposal.dto';
import { proposalNotFound, proposingUnitNotFound } from './proposal-errors';
import { ProposalsSql, type StoredProposal } from './proposals.sql';

const DEFAULT_PAGE = 50;

/**
 * Proposals to the competent level as their two sides see them: the proposing unit's list (out),
 * the receiving unit's queue (in), one proposal with its nominations, and its letter. Sending and
 * deciding are events of the proposal case (POST /cases, POST /cases/:id/events).
 */
@Injectable()
export class ProposalsService {
  private readonly sql: ProposalsSql;

  constructor(
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    @Inject(UNIT_AUTHORITIES_REPOSITORY) private readonly authorities: UnitAuthoritiesRepository,
    private readonly workflows: WorkflowCatalogue,
    private readonly ruleSets: RuleSetCatalogue,
    private readonly database: Database,
    private readonly renderer: DocumentRenderer,
    private readonly clock: Clock,
  ) {
    this.sql = new ProposalsSql(database.dialect);
  }

  async list(principal: Principal, query: ProposalListQuery): Promise<ProposalListDto> {
    const scopes = scopesFor(principal, CASE_READERS);
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.database.read((manager) =>
      this.sql.list(manager, {
        direction: query.direction,
        scopes: scopes === null ? [null] : scopes,
        ...(query.state === undefined ? {} : { state: query.state }),
        ...(query.cursor === undefined ? {} : { before: query.cursor }),
        limit: limit + 1,
      }),
    );
    const ruleSet = this.ruleSet();
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) =>
        this.summary(row, row.state, row.proposingUnitName, row.toUnitName, ruleSet),
      ),
      nextCursor: rows.length > limit ? page[page.length - 1].caseId : null,
    };
  }

  /**
   * Where a proposal of this unit to this authority may go in the system: the units above it that
   * act as the authority, nearest first. The proposing side does not see the units above it in the
   * registry, so the form asks here (names only).
   */
  async recipients(principal: Principal, query: RecipientQuery): Promise<RecipientListDto> {
    const unit = await this.organisation.findUnitById(query.unitId);
    if (unit === null || rolesAt(principal.grants, unit.path).length === 0) {
      throw proposingUnitNotFound(query.unitId);
    }
    const above = (await this.authorities.activeAuthorityChainOf(unit.id)).slice(1);
    return {
      items: above
        .filter((link) => link.authorities.some((a) => a.authorityCode === query.authority))
        .map((link) => ({ id: link.unitId, name: link.unitName })),
    };
  }

  async get(principal: Principal, id: string): Promise<ProposalDetailDto> {
    const { stored, row } = await this.readable(principal, id);
    const ruleSet = this.ruleSet();
    const proposing = await this.organisation.findUnitById(row.proposingUnitId);
    const receiving =
      row.toUnitId === null ? null : await this.organisation.findUnitById(row.toUnitId);
    const data = stored.data as { nominationIds: string[]; basis?: string[] };
    const outcomes = (stored.context.outcomes as ProposalOutcome[] | undefined) ?? [];
    const nominations: ProposedNominationDto[] = [];
    for (const nominationId of data.nominationIds) {
      const nomination = await this.cases.findById(nominationId);
      if (nomination === null) continue;
      const outcome = outcomes.find((o) => o.nominationId === nominationId);
      nominations.push({
        ...(await this.describeNomination(nomination, ruleSet)),
        outcome: outcome?.outcome ?? null,
        ...(outcome?.decision === undefined ? {} : { decision: { ...outcome.decision } }),
        ...(outcome?.reason === undefined ? {} : { reason: outcome.reason }),
      });
    }
    return {
      ...this.summary(
        row,
        stored.state,
        proposing?.name ?? '',
        receiving?.name ?? null,
        ruleSet,
        stored,
      ),
      basis: data.basis ?? [],
      nominations,
      letterUrl: `/api/v1/proposals/${stored.id}/letter.pdf`,
    };
  }

  /** The letter (tờ trình) as a PDF, in the proposing unit's format, from the documents' renderer. */
  async letter(principal: Principal, id: string): Promise<{ pdf: Buffer; fileName: string }> {
    const { stored, row } = await this.readable(principal, id);
    const ruleSet = this.ruleSet();
    const proposing = await this.organisation.findUnitById(row.proposingUnitId);
    const parent =
      proposing?.parentId == null ? null : await this.organisation.findUnitById(proposing.parentId);
    const receiving =
      row.toUnitId === null ? null : await this.organisation.findUnitById(row.toUnitId);
    const authority = ruleSet.authorities.find((a) => a.code === row.toAuthority);
    const authorityName = authority?.name.vi ?? row.toAuthority;
    const data = stored.data as { nominationIds: string[]; basis?: string[] };
    const items: ProposalLetterData['items'] = [];
    for (const nominationId of data.nominationIds) {
      const nomination = await this.cases.findById(nominationId);
      if (nomination === null) continue;
      const described = await this.describeNomination(nomination, ruleSet);
      items.push({
        nominee: described.nominee,
        unit: described.unit?.name ?? '',
        award: described.awardName?.vi ?? described.awardCode,
      });
    }
    const recipient = receiving === null ? authorityName : `${authorityName} (${receiving.name})`;
    const letter: ProposalLetterData = {
      issuer: {
        format: row.format,
        ...(parent === null ? {} : { parentBody: parent.name }),
        name: proposing?.name ?? '',
        series: row.series,
        place: '',
      },
      number: String(row.sequence),
      date: row.proposedOn,
      recipient,
      subject: `Về việc đề nghị khen thưởng (${items.length} trường hợp)`,
      basis: data.basis ?? [],
      items,
      signer: await this.signerOf(row),
      // Nơi nhận: the addressee ("Như trên"); the template adds the office's own copy.
      recipients: ['Như trên'],
    };
    const rendered = await this.renderer.render('proposal_letter', letter);
    return { pdf: rendered.pdf, fileName: `to-trinh-${row.year}-${row.sequence}.pdf` };
  }

  /**
   * Who signs the letter: an active signer of the proposing unit for the authority its letter is
   * numbered in (the signers registry), else any active signer of the unit, else its leader's
   * name as text (a unit that records no signers yet still prints a letter to sign by hand).
   */
  private async signerOf(row: StoredProposal): Promise<DocumentSigner> {
    const signers = (await this.authorities.signersOf(row.proposingUnitId)).filter((s) => s.active);
    const recorded = await this.authorities.activeAuthoritiesOf([row.proposingUnitId]);
    const series = recorded[0]?.authorities.find((a) => a.seriesCode === row.series);
    const signer =
      signers.find((s) => s.authorityCode === series?.authorityCode) ?? signers.at(0) ?? null;
    if (signer !== null) {
      // The body signed for (T/M BAN THƯỜNG VỤ): the signer's own, else the authority's usual name.
      const body = signer.onBehalfOf ?? defaultOnBehalfOf(signer.authorityCode);
      return {
        capacity: signer.capacity,
        ...(body === null ? {} : { body }),
        position: signer.positionVi,
        name: signer.fullName,
      };
    }
    const leader = await this.database.read((manager) =>
      this.sql.leaderName(manager, row.proposingUnitId),
    );
    return { capacity: null, position: 'Thủ trưởng đơn vị', name: leader ?? '' };
  }

  /** The proposal's case and row, or not found for a caller who may not read it. */
  private async readable(
    principal: Principal,
    id: string,
  ): Promise<{ stored: StoredCase; row: StoredProposal }> {
    const stored = isUuid(id) ? await this.cases.findById(id) : null;
    if (stored === null || stored.caseType !== AWARD_PROPOSAL) throw proposalNotFound(id);
    const workflow = this.workflows.get(stored.workflow.id, stored.workflow.version);
    if (!canRead(principal, stored, workflow.definition.access)) throw proposalNotFound(id);
    const row = await this.database.read((manager) => this.sql.find(manager, id));
    if (row === null) throw proposalNotFound(id);
    return { stored, row };
  }

  private summary(
    row: StoredProposal,
    state: string,
    proposingUnitName: string,
    toUnitName: string | null,
    ruleSet: RuleSet,
    stored?: StoredCase,
  ): ProposalSummaryDto {
    const workflowId = stored?.workflow.id ?? AWARD_PROPOSAL;
    const version = stored?.workflow.version ?? 1;
    const authority = ruleSet.authorities.find((a) => a.code === row.toAuthority);
    return {
      id: row.caseId,
      number: row.number,
      format: row.format,
      state,
      stateLabel: this.stateLabel(workflowId, version, state),
      proposingUnit: { id: row.proposingUnitId, name: proposingUnitName },
      to: {
        authority: row.toAuthority,
        authorityName: authority?.name ?? null,
        unit: row.toUnitId === null ? null : { id: row.toUnitId, name: toUnitName ?? '' },
      },
      nominationCount: row.nominationCount,
      proposedOn: row.proposedOn,
      decidedOn: row.decidedOn,
    };
  }

  private async describeNomination(
    nomination: StoredCase,
    ruleSet: RuleSet,
  ): Promise<Omit<ProposedNominationDto, 'outcome' | 'decision' | 'reason'>> {
    const awardCode = String(nomination.data.awardCode ?? '');
    const award = ruleSet.awards.find((a) => a.code === awardCode);
    const unit =
      nomination.unitId === null ? null : await this.organisation.findUnitById(nomination.unitId);
    const nominee =
      nomination.subject.kind === 'person'
        ? ((await this.organisation.findPersonById(nomination.subject.id))?.fullName ?? '')
        : ((await this.organisation.findUnitById(nomination.subject.id))?.name ?? '');
    return {
      id: nomination.id,
      nominee,
      unit: unit === null ? null : { id: unit.id, name: unit.name },
      awardCode,
      awardName: award?.name ?? null,
      state: nomination.state,
      stateLabel: this.stateLabel(
        nomination.workflow.id,
        nomination.workflow.version,
        nomination.state,
      ),
    };
  }

  private stateLabel(workflowId: string, version: number, state: string): Localized {
    const workflow = this.workflows.get(workflowId, version);
    return workflow.definition.machine.states[state]?.meta?.label ?? { vi: state, en: state };
  }

  private ruleSet(): RuleSet {
    return this.ruleSets.latest(this.clock.todayInVietnam()).ruleSet;
  }
}
