import { Module } from '@nestjs/common';
import { SignersController, UnitAuthoritiesController } from './authorities.controller';
import { AuthoritiesService } from './authorities.service';

/**
 * Issuing authorities and signers over HTTP. The repository comes from the persistence module:
 * where an award decision is issued (nominations) reads it wherever the engine runs.
 */
@Module({
  controllers: [UnitAuthoritiesController, SignersController],
  providers: [AuthoritiesService],
})
export class AuthoritiesModule {}
