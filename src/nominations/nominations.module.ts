import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { CasesModule } from '../cases/cases.module';
import { CommendationPluginModule } from './commendation-plugin.module';
import { AwardOutputsService } from './award-outputs.service';
import { AwardDecisionDocuments } from './award-decision-document';
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
import { Clock } from '../common/clock';
import { Database } from '../persistence/database';
import { ObjectionsService } from './objections.service';
import { publicRateLimits } from './public-rate-limits';
import { SealedEligibilityService } from './sealed-eligibility.service';
import { HoldReferencesService } from './hold-references.service';
import { HOLD_REFERENCES_REPOSITORY } from '../persistence/repositories/hold-references.repository';
import { SqlHoldReferencesRepository } from '../persistence/repositories/sql-hold-references.repository';

/** Commendation nominations: dossier documents, public notice and objections, outputs. */
@Module({
  imports: [
    CasesModule,
    CommendationPluginModule,
    // The public doors (objections, certificate checks) are limited per client address, counted
    // in the database so that every app instance shares the count.
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, Database, Clock],
      useFactory: publicRateLimits,
    }),
  ],
  controllers: [NominationDocumentsController, AwardDecisionsController, PublicNoticesController],
  providers: [
    DossierDocumentsService,
    PublicNoticesService,
    CertificateChecksService,
    AwardOutputsService,
    AwardDecisionDocuments,
    AwardDecisionsService,
    EligibilityCheckService,
    ObjectionsService,
    SealedEligibilityService,
    HoldReferencesService,
    {
      provide: HOLD_REFERENCES_REPOSITORY,
      inject: [Database],
      useFactory: (database: Database) => new SqlHoldReferencesRepository(database),
    },
  ],
})
export class NominationsModule {}
