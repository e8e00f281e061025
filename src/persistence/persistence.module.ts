import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { createDataSource } from './data-source';
import { Database } from './database';
import { AUDIT_TRAIL_REPOSITORY } from './repositories/audit-trail.repository';
import { CASES_REPOSITORY } from './repositories/cases.repository';
import { TypeOrmAuditTrailRepository } from './repositories/typeorm-audit-trail.repository';
import { withLedgerCheckpoints } from './repositories/checkpoint-audit-trail';
import {
  CHECKPOINT_LEDGER,
  type CheckpointLedger,
} from './repositories/checkpoint-ledger.repository';
import { SqlCheckpointLedger } from './repositories/checkpoint-ledger-sql.repository';
import { HISTORICAL_AWARDS_REPOSITORY } from './repositories/historical-awards.repository';
import { ANNUAL_RATINGS_REPOSITORY } from './repositories/annual-ratings.repository';
import { SqlAnnualRatingsRepository } from './repositories/sql-annual-ratings.repository';
import { TypeOrmCasesRepository } from './repositories/typeorm-cases.repository';
import { TypeOrmHistoricalAwardsRepository } from './repositories/typeorm-historical-awards.repository';
import { LOGIN_THROTTLE_REPOSITORY } from './repositories/login-throttle.repository';
import { SqlLoginThrottleRepository } from './repositories/sql-login-throttle.repository';
import { ORGANISATION_REPOSITORY } from './repositories/organisation.repository';
import { TypeOrmOrganisationRepository } from './repositories/typeorm-organisation.repository';
import { SESSIONS_REPOSITORY } from './repositories/sessions.repository';
import { SqlSessionsRepository } from './repositories/sql-sessions.repository';
import { TypeOrmUsersRepository } from './repositories/typeorm-users.repository';
import { USERS_REPOSITORY } from './repositories/users.repository';
import { SqlUnitAuthoritiesRepository } from './repositories/sql-unit-authorities.repository';
import { UNIT_AUTHORITIES_REPOSITORY } from './repositories/unit-authorities.repository';

/** Opens the database, brings its schema up to date, and provides the repositories. */
@Global()
@Module({
  providers: [
    {
      provide: Database,
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        const dataSource = createDataSource(config.database);
        await dataSource.initialize();
        if (config.database.kind === 'postgres' && config.database.schema) {
          await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${config.database.schema}"`);
        }
        await dataSource.runMigrations();
        return new Database(dataSource);
      },
    },
    {
      provide: CASES_REPOSITORY,
      inject: [Database],
      useFactory: (database: Database) => new TypeOrmCasesRepository(database),
    },
    {
      provide: ORGANISATION_REPOSITORY,
      inject: [Database],
      useFactory: (database: Database) => new TypeOrmOrganisationRepository(database),
    },
    {
      provide: HISTORICAL_AWARDS_REPOSITORY,
      inject: [Database],
      useFactory: (database: Database) => new TypeOrmHistoricalAwardsRepository(database),
    },
    {
      // Read by the eligibility check of every workflow plug-in host (server, CLI, demo).
      provide: ANNUAL_RATINGS_REPOSITORY,
      inject: [Database],
      useFactory: (database: Database) => new SqlAnnualRatingsRepository(database),
    },
    {
      provide: CHECKPOINT_LEDGER,
      inject: [Database],
      useFactory: (database: Database) => new SqlCheckpointLedger(database),
    },
    {
      // Its checkpoints (listed and proved in exports) come from the checkpoint ledger.
      provide: AUDIT_TRAIL_REPOSITORY,
      inject: [Database, CHECKPOINT_LEDGER],
      useFactory: (database: Database, ledger: CheckpointLedger) =>
        withLedgerCheckpoints(new TypeOrmAuditTrailRepository(database), ledger),
    },
    {
      provide: LOGIN_THROTTLE_REPOSITORY,
      inject: [Database],
      useFactory: (database: Database) => new SqlLoginThrottleRepository(database),
    },
    {
      provide: SESSIONS_REPOSITORY,
      inject: [Database],
      useFactory: (database: Database) => new SqlSessionsRepository(database),
    },
    {
      provide: USERS_REPOSITORY,
      inject: [Database],
      useFactory: (database: Database) => new TypeOrmUsersRepository(database),
    },
    {
      // Read where an award decision is issued (server, command line, demo).
      provide: UNIT_AUTHORITIES_REPOSITORY,
      inject: [Database],
      useFactory: (database: Database) => new SqlUnitAuthoritiesRepository(database),
    },
  ],
  exports: [
    Database,
    ANNUAL_RATINGS_REPOSITORY,
    AUDIT_TRAIL_REPOSITORY,
    CASES_REPOSITORY,
    CHECKPOINT_LEDGER,
    HISTORICAL_AWARDS_REPOSITORY,
    LOGIN_THROTTLE_REPOSITORY,
    ORGANISATION_REPOSITORY,
    SESSIONS_REPOSITORY,
    UNIT_AUTHORITIES_REPOSITORY,
    USERS_REPOSITORY,
  ],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.stopBackgroundWork();
    if (this.database.dataSource.isInitialized) await this.database.dataSource.destroy();
  }
}
