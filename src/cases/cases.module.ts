import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { CommendationFacts } from '../nominations/commendation-facts.service';

@Module({
  controllers: [CasesController],
  providers: [CasesService, CommendationFacts],
  exports: [CasesService, CommendationFacts],
})
export class CasesModule {}
