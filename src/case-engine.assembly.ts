import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CaseCommands } from './cases/case-commands.service';
import { CaseQueries } from './cases/case-queries.service';
import { CaseEffects } from './cases/plugins/case-effects';
import { CaseListFacets } from './cases/plugins/case-list-facets';
import { FactProviders } from './cases/plugins/fact-providers';
import { OpeningChecks } from './cases/plugins/opening-checks';
import type { Clock } from './common/clock';
import type { WorkingDayCalendar } from './domain/calendar/working-day-calendar';
import {
  loadViolationCategories,
  type ViolationCategoryCatalogue,
} from './domain/discipline/violation-categories';
import type { RuleSetCatalogue } from './domain/rules/rule-set-catalogue';
import type { WorkflowCatalogue } from './domain/workflow/workflow-catalogue';
import { CommendationFacts } from './nominations/commendation-facts.service';
import { CommendationPlugin } from './nominations/commendation.plugin';
import { DossierDocumentsService } from './nominations/dossier-documents.service';
import type { CasesRepository } from './persistence/repositories/cases.repository';
import type { HistoricalAwardsRepository } from './persistence/repositories/historical-awards.repository';
import type { OrganisationRepository } from './persistence/repositories/organisation.repository';
import { ViolationPlugin } from './violations/violation.plugin';
import { SqlAnnualRatingsRepository } from './persistence/repositories/sql-annual-ratings.repository';
import { SqlUnitAuthoritiesRepository } from './persistence/repositories/sql-unit-authorities.repository';
import { MovementPlugin } from './movements/movement.plugin';
import { loadShippedEmulationCriteria } from './movements/emulation-criteria.provider';
import { RegistrationPlugin } from './registrations/registration.plugin';
import { ProposalPlugin } from './proposals/proposal.plugin';
import { BallotSealer } from './councils/ballot-sealing';
import { CouncilFacts } from './councils/council-facts.service';
import { CouncilPlugin } from './councils/council.plugin';
import type { Database } from './persistence/database';
import { SqlBallotBox } from './persistence/repositories/sql-ballot-box.repository';
import { SqlCouncilsRepository } from './persistence/repositories/sql-councils.repository';
import type { UsersRepository } from './persistence/repositories/users.repository';
import { NotificationEffect } from './notifications/notification.effect';
import { TimerScheduleEffect } from './deadlines/timer-schedule.effect';
import { NotificationOutbox } from './notifications/notification-outbox';
import { NotificationSettings } from './notifications/notification-settings';

export interface CaseEngineParts {
  cases: CasesRepository;
  organisation: OrganisationRepository;
  historicalAwards: HistoricalAwardsRepository;
  users: UsersRepository;
  /** For the repositories the plug-ins keep to themselves (councils, ballots). */
  database: Database;
  workflows: WorkflowCatalogue;
  ruleSets: RuleSetCatalogue;
  calendar: WorkingDayCalendar;
  clock: Clock;
  /** Default: the shipped catalogue (data/catalogues/violation-categories.json). */
  violationCategories?: ViolationCategoryCatalogue;
  /** Default: e-mail off (every notification is an inbox row only), links to localhost. */
  notifications?: NotificationSettings;
}

const SHIPPED_VIOLATION_CATEGORIES = 'data/catalogues/violation-categories.json';

/**
 * The engine with every shipped plug-in registered, without NestJS: what the modules wire at
 * start-up, for the benchmarks and the tests that drive the services directly. Checks, as start-up
 * does, that every fact a workflow declares has a provider.
 */
export function assembleCaseEngine(parts: CaseEngineParts) {
  const { cases, organisation, workflows, ruleSets, clock } = parts;
  const facts = new FactProviders(workflows);
  const effects = new CaseEffects();
  const openingChecks = new OpeningChecks();
  const listFacets = new CaseListFacets();
  const violationCategories =
    parts.violationCategories ??
    loadViolationCategories({
      source: SHIPPED_VIOLATION_CATEGORIES,
      text: readFileSync(SHIPPED_VIOLATION_CATEGORIES, 'utf8'),
    });
  const commendation = new CommendationFacts(
    cases,
    organisation,
    parts.historicalAwards,
    workflows,
    ruleSets,
    clock,
    new SqlAnnualRatingsRepository(parts.database),
    new SqlUnitAuthoritiesRepository(parts.database),
    violationCategories,
  );
  new CommendationPlugin(
    commendation,
    parts.calendar,
    facts,
    effects,
    openingChecks,
    listFacets,
    cases,
  ).onModuleInit();
  // Sessions opened here never outlive the process: a fresh sealing key serves.
  const ballots = new SqlBallotBox(parts.database, new BallotSealer(randomBytes(32)));
  const council = new CouncilFacts(
    new SqlCouncilsRepository(parts.database),
    organisation,
    parts.users,
    cases,
    workflows,
    ruleSets,
    commendation,
  );
  new CouncilPlugin(council, ballots, facts, effects, openingChecks).onModuleInit();
  new ViolationPlugin(
    ruleSets,
    facts,
    openingChecks,
    council,
    organisation,
    parts.calendar,
    violationCategories,
    new SqlUnitAuthoritiesRepository(parts.database),
  ).onModuleInit();
  new RegistrationPlugin(
    facts,
    openingChecks,
    cases,
    organisation,
    workflows,
    effects,
  ).onModuleInit();
  new ProposalPlugin(
    facts,
    openingChecks,
    effects,
    cases,
    organisation,
    new SqlUnitAuthoritiesRepository(parts.database),
    workflows,
    ruleSets,
    parts.database,
  ).onModuleInit();
  new MovementPlugin(
    facts,
    openingChecks,
    effects,
    cases,
    organisation,
    workflows,
    ruleSets,
    loadShippedEmulationCriteria(),
  ).onModuleInit();
  const notificationSettings =
    parts.notifications ?? new NotificationSettings(false, 'http://localhost:3000');
  const outbox = new NotificationOutbox(parts.database, clock, notificationSettings);
  new NotificationEffect(effects, outbox, notificationSettings).onModuleInit();
  new TimerScheduleEffect(
    effects,
    ruleSets,
    parts.calendar,
    parts.database,
    outbox,
    notificationSettings,
  ).onModuleInit();
  facts.assertServes(workflows);
  const commands = new CaseCommands(
    cases,
    organisation,
    workflows,
    ruleSets,
    clock,
    facts,
    effects,
    openingChecks,
  );
  const queries = new CaseQueries(cases, workflows);
  const documents = new DossierDocumentsService(commands, queries, cases, commendation, clock);
  return { commands, queries, documents, commendation, facts, effects, outbox };
}
