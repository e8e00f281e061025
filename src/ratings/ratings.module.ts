import { Module } from '@nestjs/common';
import { WorkersModule } from '../workers/workers.module';
import { RatingsController, RatingsImportController } from './ratings.controller';
import { RatingsService } from './ratings.service';

/**
 * The annual ratings register over HTTP. Its repository comes from the persistence module, since
 * the eligibility check (nominations/commendation-facts.service.ts) reads the nominee's ratings
 * wherever the engine runs (server, command line, demo).
 */
@Module({
  imports: [WorkersModule],
  controllers: [RatingsController, RatingsImportController],
  providers: [RatingsService],
})
export class RatingsModule {}
