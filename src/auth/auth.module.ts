import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UndeclaredInputGuard } from '../common/undeclared-input.guard';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { CredentialsService } from './credentials.service';
import { PasswordStrengthCheck } from './password-strength.service';
import { PasswordsModule } from './passwords.module';
import { SessionCookies } from './session-cookies';
import { SessionsService } from './sessions.service';

@Module({
  imports: [
    PasswordsModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: jsonwebtoken would rebuild the key on every verify
        // (measured: 374 µs per verify with a string, 11 µs with a KeyObject).
        secret: createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8')),
        signOptions: { expiresIn: config.auth.jwtTtlSeconds, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    CredentialsService,
    PasswordStrengthCheck,
    SessionsService,
    SessionCookies,
    { provide: APP_GUARD, useClass: AuthGuard },
    // After the auth guard (global guards run in the order they are provided): 401 comes first.
    { provide: APP_GUARD, useClass: UndeclaredInputGuard },
  ],
})
export class AuthModule {}
