import { Module } from '@nestjs/common';

/** Bulk import of units and people from CSV and XLSX (filled in by the imports work). */
@Module({})
export class ImportsModule {}
