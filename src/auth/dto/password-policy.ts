import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

/**
 * The length rule every password a person chooses must meet (a new account, a password change):
 * long rather than complicated, as NIST SP 800-63B advises; the KDF makes guessing expensive. A
 * password a user chooses for themselves must also be hard to guess (password-strength.service.ts,
 * judged after validation because it needs the user's own name and units).
 */
export const ChosenPassword = () =>
  applyDecorators(
    ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
    IsString(),
    MinLength(PASSWORD_MIN_LENGTH),
    MaxLength(PASSWORD_MAX_LENGTH),
    Matches(/\S/, { message: ({ property }) => `${property} must not be only spaces` }),
  );
