import type { LoadedRuleSet } from '../domain/rules/rule-set-catalogue';

export function ruleSetSummary({ ruleSet, hash }: LoadedRuleSet) {
  return {
    id: ruleSet.id,
    version: ruleSet.version,
    hash,
    validFrom: ruleSet.validFrom,
    title: ruleSet.title,
  };
}

/** The whole rule set as published: every value with its source and `confirmed` flag. */
export function ruleSetDetail(loaded: LoadedRuleSet) {
  const ruleSet = { ...loaded.ruleSet };
  delete ruleSet.$schema; // an editor hint, not part of the rules
  return { ...ruleSetSummary(loaded), ...ruleSet };
}

/** The awards of one rule set, for pickers and labels; the details are in ruleSetDetail. */
export function awardCatalogue(loaded: LoadedRuleSet) {
  const { ruleSet } = loaded;
  const authorities = new Map(ruleSet.authorities.map((a) => [a.code, a]));
  return {
    ruleSet: ruleSetSummary(loaded),
    items: ruleSet.awards.map((award) => ({
      code: award.code,
      name: award.name,
      alsoCalled: award.alsoCalled ?? [],
      kind: award.kind,
      subjects: award.subjects,
      grantor: {
        level: award.grantor.level,
        authorities: award.grantor.authorities.map((code) => ({
          code,
          name: authorities.get(code)!.name,
        })),
        confirmed: award.grantor.confirmed,
      },
    })),
  };
}
