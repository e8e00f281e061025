import { Module } from '@nestjs/common';
import { CaseCommands } from './case-commands.service';
import { CaseListQueries } from './case-list.service';
import { CaseQueries } from './case-queries.service';
import { CaseListFacets } from './plugins/case-list-facets';
import { CaseEffects } from './plugins/case-effects';
import { CaseReadObservers } from './plugins/case-reads';
import { FactProviders } from './plugins/fact-providers';
import { OpeningChecks } from './plugins/opening-checks';

/**
 * The engine, without HTTP (the command line uses it too). It knows no workflow: plug-in modules
 * (nominations, violations…) import it and register their fact providers, effects, opening
 * checks, list describers and case-read observers at start-up; the facts every workflow declares
 * are checked against them once all are in.
 */
@Module({
  providers: [
    CaseCommands,
    CaseQueries,
    CaseListQueries,
    FactProviders,
    CaseEffects,
    OpeningChecks,
    CaseListFacets,
    CaseReadObservers,
  ],
  exports: [
    CaseCommands,
    CaseQueries,
    CaseListQueries,
    FactProviders,
    CaseEffects,
    OpeningChecks,
    CaseListFacets,
    CaseReadObservers,
  ],
})
export class CaseEngineModule {}
