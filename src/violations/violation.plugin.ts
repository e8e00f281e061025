import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import type { DisciplineFormsFact } from '../domain/workflow/event-facts';
import { FactProviders } from '../cases/plugins/fact-providers';

/** The violation workflow's plug-in: the discipline forms a decision may choose from. */
@Injectable()
export class ViolationPlugin implements OnModuleInit {
  constructor(
    private readonly ruleSets: RuleSetCatalogue,
    private readonly facts: FactProviders,
  ) {}

  onModuleInit(): void {
    this.facts.register({
      name: 'disciplineForms',
      prepare: ({ today }) => ({ resolve: () => this.disciplineForms(today) }),
    });
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
