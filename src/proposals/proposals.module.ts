import { Module } from '@nestjs/common';
import { ProposalsController } from './proposals.controller';
import { ProposalsService } from './proposals.service';

/** Proposals to the competent level over HTTP: the lists in and out, one proposal, its letter. */
@Module({
  controllers: [ProposalsController],
  providers: [ProposalsService],
})
export class ProposalsModule {}
