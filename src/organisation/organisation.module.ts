import { Module } from '@nestjs/common';
import { PeopleController, UnitsController } from './organisation.controller';
import { OrganisationService } from './organisation.service';

@Module({
  controllers: [UnitsController, PeopleController],
  providers: [OrganisationService],
  exports: [OrganisationService],
})
export class OrganisationModule {}
