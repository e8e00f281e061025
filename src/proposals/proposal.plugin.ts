import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CaseEffects, entered, type CaseEffect } from '../cases/plugins/case-effects';
import { FactProviders } from '../cases/plugins/fact-providers';
import {
  OpeningChecks,
  type CaseOpening,
  type OpeningCheck,
} from '../cases/plugins/opening-checks';
import { isWithin } from '../domain/org/scope';
import {
  AWARD_PROPOSAL,
  formatProposalNumber,
  outcomesOf,
  proposalSides,
  type ProposalFact,
} from '../domain/proposals/proposal-rules';
import { formatOf } from '../domain/rules/granting-authority';
import type { Authority, RuleSet } from '../domain/rules/rule-set';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import { SYSTEM_ROLE, type ActorFacts } from '../domain/roles';
import { allowedEvents } from '../domain/workflow/step';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import { Database } from '../persistence/database';
import { sqlManagerOf } from '../persistence/repositories/case-transaction-sql';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
  type StoredUnit,
} from '../persistence/repositories/organisation.repository';
import {
  UNIT_AUTHORITIES_REPOSITORY,
  type UnitAuthoritiesRepository,
} from '../persistence/repositories/unit-authorities.repository';
import {
  grantedHere,
  NOMINATION_REFUSALS,
  nominationsRefused,
  proposerNotUnit,
  receiverNotAbove,
  receiverNotAuthority,
  receiverRequired,
  unknownAuthority,
  type NominationRefusal,
} from './proposal-errors';
import { ProposalsSql } from './proposals.sql';

/** The nomination's events a proposal sends (workflows/nomination.v8.json on). */
export const NOMINATION_EVENTS = {
  propose: 'PROPOSE_UPWARD',
  granted: 'SUPERIOR_GRANTED',
  declined: 'SUPERIOR_DECLINED',
} as const;

const NOMINATION = 'nomination';
const SYSTEM_ACTOR: ActorFacts = { userId: 'system', username: 'system', roles: [SYSTEM_ROLE] };
const UTC_PLUS_7_MS = 7 * 60 * 60 * 1000;

/** Who the proposal goes to, as its data says and the registry resolves it. */
interface ProposalData {
  nominationIds: string[];
  to: { authority: string; unitId?: string };
  basis?: string[];
}

/** The letter's format and number series: the proposing unit's, as the authorities record it. */
export interface ProposalIssuer {
  format: 'party' | 'state';
  series: string;
  /** The authority the proposing unit issues as; absent when it records none. */
  authority?: Authority;
}

/**
 * The proposal workflow's plug-in: the checks a new proposal passes (every nomination recommended,
 * in the proposing unit's subtree, not yet proposed, for an award the authority grants; a receiving
 * unit above that acts as it), the letter's number and the PROPOSE_UPWARD of each nomination in the
 * opening transaction, the `proposal` fact RECORD_DECISION is judged with, and the decision sent on
 * to each nomination in the decision's transaction.
 */
@Injectable()
export class ProposalPlugin implements OnModuleInit {
  private readonly sql: ProposalsSql;

  constructor(
    private readonly facts: FactProviders,
    private readonly openingChecks: OpeningChecks,
    private readonly effects: CaseEffects,
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    @Inject(UNIT_AUTHORITIES_REPOSITORY) private readonly authorities: UnitAuthoritiesRepository,
    private readonly workflows: WorkflowCatalogue,
    private readonly ruleSets: RuleSetCatalogue,
    private readonly database: Database,
  ) {
    this.sql = new ProposalsSql(database.dialect);
  }

  onModuleInit(): void {
    this.facts.register({
      name: 'proposal',
      prepare: async ({ stored, principal, today }) => {
        const row = await this.database.read((manager) => this.sql.find(manager, stored.id));
        const data = stored.data as unknown as ProposalData;
        const fact: ProposalFact | undefined =
          row === null
            ? undefined
            : {
                nominationIds: data.nominationIds,
                receivingUnitId: row.toUnitId,
                sender: proposalSides(
                  principal?.grants ?? [],
                  row.proposingUnitPath,
                  row.toUnitPath,
                ),
                sentOn: row.proposedOn,
                today,
                maxDaysBack: this.ruleSets.latest(today).ruleSet.legalDates?.maxDaysBack ?? null,
              };
        return { resolve: () => fact };
      },
    });
    this.openingChecks.register(this.proposalFits);
    this.effects.register(this.sendUp, this.sendDecisionsDown);
  }

  private readonly proposalFits: OpeningCheck = {
    name: 'proposalFits',
    appliesTo: (workflow) => workflow.definition.caseType === AWARD_PROPOSAL,
    check: (opening) => this.checkOpening(opening),
  };

  private async checkOpening({ subject, data, today }: CaseOpening): Promise<void> {
    if (subject.kind !== 'unit') throw proposerNotUnit();
    const proposal = data as unknown as ProposalData;
    const proposing = await this.organisation.findUnitById(subject.id);
    if (proposing === null) throw proposerNotUnit();
    const { ruleSet } = this.ruleSets.latest(today);
    const authority = ruleSet.authorities.find((a) => a.code === proposal.to.authority);
    if (authority === undefined) {
      throw unknownAuthority(proposal.to.authority, `${ruleSet.id} v${ruleSet.version}`);
    }
    await this.checkReceiver(proposing, authority, proposal.to.unitId);
    const refusals: NominationRefusal[] = [];
    for (const [index, nominationId] of proposal.nominationIds.entries()) {
      const refusal = await this.nominationRefusal(nominationId, proposing, authority, ruleSet);
      if (refusal !== null) refusals.push({ index, nominationId, ...refusal });
    }
    if (refusals.length > 0) throw nominationsRefused(refusals);
  }

  /**
   * The receiving unit, when named, is above the proposing unit and acts as the authority; when a
   * unit above acts as it, it must be named (the proposal then reaches its queue); the proposing
   * unit itself acting as it decides, it does not propose.
   */
  private async checkReceiver(
    proposing: StoredUnit,
    authority: Authority,
    receivingUnitId: string | undefined,
  ): Promise<void> {
    const chain = await this.authorities.activeAuthorityChainOf(proposing.id);
    const acts = (unitId: string) =>
      chain
        .find((link) => link.unitId === unitId)
        ?.authorities.some((a) => a.authorityCode === authority.code) === true;
    if (acts(proposing.id)) throw grantedHere(authority.name, proposing.name);
    const above = chain.filter((link) => link.unitId !== proposing.id);
    if (receivingUnitId !== undefined) {
      const link = above.find((l) => l.unitId === receivingUnitId);
      if (link === undefined) throw receiverNotAbove(receivingUnitId);
      if (!acts(receivingUnitId)) throw receiverNotAuthority(link.unitName, authority.name);
      return;
    }
    const holder = above.find((link) => acts(link.unitId));
    if (holder !== undefined)
      throw receiverRequired(holder.unitId, holder.unitName, authority.name);
  }

  private async nominationRefusal(
    nominationId: string,
    proposing: StoredUnit,
    authority: Authority,
    ruleSet: RuleSet,
  ): Promise<Omit<NominationRefusal, 'index' | 'nominationId'> | null> {
    const stored = await this.cases.findById(nominationId);
    // Out of the proposing unit's subtree answers exactly like a nomination that does not exist.
    if (
      stored === null ||
      stored.caseType !== NOMINATION ||
      stored.unitPath === null ||
      !isWithin(stored.unitPath, proposing.path)
    ) {
      return NOMINATION_REFUSALS.notFound;
    }
    const workflow = this.workflows.get(stored.workflow.id, stored.workflow.version);
    if (workflow.tagsOf(stored.state).includes('with_superior')) {
      return NOMINATION_REFUSALS.alreadyProposed;
    }
    const accepts = allowedEvents(workflow, stored.state, SYSTEM_ACTOR).some(
      (event) => event.type === NOMINATION_EVENTS.propose,
    );
    if (!accepts) return NOMINATION_REFUSALS.notRecommended;
    const award = ruleSet.awards.find((a) => a.code === stored.data.awardCode);
    if (award === undefined) return NOMINATION_REFUSALS.unknownAward;
    if (!award.grantor.authorities.includes(authority.code)) {
      return NOMINATION_REFUSALS.wrongAuthority(authority.name, award.name);
    }
    return null;
  }

  /** The letter's format and series: the proposing unit's first recorded authority, else State. */
  issuerOf(
    unit: { code: string },
    recorded: readonly { authorityCode: string; seriesCode: string }[],
    ruleSet: RuleSet,
  ): ProposalIssuer {
    for (const row of recorded) {
      const authority = ruleSet.authorities.find((a) => a.code === row.authorityCode);
      if (authority !== undefined) {
        return { format: formatOf(authority), series: row.seriesCode, authority };
      }
    }
    return { format: 'state', series: unit.code };
  }

  /**
   * Opening a proposal numbers its letter (the proposing unit's own counter for the year, in its
   * format) and sends each nomination up, in the opening's transaction: one nomination refusing
   * rolls the whole proposal back.
   */
  private readonly sendUp: CaseEffect = {
    name: 'proposals.send_up',
    appliesTo: ({ before, after }) => before === null && after.caseType === AWARD_PROPOSAL,
    apply: async ({ after, record }, context) => {
      const data = after.data as unknown as ProposalData;
      const manager = sqlManagerOf(context.tx);
      const proposedOn = new Date(Date.parse(record.at) + UTC_PLUS_7_MS).toISOString().slice(0, 10);
      const year = Number(proposedOn.slice(0, 4));
      // Reads go through the transaction's manager: on SQLite the gate is held by this transaction.
      const proposing = await this.sql.unit(manager, after.unitId!);
      if (proposing === null) throw proposerNotUnit();
      const { ruleSet } = this.ruleSets.latest(proposedOn);
      const recorded = await this.sql.activeAuthorities(manager, proposing.id);
      const issuer = this.issuerOf(proposing, recorded, ruleSet);
      const receiving =
        data.to.unitId === undefined ? null : await this.sql.unit(manager, data.to.unitId);
      const sequence = await this.sql.nextSequence(manager, proposing.id, year);
      const number = formatProposalNumber(issuer.format, sequence, issuer.series);
      await this.sql.insert(manager, {
        caseId: after.id,
        number,
        year,
        sequence,
        format: issuer.format,
        series: issuer.series,
        proposingUnitId: proposing.id,
        toAuthority: data.to.authority,
        toUnitId: receiving?.id ?? null,
        nominationCount: data.nominationIds.length,
        proposedOn,
        proposedAt: record.at,
        decidedOn: null,
      });
      for (const nominationId of data.nominationIds) {
        await context.sendSystemEvent(nominationId, NOMINATION_EVENTS.propose, {
          proposalId: after.id,
          proposalNumber: number,
        });
      }
    },
  };

  /** The recorded decision reaches each nomination (granted or rejected) in its transaction. */
  private readonly sendDecisionsDown: CaseEffect = {
    name: 'proposals.send_decisions',
    appliesTo: (transition) =>
      transition.after.caseType === AWARD_PROPOSAL && entered(transition, 'closed'),
    apply: async ({ after, record, facts }, context) => {
      for (const outcome of outcomesOf(record.payload.outcomes) ?? []) {
        if (outcome.outcome === 'granted') {
          await context.sendSystemEvent(outcome.nominationId, NOMINATION_EVENTS.granted, {
            proposalId: after.id,
            decision: outcome.decision,
          });
        } else {
          await context.sendSystemEvent(outcome.nominationId, NOMINATION_EVENTS.declined, {
            proposalId: after.id,
            reason: outcome.reason,
          });
        }
      }
      const fact = (facts as { proposal?: ProposalFact }).proposal;
      await this.sql.markDecided(
        sqlManagerOf(context.tx),
        after.id,
        fact?.today ?? record.at.slice(0, 10),
      );
    },
  };
}
