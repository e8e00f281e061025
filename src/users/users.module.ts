import { Module } from '@nestjs/common';
import { PasswordsModule } from '../auth/passwords.module';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({ imports: [PasswordsModule], controllers: [UsersController], providers: [UsersService] })
export class UsersModule {}
