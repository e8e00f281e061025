import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import { CatalogueController } from './catalogue.controller';
import { readRuleSetFiles } from './rule-set-files';
import { WORKING_DAY_CALENDAR, workingDayCalendarProvider } from './calendar.provider';
import { VIOLATION_CATEGORIES, violationCategoriesProvider } from './violation-categories.provider';

/**
 * Loads and validates every rule set, the working-day calendar and the violation categories at start-up: one bad file and
 * the server refuses to start.
 */
@Global()
@Module({
  controllers: [CatalogueController],
  providers: [
    {
      provide: RuleSetCatalogue,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        RuleSetCatalogue.load(readRuleSetFiles(config.ruleSetsDir)),
    },
    workingDayCalendarProvider,
    violationCategoriesProvider,
  ],
  exports: [RuleSetCatalogue, WORKING_DAY_CALENDAR, VIOLATION_CATEGORIES],
})
export class CatalogueModule {}
