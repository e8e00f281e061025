import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { ConfigModule } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { PersistenceModule } from '../persistence/persistence.module';
import { UsersService } from '../users/users.service';
import { DemoLoader } from './demo-loader';

@Module({
  imports: [ConfigModule.forRoot(), PersistenceModule],
  providers: [UsersService, DemoLoader],
})
class DemoModule {}

/** `npm run demo`: loads the demo organisation into the configured database and prints logins. */
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
    const database = config.database;
    const where = database.kind === 'sqlite' ? database.file : 'PostgreSQL';
    const lines = [
      `Demo organisation loaded into ${where}: ${result.units} units, ${result.people} people.`,
      `Log in (POST /api/v1/auth/login) with any of these users; password: ${password}`,
      '',
      ...result.logins.map(
        (login) =>
          `  ${login.username.padEnd(22)} ${login.role.padEnd(15)} scope ${login.scope}` +
          (login.person ? `  (is ${login.person} in the registry)` : ''),
      ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await context.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
