import { Module } from '@nestjs/common';
import { CaseEngineModule } from './case-engine.module';
import { CasesController } from './cases.controller';

/** The engine's HTTP routes: open a case, send it events, read it, its history, verify it. */
@Module({
  imports: [CaseEngineModule],
  controllers: [CasesController],
  exports: [CaseEngineModule],
})
export class CasesModule {}
