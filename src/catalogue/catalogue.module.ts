import { resolve } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import { CatalogueController } from './catalogue.controller';
import { readRuleSetFiles } from './rule-set-files';

/** Where the rule sets live, from the directory the server starts in (as WORKFLOWS_DIR's default). */
const RULESETS_DIR = 'data/rulesets';

/** Loads and validates every rule set at start-up: one bad file and the server refuses to start. */
@Global()
@Module({
  controllers: [CatalogueController],
  providers: [
    {
      provide: RuleSetCatalogue,
      useFactory: () =>
        RuleSetCatalogue.load(readRuleSetFiles(resolve(process.cwd(), RULESETS_DIR))),
    },
  ],
  exports: [RuleSetCatalogue],
})
export class CatalogueModule {}
