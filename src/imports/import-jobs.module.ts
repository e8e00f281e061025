import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Database } from '../persistence/database';
import { IMPORT_JOBS_REPOSITORY } from '../persistence/repositories/import-jobs.repository';
import { SqlImportJobsRepository } from '../persistence/repositories/import-jobs.sql';
import { ImportBatchWriter } from './import-batch-writer';
import { ImportJobRunner } from './import-job-runner';
import { IMPORT_LIMITS, importLimitsFrom } from './import-limits';
import { ImportRegistry } from './import-registry';
import { ImportsService } from './imports.service';

/** Imports as jobs, without HTTP: what the API (ImportsModule) and the command line share. */
@Module({
  providers: [
    {
      provide: IMPORT_JOBS_REPOSITORY,
      inject: [Database],
      useFactory: (database: Database) => new SqlImportJobsRepository(database),
    },
    { provide: IMPORT_LIMITS, inject: [AppConfig], useFactory: importLimitsFrom },
    ImportRegistry,
    ImportBatchWriter,
    ImportJobRunner,
    ImportsService,
  ],
  exports: [ImportsService],
})
export class ImportJobsModule {}
