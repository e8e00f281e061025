import { Injectable, type OnModuleInit } from '@nestjs/common';
import { toVietnameseDate } from '../domain/calendar/iso-date';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import type { DisciplineFormsFact } from '../domain/workflow/event-facts';
import { AppError } from '../common/errors';
import { FactProviders } from '../cases/plugins/fact-providers';
import { OpeningChecks, type OpeningCheck } from '../cases/plugins/opening-checks';

/**
 * A violation cannot have happened after the day it is reported; one dated in the future (a typo)
 * could never be concluded, since its conclusion may not precede it.
 */
const OCCURRED_IN_THE_PAST: OpeningCheck = {
  name: 'violationOccurredInThePast',
  appliesTo: (workflow) => workflow.definition.caseType === 'violation',
  check: ({ data, today }) => {
    const occurredOn = data.occurredOn;
    if (typeof occurredOn === 'string' && occurredOn > today) {
      throw new AppError(
        'CASE.INVALID_DATA',
        'unprocessable',
        `The violation cannot have occurred after today (${occurredOn} > ${today}).`,
        { problems: [`data/occurredOn may not be after today (${today})`] },
        {
          vi: `Ngày xảy ra vi phạm (${toVietnameseDate(occurredOn)}) không được sau ngày hôm nay (${toVietnameseDate(today)}).`,
          en: `The violation cannot have occurred after today (${occurredOn} > ${today}).`,
        },
      );
    }
  },
};

/** The violation workflow's plug-in: the discipline forms a decision may choose from. */
@Injectable()
export class ViolationPlugin implements OnModuleInit {
  constructor(
    private readonly ruleSets: RuleSetCatalogue,
    private readonly facts: FactProviders,
    private readonly openingChecks: OpeningChecks,
  ) {}

  onModuleInit(): void {
    this.facts.register({
      name: 'disciplineForms',
      prepare: ({ today }) => ({ resolve: () => this.disciplineForms(today) }),
    });
    this.openingChecks.register(OCCURRED_IN_THE_PAST);
  }

  /** Which discipline forms the rule set in force knows for each subject type. */
  private disciplineForms(today: string): DisciplineFormsFact {
    return Object.fromEntries(
      this.ruleSets
        .latest(today)
        .ruleSet.discipline.subjects.map((subject) => [
          subject.code,
          subject.forms.map((f) => f.form),
        ]),
    );
  }
}
