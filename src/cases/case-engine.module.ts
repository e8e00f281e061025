import { Module } from '@nestjs/common';
import { CaseCommands } from './case-commands.service';
import { CaseQueries } from './case-queries.service';
import { CaseEffects } from './plugins/case-effects';
import { FactProviders } from './plugins/fact-providers';
import { OpeningChecks } from './plugins/opening-checks';

/**
 * The engine, without HTTP (the command line uses it too). It knows no workflow: plug-in modules
 * (nominations, violations…) import it and register their fact providers, effects and opening
 * checks at start-up; the facts every workflow declares are checked against them once all are in.
 */
@Module({
  providers: [CaseCommands, CaseQueries, FactProviders, CaseEffects, OpeningChecks],
  exports: [CaseCommands, CaseQueries, FactProviders, CaseEffects, OpeningChecks],
})
export class CaseEngineModule {}
