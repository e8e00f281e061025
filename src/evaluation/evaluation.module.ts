import { Module } from '@nestjs/common';
import { EvaluationSheetController } from './evaluation-sheet.controller';
import { EvaluationSheetService } from './evaluation-sheet.service';

/** The annual evaluation sheet over HTTP (JSON and XLSX). */
@Module({
  controllers: [EvaluationSheetController],
  providers: [EvaluationSheetService],
})
export class EvaluationModule {}
