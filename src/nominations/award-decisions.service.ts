import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/errors';
import type { Principal } from '../domain/org/principal';
import type { DecisionNumberFact } from '../domain/workflow/event-facts';
import { memberAccess } from '../cases/case-access';
import { CaseCommands, type EventCommand } from '../cases/case-commands.service';
import type { CaseView } from '../cases/case-view';
import { caseNotFound } from '../cases/case-errors';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import type { StoredUnit } from '../persistence/repositories/organisation.repository';
import type { DecisionIssuer } from '../authorities/decision-issuer';
import { CommendationFacts, NOMINATION } from './commendation-facts.service';

export interface AnnounceDecisionInput {
  caseIds: string[];
  /** `signerId`: a registered signer of the issuing unit (checked and recorded with the number). */
  decision: { date: string; signer: string; signerId?: string };
}

export interface AnnouncedDecision {
  decision: DecisionNumberFact & { date: string; signer: string };
  cases: CaseView[];
}

/** Roles that may announce (the nomination workflow's ANNOUNCE). */
const ANNOUNCERS = ['secretariat'] as const;

/**
 * One award decision for many nominations: one number, allocated once, and every listed case
 * announced under it in one transaction, or none of them.
 */
@Injectable()
export class AwardDecisionsService {
  constructor(
    private readonly cases: CaseCommands,
    @Inject(CASES_REPOSITORY) private readonly repository: CasesRepository,
    private readonly facts: CommendationFacts,
  ) {}

  async announce(principal: Principal, input: AnnounceDecisionInput): Promise<AnnouncedDecision> {
    const access = memberAccess(principal);
    const { signerId, ...decision } = input.decision;
    let issuingUnit: StoredUnit | null = null;
    let issuer: DecisionIssuer | null = null;
    for (const caseId of input.caseIds) {
      const stored = await this.repository.findById(caseId);
      if (!stored || !access.canSee(stored)) throw caseNotFound(caseId);
      if (stored.caseType !== NOMINATION) throw notANomination(caseId);
      const unit = await this.facts.issuingUnitFor(stored, principal, ANNOUNCERS);
      if (issuingUnit !== null && unit.id !== issuingUnit.id) {
        throw mixedIssuingUnits(issuingUnit, unit);
      }
      issuingUnit = unit;
      // Every award of the decision must be the unit's to grant, and as the same authority.
      const mine = await this.facts.decisionIssuer(
        stored,
        unit,
        signerId === undefined ? undefined : { id: signerId, name: decision.signer },
      );
      if (issuer !== null && mine.authority?.code !== issuer.authority?.code) {
        throw mixedAuthorities(unit);
      }
      issuer = mine;
    }
    if (issuingUnit === null || issuer === null) throw caseNotFound('');
    const unit = issuingUnit;
    const chosen = issuer;
    // The signer is recorded with the number (a fact), so the payload stays what every
    // nomination version accepts.
    const commands: EventCommand[] = input.caseIds.map((caseId) => ({
      caseId,
      type: 'ANNOUNCE',
      payload: { decision },
      access,
    }));
    let number: DecisionNumberFact | undefined;
    const views = await this.cases.applyEventsTogether(commands, {
      names: ['decisionNumber'],
      establish: async (tx) => {
        // The number runs in the year of the decision's date, which may be last year's.
        number = await this.facts.allocateDecisionNumber(tx, unit, decision.date, chosen);
        return { decisionNumber: number };
      },
    });
    return { decision: { ...number!, ...decision }, cases: views };
  }
}

function notANomination(caseId: string): AppError {
  return new AppError(
    'DECISION.NOT_A_NOMINATION',
    'unprocessable',
    `Case ${caseId} is not a nomination.`,
    { caseId },
    {
      vi: `Hồ sơ ${caseId} không phải đề nghị khen thưởng.`,
      en: `Case ${caseId} is not a nomination.`,
    },
  );
}

function mixedIssuingUnits(first: StoredUnit, other: StoredUnit): AppError {
  return new AppError(
    'DECISION.MIXED_ISSUING_UNITS',
    'unprocessable',
    `One decision is issued by one unit: these nominations would be decided by ${first.name} and by ${other.name}.`,
    { issuingUnits: [first.id, other.id] },
    {
      vi: `Một quyết định chỉ do một đơn vị ban hành: các đề nghị này thuộc thẩm quyền của ${first.name} và ${other.name}.`,
      en: `One decision is issued by one unit: these nominations would be decided by ${first.name} and by ${other.name}.`,
    },
  );
}

function mixedAuthorities(unit: StoredUnit): AppError {
  return new AppError(
    'DECISION.MIXED_AUTHORITIES',
    'unprocessable',
    `One decision is issued as one authority: ${unit.name} grants these awards as different authorities.`,
    { issuingUnitId: unit.id },
    {
      vi: `Một quyết định chỉ ban hành theo một thẩm quyền: ${unit.name} quyết định các khen thưởng này theo những thẩm quyền khác nhau.`,
      en: `One decision is issued as one authority: ${unit.name} grants these awards as different authorities.`,
    },
  );
}
