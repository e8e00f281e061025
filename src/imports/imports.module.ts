import { Module } from '@nestjs/common';
import { ImportJobsModule } from './import-jobs.module';
import { ImportsController } from './imports.controller';

/** Bulk import of units, people and past awards from CSV and XLSX over HTTP (CLI: src/cli.ts). */
@Module({
  imports: [ImportJobsModule],
  controllers: [ImportsController],
})
export class ImportsModule {}
