import { CouncilPluginModule } from './councils/council-plugin.module';
import { DeadlinesPluginModule } from './deadlines/deadlines-plugin.module';
import { MovementPluginModule } from './movements/movement-plugin.module';
import { CommendationPluginModule } from './nominations/commendation-plugin.module';
import { ProposalPluginModule } from './proposals/proposal-plugin.module';
import { RegistrationPluginModule } from './registrations/registration-plugin.module';
import { ViolationPluginModule } from './violations/violation-plugin.module';

/**
 * Every workflow plug-in the server ships: each registers its fact providers and effects with the
 * engine at start-up. The server, the command line and the demo load the same list, so a workflow
 * file never finds its facts served in one and not in another. A new workflow's plug-in is added
 * here (and to `assembleCaseEngine` for the services built without NestJS).
 */
export const WORKFLOW_PLUGINS = [
  CommendationPluginModule,
  ViolationPluginModule,
  CouncilPluginModule,
  MovementPluginModule,
  RegistrationPluginModule,
  ProposalPluginModule,
  DeadlinesPluginModule,
];
