import { ValidateIf } from 'class-validator';

/**
 * The field may be left out; sent, it is validated, null included. class-validator's IsOptional
 * skips null as well, so a PATCH with `"name": null` reached the service as "no change" (200, the
 * field silently ignored) or as a null it could not handle (500). A field that takes null says
 * so itself: `@IsOmittable() @ValidateIf((_, value) => value !== null)`, documented nullable.
 */
export const IsOmittable = () => ValidateIf((_object, value) => value !== undefined);
