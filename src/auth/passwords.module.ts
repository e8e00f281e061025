import { Module } from '@nestjs/common';
import { PasswordHasher } from './password-hasher';

/** Password hashing, shared by signing in (auth) and by administrators' accounts (users). */
@Module({ providers: [PasswordHasher], exports: [PasswordHasher] })
export class PasswordsModule {}
