import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { CaseEngineModule } from '../cases/case-engine.module';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { ConfigModule } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { WORKFLOW_PLUGINS } from '../workflow-plugins';
import { DossierDocumentsService } from '../nominations/dossier-documents.service';
import { PublicNoticesService } from '../nominations/public-notices.service';
import { PersistenceModule } from '../persistence/persistence.module';
import { UsersService } from '../users/users.service';
import { WorkflowsModule } from '../workflows/workflows.module';
import { PasswordsModule } from '../auth/passwords.module';
import { CouncilSessionsService } from '../councils/council-sessions.service';
import { CouncilsService } from '../councils/councils.service';
import { WorkersModule } from '../workers/workers.module';
import { NotificationOutboxModule } from '../notifications/notifications.module';
import { DemoCasesLoader, type DemoCaseLine } from './demo-cases';
import { DemoCouncilLoader } from './demo-council';
import { DemoLoader } from './demo-loader';
import { DemoMovementLoader, type DemoMovementResult } from './demo-movement';
import { RegistrationsService } from '../registrations/registrations.service';
import { RatingsService } from '../ratings/ratings.service';

@Module({
  // The cases are built through the same services as the API's, with the rule sets and workflows.
  imports: [
    ConfigModule.forRoot(),
    PersistenceModule,
    WorkflowsModule,
    CatalogueModule,
    CaseEngineModule,
    PasswordsModule,
    // The council's minutes are rendered in the worker pool, as the server does.
    WorkersModule,
    // Demo events tell people as the server's do: their inboxes hold the messages on first sign-in.
    NotificationOutboxModule,
    ...WORKFLOW_PLUGINS,
  ],
  providers: [
    UsersService,
    DemoLoader,
    DossierDocumentsService,
    PublicNoticesService,
    CouncilsService,
    CouncilSessionsService,
    DemoCouncilLoader,
    DemoCasesLoader,
    // The Directive 23 movement: registrations and ratings through the services of their API.
    RegistrationsService,
    RatingsService,
    DemoMovementLoader,
  ],
})
class DemoModule {}

/** `npm run demo`: loads the demo organisation and cases into the configured database. */
async function main(): Promise<void> {
  const context = await NestFactory.createApplicationContext(DemoModule, {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
  try {
    await context.init();
    const config = context.get(AppConfig);
    const password = config.demoPassword;
    const result = await context.get(DemoLoader).load(password);
    // The movement and its registrations come first: the nominations link to them.
    const movements = context.get(DemoMovementLoader);
    const movement = await movements.load();
    const cases = await context
      .get(DemoCasesLoader)
      .load(await movements.linksFor(movement.movementId));
    const database = config.database;
    const where = database.kind === 'sqlite' ? database.file : 'PostgreSQL';
    const created = cases.cases.filter((line) => line.created).length;
    const describe = (line: DemoCaseLine) =>
      `  ${line.state.padEnd(24)} ${line.subject}${line.awardCode ? ` – ${line.awardCode}` : ''}` +
      `${line.key === 'on_hold' ? ' (on hold: open violation case)' : ''}` +
      `${line.workflowVersion ? ` (workflow v${line.workflowVersion}, opened before the latest)` : ''}` +
      `  ${line.caseId}`;
    const lines = [
      `Demo organisation loaded into ${where}: ${result.units} units, ${result.people} people.`,
      `Log in (POST /api/v1/auth/login) with any of these users; password: ${password}`,
      '',
      ...result.logins.map(
        (login) =>
          `  ${login.username.padEnd(22)} ${login.role.padEnd(15)} scope ${login.scope}` +
          (login.person ? `  (is ${login.person} in the registry)` : ''),
      ),
      '',
      ...describeMovement(movement),
      '',
      `Demo cases (evaluation year ${cases.evaluationYear}): ${cases.cases.length}, ` +
        `${created} created now; past awards: ${cases.pastAwards.total}, ` +
        `${cases.pastAwards.created} created now.`,
      'Nominations:',
      ...cases.cases.filter((line) => line.kind === 'nomination').map(describe),
      'Violation cases:',
      ...cases.cases.filter((line) => line.kind === 'violation').map(describe),
      '',
      `Council: ${cases.council.name}  ${cases.council.id}`,
      cases.council.sessionId === null
        ? '  (its session was held by an earlier run: GET /api/v1/council-sessions)'
        : `  session closed now, minutes in each voted dossier  ${cases.council.sessionId}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await context.close();
  }
}

function describeMovement(movement: DemoMovementResult): string[] {
  const byState = new Map<string, number>();
  for (const line of movement.registrations) {
    byState.set(line.state, (byState.get(line.state) ?? 0) + 1);
  }
  return [
    `Movement ${movement.code} (${movement.state}${movement.created ? ', created now' : ''}): ` +
      `GET /api/v1/movements/${movement.movementId}`,
    `  ${movement.title}`,
    `  acknowledged by ${movement.acknowledged.map((a) => a.unit).join(', ')} ` +
      '(the other units have not yet: GET …/participation)',
    `  registrations: ${movement.registrations.length} (` +
      [...byState].map(([state, count]) => `${count} ${state}`).join(', ') +
      '): GET …/registrations',
    `  ratings of last year entered for ${movement.ratings.total} nominees and units (GET /api/v1/ratings)`,
  ];
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
