import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { Clock, SystemClock } from '../common/clock';
import { AppConfig } from './app-config';
import { validateEnvironment, type Environment } from './environment';

/** Reads `.env` and the environment once, validates them, and provides the typed AppConfig. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(): DynamicModule {
    let environment: Environment | undefined;
    return {
      module: ConfigModule,
      imports: [
        NestConfigModule.forRoot({
          validate: (raw) => (environment = validateEnvironment(raw)),
        }),
      ],
      providers: [
        { provide: AppConfig, useFactory: () => new AppConfig(environment!) },
        { provide: Clock, useClass: SystemClock },
      ],
      exports: [AppConfig, Clock],
    };
  }
}
