import { Transform } from 'class-transformer';
import { normaliseName } from '../domain/text/fold';

/**
 * Names are normalised (NFC, spaces tidied) before they are validated, so length limits apply to
 * what is stored (NFC can lengthen some scripts) and a name of spaces is an empty name.
 */
export const NormalisedName = () =>
  Transform(({ value }) => (typeof value === 'string' ? normaliseName(value) : value));
