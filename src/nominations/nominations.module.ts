import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { CasesModule } from '../cases/cases.module';
import { CommendationPluginModule } from './commendation-plugin.module';
import { AwardOutputsService } from './award-outputs.service';
import { DossierDocumentsService } from './dossier-documents.service';
import { EligibilityCheckService } from './eligibility-check.service';
import {
  AwardDecisionsController,
  NominationDocumentsController,
  PublicNoticesController,
} from './nominations.controller';
import { AwardDecisionsService } from './award-decisions.service';
import { PublicNoticesService } from './public-notices.service';
import { CertificateChecksService } from './certificate-checks.service';

/** Commendation nominations: dossier documents, public notice and objections, outputs. */
@Module({
  imports: [
    CasesModule,
    CommendationPluginModule,
    // Public writes (objections) are limited per client address; nothing else is throttled here.
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => [{ ttl: 60_000, limit: config.publicObjectionsPerMinute }],
    }),
  ],
  controllers: [NominationDocumentsController, AwardDecisionsController, PublicNoticesController],
  providers: [
    DossierDocumentsService,
    PublicNoticesService,
    CertificateChecksService,
    AwardOutputsService,
    AwardDecisionsService,
    EligibilityCheckService,
  ],
})
export class NominationsModule {}
