import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { NominationsModule } from './nominations/nominations.module';
import { NotificationsModule } from './notifications/notifications.module';
import { CouncilsModule } from './councils/councils.module';
import { MovementsModule } from './movements/movements.module';
import { ViolationStatisticsModule } from './violations/statistics/violation-statistics.module';
import { VotingRosterModule } from './violations/voting-roster/voting-roster.module';
import { RegistrationsModule } from './registrations/registrations.module';
import { ProposalsModule } from './proposals/proposals.module';
import { RatingsModule } from './ratings/ratings.module';
import { EvaluationModule } from './evaluation/evaluation.module';
import { WORKFLOW_PLUGINS } from './workflow-plugins';
import { CatalogueModule } from './catalogue/catalogue.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { OrganisationModule } from './organisation/organisation.module';
import { AuthoritiesModule } from './authorities/authorities.module';
import { PersistenceModule } from './persistence/persistence.module';
import { UsersModule } from './users/users.module';
import { WorkflowsModule } from './workflows/workflows.module';
import { WorkersModule } from './workers/workers.module';
import { DocumentsModule } from './documents/documents.module';

@Module({})
export class AppModule {
  /** Built on demand so the environment is read when the app starts, not when this file loads. */
  static forRoot(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(),
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          // The root logger only: requests are logged by a Fastify hook (src/common/request-log.ts),
          // without nestjs-pino's per-request middleware (a child logger and an AsyncLocalStorage
          // context on every request), so it is bound to no route.
          useFactory: (config: AppConfig) => ({
            forRoutes: [],
            pinoHttp: { level: config.logLevel },
          }),
        }),
        PersistenceModule,
        WorkersModule,
        DocumentsModule,
        WorkflowsModule,
        CatalogueModule,
        AuthModule,
        OrganisationModule,
        AuthoritiesModule,
        UsersModule,
        ImportsModule,
        CasesModule,
        NotificationsModule,
        NominationsModule,
        CouncilsModule,
        MovementsModule,
        ViolationStatisticsModule,
        VotingRosterModule,
        RegistrationsModule,
        ProposalsModule,
        RatingsModule,
        EvaluationModule,
        ...WORKFLOW_PLUGINS,
        DeadlinesModule,
        HealthModule,
        AuditModule,
      ],
    };
  }
}
