import { useCallback, useMemo } from 'react';
import { useLoad } from '../../components/useLoad';
import { loadRuleSetInForce } from '../../components/case/caseApi';
import { fill, useLocalize, useMessages } from '../../i18n/language';
import type { DisciplineRuleSet, ViolationDecision } from './api';
import { disciplineMessages } from './discipline.messages';

/** The rule set in force, read for its discipline part (bodies, subject types, forms, competence). */
export function useDisciplineRules() {
  const loaded = useLoad(
    async () => (await loadRuleSetInForce()) as unknown as DisciplineRuleSet,
    'ruleset-in-force',
  );
  return loaded;
}

/** Names of the rule set's codes (bodies, subject types, forms) and a decision's outcome. */
export function useDisciplineNames(ruleSet: DisciplineRuleSet | undefined) {
  const t = useMessages(disciplineMessages);
  const localize = useLocalize();
  const discipline = ruleSet?.discipline;
  const maps = useMemo(
    () => ({
      bodies: new Map((discipline?.bodies ?? []).map((body) => [body.code, body.name])),
      forms: new Map((discipline?.forms ?? []).map((form) => [form.code, form.name])),
      subjects: new Map(
        (discipline?.subjects ?? []).map((subject) => [subject.code, subject.name]),
      ),
    }),
    [discipline],
  );
  const body = useCallback(
    (code: string) => (maps.bodies.has(code) ? localize(maps.bodies.get(code)) : code),
    [maps, localize],
  );
  const form = useCallback(
    (code: string | null | undefined) =>
      code ? (maps.forms.has(code) ? localize(maps.forms.get(code)) : code) : '',
    [maps, localize],
  );
  const subjectType = useCallback(
    (code: string) => (maps.subjects.has(code) ? localize(maps.subjects.get(code)) : code),
    [maps, localize],
  );
  /** "Kỷ luật: Cảnh cáo", "Nhắc nhở". */
  const outcome = useCallback(
    (decision: Pick<ViolationDecision, 'outcome' | 'form'>) =>
      decision.outcome === 'discipline'
        ? `${t.outcome_discipline}: ${form(decision.form)}`
        : t[`outcome_${decision.outcome}`],
    [t, form],
  );
  const ratio = useCallback(
    (fraction: { numerator: number; denominator: number; comparison: 'gt' | 'gte' }) =>
      fill(fraction.comparison === 'gt' ? t.ratioGt : t.ratioGte, {
        n: fraction.numerator,
        d: fraction.denominator,
      }),
    [t],
  );
  return { body, form, subjectType, outcome, ratio };
}
