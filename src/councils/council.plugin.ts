import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CaseEffects, entered, type CaseEffect } from '../cases/plugins/case-effects';
import { FactProviders, type FactProvider } from '../cases/plugins/fact-providers';
import { OpeningChecks, type OpeningCheck } from '../cases/plugins/opening-checks';
import { AppError } from '../common/errors';
import { shareOf, tallyItem, type BallotChoice } from '../domain/council/collegial-vote';
import type { StoredCase } from '../domain/cases/stored-case';
import type {
  CouncilTallyFact,
  DocumentFact,
  ItemTallyFact,
  KnownEventFacts,
} from '../domain/workflow/event-facts';
import {
  BALLOT_BOX,
  type BallotBox,
  type OpenBallot,
  type PublishedBallot,
} from '../persistence/repositories/ballot-box.repository';
import type { CaseTransaction } from '../persistence/repositories/cases.repository';
import { CouncilFacts } from './council-facts.service';
import { COUNCIL_SESSION, recordedSession, type CouncilSessionData } from './council-session-case';

/** The dossier document code the council's minutes are filed under (rule set v2 and later). */
export const MINUTES_DOCUMENT_CODE = 'bien_ban_hop_hoi_dong';

/**
 * The council session workflow's plug-in: the roster and the agenda its events declare, who has
 * voted (for recusals), the count at the close, and what the close does to the nominations voted
 * on (each receives the council's recommendation, with the minutes in its dossier, in the close's
 * transaction). A cancelled session's sealed ballots are discarded unread.
 */
@Injectable()
export class CouncilPlugin implements OnModuleInit {
  constructor(
    private readonly council: CouncilFacts,
    @Inject(BALLOT_BOX) private readonly ballots: BallotBox,
    private readonly facts: FactProviders,
    private readonly effects: CaseEffects,
    private readonly openingChecks: OpeningChecks,
  ) {}

  onModuleInit(): void {
    this.facts.register(
      this.roster,
      this.agenda,
      this.participation,
      this.tally,
      MINUTES_FROM_THE_CLOSE,
    );
    this.effects.register(this.recommendations, this.discardSealedBallots);
    this.openingChecks.register(this.sessionOfItsUnitsCouncil);
  }

  private readonly roster: FactProvider = {
    name: 'councilRoster',
    prepare: async ({ stored }) => {
      const roster = await this.council.roster(stored);
      return { resolve: () => roster ?? undefined };
    },
  };

  private readonly agenda: FactProvider = {
    name: 'councilAgenda',
    prepare: async ({ stored, today }) => {
      const agenda = await this.council.agenda(stored, today);
      return { resolve: () => agenda };
    },
  };

  private readonly participation: FactProvider = {
    name: 'councilParticipation',
    prepare: () => ({
      resolve: async (tx, current) => ({
        ballots: await this.ballots.participationIn(tx, current.id),
      }),
    }),
  };

  /**
   * Counted inside the close's transaction, which holds the session's lock, so no ballot can slip
   * in after the count: the sealed ballots are opened and published (shuffled, without voters) and
   * every item on the agenda is counted against its own award's threshold.
   */
  private readonly tally: FactProvider = {
    name: 'councilTally',
    prepare: async ({ stored }) => {
      const roster = await this.council.roster(stored);
      return {
        resolve: async (tx, current) =>
          roster?.rules == null ? undefined : this.count(tx, current, roster),
      };
    },
  };

  private async count(
    tx: CaseTransaction,
    current: StoredCase,
    roster: NonNullable<Awaited<ReturnType<CouncilFacts['roster']>>>,
  ): Promise<CouncilTallyFact> {
    const session = recordedSession(current);
    const rules = roster.rules!;
    const { secret, open } = await this.ballots.countIn(tx, current.id);
    const participation = await this.ballots.participationIn(tx, current.id);
    const voters = roster.members.filter((m) => m.votes).map((m) => m.personId);
    const items: ItemTallyFact[] = (session.agenda ?? [])
      .filter((item) => item.status === 'to_vote')
      .map((item) => {
        const openVotes = open.filter((b) => b.itemCaseId === item.caseId);
        const cast: { choice: BallotChoice }[] =
          item.vote.ballot === 'open'
            ? openVotes
            : secret.filter((b: PublishedBallot) => b.itemCaseId === item.caseId);
        const counted = tallyItem(
          {
            voters,
            present: session.present,
            participants: participation
              .filter((p) => p.itemCaseId === item.caseId)
              .map((p) => p.personId),
            recused: session.recusals
              .filter((r) => r.caseId === item.caseId)
              .map((r) => r.personId),
            counts: {
              approve: cast.filter((b) => b.choice === 'approve').length,
              reject: cast.filter((b) => b.choice === 'reject').length,
              abstain: cast.filter((b) => b.choice === 'abstain').length,
            },
          },
          {
            threshold: shareOf(item.vote.ratio, item.vote.comparison),
            base: item.vote.base,
            recusedLeaveBase: rules.recusedLeaveBase,
          },
        );
        return {
          caseId: item.caseId,
          ...counted,
          baseKind: item.vote.base,
          ratio: item.vote.ratio,
          comparison: item.vote.comparison,
          ballot: item.vote.ballot,
          openVotes:
            item.vote.ballot === 'open'
              ? openVotes.map(({ personId, choice }: OpenBallot) => ({ personId, choice }))
              : null,
          ruleSets: { award: item.vote.ruleSet, council: rules.ruleSet },
        };
      });
    return { items };
  }

  /**
   * The close: every voted nomination receives the council's recommendation as a `system` event
   * carrying its count, base, threshold and both rule sets, and the minutes join its dossier.
   * A nomination that refuses it rolls the whole close back.
   */
  private readonly recommendations: CaseEffect = {
    name: 'councilRecommendations',
    appliesTo: (transition) =>
      transition.after.caseType === COUNCIL_SESSION &&
      (transition.facts as KnownEventFacts).minutes !== undefined,
    apply: async ({ after, facts }, { sendSystemEvent }) => {
      const minutes = (facts as KnownEventFacts).minutes!;
      for (const item of recordedSession(after).tally ?? []) {
        const document: DocumentFact = {
          id: minutes.documentIds[item.caseId],
          code: MINUTES_DOCUMENT_CODE,
          sha256: minutes.sha256,
          size: minutes.size,
          mediaType: 'application/pdf',
          fileName: minutes.fileName,
        };
        await sendSystemEvent(
          item.caseId,
          item.recommended ? 'COUNCIL_RECOMMENDS' : 'COUNCIL_DOES_NOT_RECOMMEND',
          {
            sessionId: after.id,
            meetingDate: recordedSession(after).data.meetingDate,
            approve: item.approve,
            reject: item.reject,
            abstain: item.abstain,
            base: item.base,
            baseKind: item.baseKind,
            needed: item.needed,
            ratio: item.ratio,
            comparison: item.comparison,
            ballot: item.ballot,
            ruleSets: item.ruleSets,
            minutesSha256: minutes.sha256,
          },
          { document },
        );
      }
    },
  };

  /** A session that ends without minutes (cancelled) never opens its sealed ballots. */
  private readonly discardSealedBallots: CaseEffect = {
    name: 'councilDiscardSealedBallots',
    appliesTo: (transition) =>
      transition.after.caseType === COUNCIL_SESSION &&
      entered(transition, 'closed') &&
      (transition.facts as KnownEventFacts).minutes === undefined,
    apply: async ({ after }, { tx }) => this.ballots.discardIn(tx, after.id),
  };

  /** A session is of its own unit's council; the roster and the rules follow from that. */
  private readonly sessionOfItsUnitsCouncil: OpeningCheck = {
    name: 'sessionOfItsUnitsCouncil',
    appliesTo: (workflow) => workflow.definition.caseType === COUNCIL_SESSION,
    check: async ({ subject, data }) => {
      const { councilId } = data as unknown as CouncilSessionData;
      const council = await this.council.councilById(councilId);
      if (council === null || subject.kind !== 'unit' || council.unitId !== subject.id) {
        throw new AppError(
          'CASE.INVALID_DATA',
          'unprocessable',
          'data.councilId: no council of this unit has that id (see GET /api/v1/councils).',
          { problems: ['data/councilId must be a council of the session’s unit'] },
          {
            vi: 'Đơn vị này không có hội đồng với mã đã chọn (xem GET /api/v1/councils).',
            en: 'This unit has no council with that id (see GET /api/v1/councils).',
          },
        );
      }
    },
  };
}

/**
 * The minutes enter a session only through the close (POST /council-sessions/{id}/close), which
 * renders them from the count and supplies this fact; sent any other way, the guard refuses.
 */
const MINUTES_FROM_THE_CLOSE: FactProvider = {
  name: 'minutes',
  prepare: () => ({ resolve: () => undefined }),
};
