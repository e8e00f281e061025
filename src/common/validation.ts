import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { trimForValidation } from './body-shape';
import { compiledBodyCheckOf, type FieldError } from './compiled-body';
import { AppError } from './errors';

export type { FieldError };

/**
 * The most field errors one answer lists; the rest are only counted (`moreErrors`). A form has
 * fewer fields than this, and a body built to fail on every element of a huge array must not
 * get an answer as large as itself.
 */
export const MAX_LISTED_ERRORS = 20;

/**
 * Unknown fields are refused (not silently dropped), types are checked, each field reports its
 * first failed rule (so an over-long array is refused without validating its elements), and at
 * most MAX_LISTED_ERRORS problems are listed.
 */
export function createValidationPipe(): ValidationPipe {
  return new BoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validateCustomDecorators: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const { listed, unlisted } = flatten(errors);
      return validationFailed(listed, unlisted);
    },
  });
}

export function validationFailed(listed: FieldError[], unlisted: number): AppError {
  return new AppError(
    'VALIDATION.FAILED',
    'invalid',
    'The request has invalid fields.',
    { errors: listed, ...(unlisted > 0 ? { moreErrors: unlisted } : {}) },
    { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request has invalid fields.' },
  );
}

/**
 * Bodies cost what their DTO needs, not what was sent:
 * - a body that must be an object (its DTO is a class) but is an array, a string, a number or
 *   null is refused at once: validated as it is, each element of an array would be checked (and
 *   reported) against the DTO, costing seconds and megabytes for one unauthenticated request;
 * - an object body is trimmed first (see trimForValidation): values the DTO does not need to see
 *   are set aside, over-long arrays cut to one element too many, unknown fields past the listed
 *   few counted instead of copied.
 * A DTO marked @CompiledBody (a hot route's) is checked by its compiled schema instead, with
 * answers of the same shape.
 */
class BoundedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dto = metadata.metatype;
    if (metadata.type !== 'body' || dto === undefined || !this.toValidate(metadata)) {
      return super.transform(value, metadata);
    }
    if (value === undefined) return super.transform(value, metadata);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw bodyNotAnObject();
    }
    const compiledCheck = compiledBodyCheckOf(dto);
    if (compiledCheck !== undefined) {
      const problems = compiledCheck(value as Record<string, unknown>);
      if (problems === null) return Object.assign(Object.create(dto.prototype as object), value);
      const listed = problems.slice(0, MAX_LISTED_ERRORS);
      throw validationFailed(listed, problems.length - listed.length);
    }
    const trimmed = trimForValidation(value as Record<string, unknown>, dto, MAX_LISTED_ERRORS);
    let instance: unknown;
    try {
      instance = await super.transform(trimmed.value, metadata);
    } catch (error) {
      throw countingUnlisted(error, trimmed.unlistedUnknown);
    }
    trimmed.restore(instance as object);
    return instance;
  }
}

/** Adds the unknown fields left out before validation to the problem's count of the rest. */
function countingUnlisted(error: unknown, unlisted: number): unknown {
  if (unlisted > 0 && error instanceof AppError && error.code === 'VALIDATION.FAILED') {
    const counted = typeof error.details.moreErrors === 'number' ? error.details.moreErrors : 0;
    error.details.moreErrors = counted + unlisted;
  }
  return error;
}

export function bodyNotAnObject(): AppError {
  return new AppError(
    'REQUEST.BODY_NOT_OBJECT',
    'invalid',
    'The body must be a JSON object.',
    {},
    {
      vi: 'Nội dung gửi lên phải là một đối tượng JSON ({…}).',
      en: 'The body must be a JSON object ({…}).',
    },
  );
}

/** The first MAX_LISTED_ERRORS field errors, depth first, and how many more there were. */
function flatten(errors: ValidationError[]): { listed: FieldError[]; unlisted: number } {
  const listed: FieldError[] = [];
  let unlisted = 0;
  const stack = errors.map((error) => ({ error, parent: '' })).reverse();
  while (stack.length > 0) {
    const { error, parent } = stack.pop()!;
    const field = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) {
      if (listed.length < MAX_LISTED_ERRORS) {
        listed.push({ field, messages: Object.values(error.constraints) });
      } else {
        unlisted += 1;
      }
    }
    const children = error.children ?? [];
    for (let index = children.length - 1; index >= 0; index--) {
      stack.push({ error: children[index], parent: field });
    }
  }
  return { listed, unlisted };
}
