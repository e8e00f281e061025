import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError } from './errors';

export interface FieldError {
  field: string;
  messages: string[];
}

/** Unknown fields are refused (not silently dropped), types are checked, all problems listed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validateCustomDecorators: true,
    exceptionFactory: (errors) =>
      new AppError(
        'VALIDATION.FAILED',
        'invalid',
        'The request has invalid fields.',
        { errors: flatten(errors) },
        { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request has invalid fields.' },
      ),
  });
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
