import { Module } from '@nestjs/common';
import { CaseEngineModule } from '../cases/case-engine.module';
import { RegistrationsController } from './registrations.controller';
import { RegistrationsService } from './registrations.service';

/** Emulation registrations over HTTP: bulk registration and the consolidated list (JSON, XLSX). */
@Module({
  imports: [CaseEngineModule],
  controllers: [RegistrationsController],
  providers: [RegistrationsService],
})
export class RegistrationsModule {}
