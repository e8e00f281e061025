import type { Localized } from '../localized';
import type { Authority, Award, RuleSet } from './rule-set';

/**
 * Who grants an award to a nominee (issue 17; Law 06/2022 Art 80, HD 06-HD/TW point 19.2): the
 * nearest unit, from the nominee's own unit upwards, that acts as one of the authorities the rule
 * set names for the award. Units record the authorities they act as (a Party committee's standing
 * committee, an enterprise's director…); this module is the pure judgement over that record.
 */

/** One unit of the chain from the nominee's unit (a collective: its own unit) up to the root. */
export interface AuthorityChainLink {
  unitId: string;
  unitName: string;
  /** Codes of the rule set's `authorities` the unit acts as. */
  authorities: string[];
}

/**
 * - `own`: the nominating unit itself grants it;
 * - `upward`: a unit above the nominating unit grants it (the nomination goes up to it);
 * - `below`: a unit between the nominee and the nominating unit grants it, so that unit (not the
 *   nominating one) must nominate and decide;
 * - `outside`: no unit of this organisation acts as a granting authority: it is proposed to the
 *   competent level outside the system.
 */
export type GrantingRoute = 'own' | 'upward' | 'below' | 'outside';

export interface GrantingJudgement {
  route: GrantingRoute;
  /** The granting unit and the authority it grants as (absent for `outside`). */
  unitId?: string;
  unitName?: string;
  authority?: Authority;
  /** Every authority the rule set names for the award (for the words of a refusal or a proposal). */
  authorities: Authority[];
}

export function grantingUnitFor(
  ruleSet: RuleSet,
  award: Award,
  chain: readonly AuthorityChainLink[],
  nominatingUnitId: string,
): GrantingJudgement {
  const authorities = award.grantor.authorities
    .map((code) => ruleSet.authorities.find((a) => a.code === code))
    .filter((a): a is Authority => a !== undefined);
  const nominatingIndex = chain.findIndex((link) => link.unitId === nominatingUnitId);
  for (const [index, link] of chain.entries()) {
    const authority = authorities.find((a) => link.authorities.includes(a.code));
    if (authority === undefined) continue;
    const route: GrantingRoute =
      nominatingIndex === -1 || index > nominatingIndex
        ? 'upward'
        : index === nominatingIndex
          ? 'own'
          : 'below';
    return { route, unitId: link.unitId, unitName: link.unitName, authority, authorities };
  }
  return { route: 'outside', authorities };
}

/** The authority's document format (absent in rule sets before v5: state). */
export function formatOf(authority: Pick<Authority, 'format'>): 'party' | 'state' {
  return authority.format ?? 'state';
}

/** "A, B or C" in each language, for the names of the authorities that may grant an award. */
export function authorityNames(authorities: readonly Authority[]): Localized {
  const join = (names: string[], or: string) =>
    names.length <= 1
      ? (names[0] ?? '')
      : `${names.slice(0, -1).join(', ')} ${or} ${names[names.length - 1]}`;
  return {
    vi: join(
      authorities.map((a) => a.name.vi),
      'hoặc',
    ),
    en: join(
      authorities.map((a) => a.name.en),
      'or',
    ),
  };
}
