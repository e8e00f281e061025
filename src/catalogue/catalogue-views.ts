import type { SubjectKind } from '../domain/rules/rule-set';
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

/** The case subject kind (POST /cases `subject.kind`) each rule-set subject kind is nominated as. */
const NOMINEE_KIND: Record<SubjectKind, 'person' | 'unit'> = {
  individual: 'person',
  collective: 'unit',
};

/**
 * The awards of one rule set, for pickers, labels and the "new nomination" screen: who may be
 * nominated and which dossier documents the award requires (those SUBMIT checks), so they can be
 * shown before the first submit. The details are in ruleSetDetail.
 */
export function awardCatalogue(loaded: LoadedRuleSet) {
  const { ruleSet } = loaded;
  const authorities = new Map(ruleSet.authorities.map((a) => [a.code, a]));
  const documents = new Map(ruleSet.documents.map((d) => [d.code, d]));
  const document = (code: string) => ({ code, name: documents.get(code)!.name });
  return {
    ruleSet: ruleSetSummary(loaded),
    items: ruleSet.awards.map((award) => ({
      code: award.code,
      name: award.name,
      alsoCalled: award.alsoCalled ?? [],
      kind: award.kind,
      subjects: award.subjects,
      nomineeKinds: award.subjects.map((subject) => NOMINEE_KIND[subject]),
      dossier: {
        documents: award.dossier.documents.map(document),
        conditional: (award.dossier.conditional ?? []).map((c) => ({
          ...document(c.document),
          when: c.when,
        })),
      },
      publicNotice: {
        required: award.publicNotice.required,
        workingDays: award.publicNotice.workingDays ?? null,
      },
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
