import { Inject, Injectable } from '@nestjs/common';
import {
  AUTOMATIC_RECUSAL_REASONS,
  automaticRecusals,
  type ItemParties,
} from '../domain/council/collegial-vote';
import type { StoredCase } from '../domain/cases/stored-case';
import type { Localized } from '../domain/localized';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import type {
  AgendaItemFact,
  CouncilAgendaFact,
  CouncilRosterFact,
} from '../domain/workflow/event-facts';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import { CommendationFacts, NOMINATION } from '../nominations/commendation-facts.service';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import {
  EMULATION_COUNCIL,
  rosterOn,
  unitChainNearestFirst,
  VOTING_ROLES,
  type Council,
  type CouncilBody,
  type CouncilRole,
} from '../domain/council/council-roster';
import {
  COUNCILS_REPOSITORY,
  type CouncilsRepository,
} from '../persistence/repositories/councils.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
  type PersonInUnit,
} from '../persistence/repositories/organisation.repository';
import {
  USERS_REPOSITORY,
  type UsersRepository,
} from '../persistence/repositories/users.repository';
import type { CouncilSessionData } from './council-session-case';

/** Why an item on hold is not voted (the eligibility lines say which matter holds it). */
const HELD: Localized = {
  vi: 'Đang có vụ việc chưa xử lý xong liên quan đến người (tập thể) được đề nghị: tạm dừng xét khen thưởng, hoãn xét tại phiên họp này.',
  en: 'A matter about the nominee is still being handled: commendation is on hold, so the item is deferred.',
};

/** An agenda drawn from more nominations than this would be unworkable in one sitting anyway. */
const MAX_AGENDA_ITEMS = 500;

/**
 * The roster a vote of a collegial body is checked against: the body's council nearest to the
 * subject's unit and who sat on it on the meeting date (`votes`: the secretary does not).
 */
export interface BodyRoster {
  council: { id: string; name: string; unitId: string; unitName: string; body: CouncilBody };
  members: { personId: string; fullName: string; role: CouncilRole; votes: boolean }[];
}

/**
 * What the council plug-in finds out for a session's events: the council's roster on the meeting
 * date with the rule set's council rules in force that day, and the agenda (the nominations
 * awaiting the council in its unit's subtree, read by their state tag, each with its award's vote
 * rule from the nomination's own rule set).
 */
@Injectable()
export class CouncilFacts {
  constructor(
    @Inject(COUNCILS_REPOSITORY) private readonly councils: CouncilsRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    private readonly workflows: WorkflowCatalogue,
    private readonly ruleSets: RuleSetCatalogue,
    private readonly commendation: CommendationFacts,
  ) {}

  councilById(id: unknown): Promise<(Council & { unitPath: string }) | null> {
    return typeof id === 'string' ? this.councils.findCouncil(id) : Promise.resolve(null);
  }

  /**
   * The council a session names, if it is its unit's Emulation-Commendation Council: sessions
   * belong to that council (the opening refuses any other; this keeps the guards refusing too).
   */
  async councilOf(session: StoredCase): Promise<(Council & { unitPath: string }) | null> {
    const { councilId } = session.data as unknown as CouncilSessionData;
    const council =
      typeof councilId === 'string' ? await this.councils.findCouncil(councilId) : null;
    return council !== null &&
      council.unitId === session.unitId &&
      council.body === EMULATION_COUNCIL
      ? council
      : null;
  }

  /**
   * The council of `body` in the nearest unit of the chain of `unitPath` (the unit itself first,
   * then each ancestor) and its roster on `on` (YYYY-MM-DD); null when no unit of the chain has
   * one. Where a unit has several Emulation-Commendation Councils, the oldest is taken.
   */
  async bodyRosterFor(unitPath: string, body: CouncilBody, on: string): Promise<BodyRoster | null> {
    const chain = unitChainNearestFirst(unitPath);
    const found = await this.councils.councilsOfBodyIn(chain, body);
    const council = chain
      .map((unitId) => found.find((candidate) => candidate.unitId === unitId))
      .find((candidate) => candidate !== undefined);
    if (council === undefined) return null;
    const [unit, terms] = await Promise.all([
      this.organisation.findUnitById(council.unitId),
      this.councils.membersOf(council.id).then((members) => rosterOn(members, on)),
    ]);
    const people = await this.people(terms.map((term) => term.personId));
    return {
      council: {
        id: council.id,
        name: council.name,
        unitId: council.unitId,
        unitName: unit?.name ?? '',
        body: council.body,
      },
      members: terms.map((term) => ({
        personId: term.personId,
        fullName: people.get(term.personId)?.fullName ?? term.personId,
        role: term.role,
        votes: VOTING_ROLES.includes(term.role),
      })),
    };
  }

  /** Null when the session's council is not its unit's (the guards then refuse). */
  async roster(session: StoredCase): Promise<CouncilRosterFact | null> {
    const council = await this.councilOf(session);
    if (council === null) return null;
    const { meetingDate } = session.data as unknown as CouncilSessionData;
    const terms = rosterOn(await this.councils.membersOf(council.id), meetingDate);
    const people = await this.people(terms.map((t) => t.personId));
    const loaded = this.ruleSets.latest(meetingDate);
    const rules = loaded.ruleSet.council;
    return {
      councilId: council.id,
      on: meetingDate,
      members: terms.map((term) => ({
        personId: term.personId,
        name: people.get(term.personId)?.fullName ?? term.personId,
        role: term.role,
        votes: VOTING_ROLES.includes(term.role),
      })),
      rules:
        rules === undefined
          ? null
          : {
              quorum: {
                numerator: rules.quorum.numerator,
                denominator: rules.quorum.denominator,
                comparison: rules.quorum.comparison,
              },
              writtenVotes: rules.writtenVotes.allowed,
              recusedLeaveBase: rules.recusal.excludedFromBase,
              ruleSet: { id: loaded.ruleSet.id, version: loaded.ruleSet.version },
            },
    };
  }

  /**
   * The nominations awaiting the council in its unit's subtree, oldest first. One on hold (a
   * pending matter about the nominee, as its eligibility now finds) is deferred; the members
   * party to an item are recused from it.
   */
  async agenda(session: StoredCase, today: string): Promise<CouncilAgendaFact | undefined> {
    const council = await this.councilOf(session);
    if (council === null) return undefined;
    const { meetingDate } = session.data as unknown as CouncilSessionData;
    const terms = rosterOn(await this.councils.membersOf(council.id), meetingDate).filter((t) =>
      VOTING_ROLES.includes(t.role),
    );
    const members = [...(await this.people(terms.map((t) => t.personId))).values()].map(
      (person) => ({ personId: person.id, unitPath: person.unitPath }),
    );
    const items: AgendaItemFact[] = [];
    for (const nomination of await this.awaitingCouncil(council.unitPath)) {
      items.push(await this.item(nomination, members, today));
    }
    return { items };
  }

  private async item(
    nomination: StoredCase,
    members: { personId: string; unitPath: string }[],
    today: string,
  ): Promise<AgendaItemFact> {
    const judge = await this.commendation.prepareEligibility(nomination, null, today);
    const onHold = judge(nomination).result.outcome === 'on_hold';
    const loaded = this.commendation.ruleSetFor(nomination);
    const award = this.commendation.awardOf(nomination);
    const code = (nomination.data as { awardCode?: string }).awardCode ?? '';
    const vote = award?.councilVote;
    return {
      caseId: nomination.id,
      nominee: { kind: nomination.subject.kind, name: nomination.subject.name },
      award: { code, name: award?.name ?? { vi: code, en: code } },
      status: onHold ? 'deferred' : 'to_vote',
      deferredBecause: onHold ? HELD : null,
      recusals: automaticRecusals(await this.partiesOf(nomination), members),
      vote: {
        // An award without a council vote in its rule set cannot be recommended by any count.
        ratio: vote?.ratio ?? 1,
        comparison: vote?.comparison ?? 'gt',
        base: vote?.base ?? 'all_members',
        ballot: vote?.ballot ?? 'secret',
        ruleSet: { id: loaded.ruleSet.id, version: loaded.ruleSet.version },
      },
    };
  }

  private async partiesOf(nomination: StoredCase): Promise<ItemParties> {
    const nominator = await this.users.findById(nomination.createdBy);
    return {
      nominee:
        nomination.subject.kind === 'person'
          ? { kind: 'person', personId: nomination.subject.id }
          : { kind: 'unit', unitPath: nomination.unitPath ?? '' },
      nominatorPersonId: nominator?.personId ?? null,
    };
  }

  /** Nominations in a state tagged awaiting_council, in the subtree, on any workflow version. */
  private async awaitingCouncil(unitPath: string): Promise<StoredCase[]> {
    const states = this.workflows.statesTagged(NOMINATION, 'awaiting_council');
    if (states.length === 0) return [];
    const found: StoredCase[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.cases.list({
        scopes: [unitPath],
        caseType: NOMINATION,
        state: states,
        cursor,
        limit: 100,
      });
      for (const listed of page.items) {
        const stored = await this.cases.findById(listed.id);
        // The same state name may carry the tag in one version and not in another.
        if (
          stored &&
          this.workflows.tagsOf(stored.workflow, stored.state).includes('awaiting_council')
        ) {
          found.push(stored);
        }
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && found.length < MAX_AGENDA_ITEMS);
    return found.slice(0, MAX_AGENDA_ITEMS);
  }

  private async people(ids: readonly string[]): Promise<Map<string, PersonInUnit>> {
    const found = await Promise.all(
      [...new Set(ids)].map((id) => this.organisation.findPersonById(id)),
    );
    return new Map(found.filter((p): p is PersonInUnit => p !== null).map((p) => [p.id, p]));
  }
}

/** How an automatic recusal reads, for views and the minutes. */
export function recusalReason(reason: string, automatic: boolean): Localized {
  if (automatic && Object.hasOwn(AUTOMATIC_RECUSAL_REASONS, reason)) {
    return AUTOMATIC_RECUSAL_REASONS[reason as keyof typeof AUTOMATIC_RECUSAL_REASONS];
  }
  return { vi: reason, en: reason };
}
