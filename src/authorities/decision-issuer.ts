import { AppError, fieldProblem } from '../common/errors';
import { formatDecisionNumber } from '../domain/discipline/competence';
import { normaliseName } from '../domain/text/fold';
import {
  authorityNames,
  formatOf,
  grantingUnitFor,
  type AuthorityChainLink,
} from '../domain/rules/granting-authority';
import type { Award, RuleSet } from '../domain/rules/rule-set';
import { capacityRefusal, signatureBlock, signingOf } from '../domain/rules/signing';
import type { DecisionAuthorityFact, DecisionSignerFact } from '../domain/workflow/event-facts';
import type { StoredUnit } from '../persistence/repositories/organisation.repository';
import type { UnitAuthoritiesRepository } from '../persistence/repositories/unit-authorities.repository';

/** Who issues an award decision, as what, in which number series, signed by whom. */
export interface DecisionIssuer {
  /** Absent: the issuing unit records no authority yet (State format, the unit's code). */
  authority?: DecisionAuthorityFact;
  signer?: DecisionSignerFact;
  format: 'party' | 'state';
  series: string;
}

/**
 * Whether a unit may issue an award decision, and how (issue 17 item 3). Transition rule: a unit
 * that records no authority yet issues as before (State format, its own code, no check), so an
 * organisation that has not filled in its authorities keeps working; once it records one, the
 * award must be one its authorities grant (else DECISION.NOT_COMPETENT), the number takes the
 * authority's format and the unit's series, and a named signer must sign for that authority in a
 * capacity allowed on award decisions.
 */
export async function decisionIssuerFor(
  authorities: Pick<UnitAuthoritiesRepository, 'activeAuthoritiesOf' | 'findSigner'>,
  ruleSet: RuleSet,
  unit: StoredUnit,
  award: Award | undefined,
  named: NamedSigner | undefined,
  chain: readonly AuthorityChainLink[] = [],
): Promise<DecisionIssuer> {
  const signerId = named?.id;
  const [recorded] = await authorities.activeAuthoritiesOf([unit.id]);
  const active = recorded?.authorities ?? [];
  if (active.length === 0) {
    if (signerId !== undefined) throw signerNotAllowed(signerId, noAuthorityMessage(unit));
    return { format: 'state', series: unit.code };
  }
  const grantors = award?.grantor.authorities ?? [];
  const competent = grantors
    .map((code) => active.find((row) => row.authorityCode === code))
    .filter((row) => row !== undefined)
    .map((row) => ({
      row,
      authority: ruleSet.authorities.find((a) => a.code === row.authorityCode),
    }))
    .filter((c) => c.authority !== undefined);
  if (award === undefined || competent.length === 0) {
    throw notCompetent(ruleSet, award, unit, chain);
  }
  let chosen = competent[0];
  let signer: DecisionSignerFact | undefined;
  if (signerId !== undefined) {
    const stored = await authorities.findSigner(signerId);
    if (stored === null || !stored.active || stored.unitId !== unit.id) {
      throw signerNotAllowed(signerId, {
        vi: `Người ký ${signerId} không phải người ký đang có hiệu lực của ${unit.name}.`,
        en: `Signer ${signerId} is not an active signer of ${unit.name}.`,
      });
    }
    const match = competent.find((c) => c.row.authorityCode === stored.authorityCode);
    if (match === undefined) {
      throw signerNotAllowed(signerId, {
        vi: `${stored.fullName} ký cho thẩm quyền "${stored.authorityCode}", không phải thẩm quyền quyết định ${award.name.vi}.`,
        en: `${stored.fullName} signs for "${stored.authorityCode}", not for an authority that grants ${award.name.en}.`,
      });
    }
    const refusal = capacityRefusal(signingOf(match.authority!), stored.capacity, 'award_decision');
    if (refusal !== null) throw signerNotAllowed(signerId, refusal.message);
    // The decision prints the registered signer's name: the name the caller typed must be theirs.
    if (!normaliseName(named!.name).includes(normaliseName(stored.fullName))) {
      throw signerNameMismatch(named!.name, stored.fullName);
    }
    chosen = match;
    const block = signatureBlock({
      fullName: stored.fullName,
      position: stored.positionVi,
      capacity: stored.capacity,
      onBehalfOf: stored.onBehalfOf,
      authorityCode: stored.authorityCode,
    });
    signer = {
      id: stored.id,
      fullName: stored.fullName,
      position: { vi: stored.positionVi, en: stored.positionEn },
      capacity: stored.capacity,
      titleLines: block.title,
    };
  }
  const format = formatOf(chosen.authority!);
  return {
    authority: { code: chosen.row.authorityCode, format, series: chosen.row.seriesCode },
    ...(signer === undefined ? {} : { signer }),
    format,
    series: chosen.row.seriesCode,
  };
}

/** The number as printed: "12-QĐ/ĐUK" (Party) or "12/QĐ-CTĐL" (State). */
export function issuedNumber(issuer: DecisionIssuer, sequence: number): string {
  return formatDecisionNumber(issuer.format, sequence, issuer.series);
}

/**
 * The units from `unit` up to the root, nearest first, with the authorities each acts as; empty
 * when none of them records any (the eligibility check then leaves the grantor to a person).
 */
export async function authorityChainFrom(
  authorities: Pick<UnitAuthoritiesRepository, 'activeAuthorityChainOf'>,
  unitId: string | null,
): Promise<AuthorityChainLink[]> {
  if (unitId === null) return [];
  const links = await authorities.activeAuthorityChainOf(unitId);
  if (links.every((link) => link.authorities.length === 0)) return [];
  return links.map((link) => ({
    unitId: link.unitId,
    unitName: link.unitName,
    authorities: link.authorities.map((a) => a.authorityCode),
  }));
}

function notCompetent(
  ruleSet: RuleSet,
  award: Award | undefined,
  unit: StoredUnit,
  chain: readonly AuthorityChainLink[],
): AppError {
  if (award === undefined) {
    return new AppError(
      'DECISION.NOT_COMPETENT',
      'unprocessable',
      `${unit.name} may not grant an award the rule set does not know.`,
      { issuingUnitId: unit.id },
      {
        vi: `${unit.name} không có thẩm quyền quyết định khen thưởng không có trong bộ quy tắc.`,
        en: `${unit.name} may not grant an award the rule set does not know.`,
      },
    );
  }
  const judgement = grantingUnitFor(ruleSet, award, chain, unit.id);
  const names = authorityNames(judgement.authorities);
  const where =
    judgement.unitName !== undefined && judgement.unitId !== unit.id
      ? { vi: ` (trong tổ chức này: ${judgement.unitName})`, en: ` (here: ${judgement.unitName})` }
      : { vi: '', en: '' };
  return new AppError(
    'DECISION.NOT_COMPETENT',
    'unprocessable',
    `${unit.name} may not grant ${award.name.en}: it is granted by the ${names.en}${where.en}; the nomination must be proposed to that level.`,
    {
      issuingUnitId: unit.id,
      awardCode: award.code,
      grantors: award.grantor.authorities,
      ...(judgement.unitId === undefined ? {} : { grantingUnitId: judgement.unitId }),
    },
    {
      vi: `${unit.name} không có thẩm quyền quyết định ${award.name.vi}: thẩm quyền thuộc ${names.vi}${where.vi}; cần trình đề nghị lên cấp đó.`,
      en: `${unit.name} may not grant ${award.name.en}: it is granted by the ${names.en}${where.en}; the nomination must be proposed to that level.`,
    },
  );
}

function noAuthorityMessage(unit: StoredUnit) {
  return {
    vi: `${unit.name} chưa được ghi nhận thẩm quyền nào, nên chưa có người ký.`,
    en: `${unit.name} records no authority yet, so it has no signers.`,
  };
}

/** The registered signer a decision names (`signerId`), with the signer as the caller wrote it. */
export interface NamedSigner {
  id: string;
  /** `decision.signer`: must contain the registered signer's full name, exactly. */
  name: string;
}

function signerNameMismatch(written: string, registered: string): AppError {
  const message = {
    vi: `Người ký ghi trên quyết định ("${written}") không phải người ký đã chọn (${registered}): quyết định in tên người ký đã đăng ký, nên tên ghi phải có "${registered}".`,
    en: `The signer written on the decision ("${written}") is not the registered signer chosen (${registered}): the decision prints the registered signer's name, so the name written must contain "${registered}".`,
  };
  return new AppError(
    'DECISION.SIGNER_MISMATCH',
    'unprocessable',
    message.en,
    { errors: [fieldProblem('decision.signer', message)], registered },
    message,
  );
}

function signerNotAllowed(signerId: string, message: { vi: string; en: string }): AppError {
  return new AppError(
    'DECISION.SIGNER_NOT_ALLOWED',
    'unprocessable',
    message.en,
    { errors: [fieldProblem('decision.signerId', message)], signerId },
    message,
  );
}
