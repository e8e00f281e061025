import { Transform } from 'class-transformer';
import { normaliseName } from '../domain/text/fold';

/**
 * Names are normalised (NFC, spaces tidied) before they are validated, so length limits apply to
 * what is stored (NFC can lengthen some scripts) and a name of spaces is an empty name.
 */
export const NormalisedName = () =>
  Transform(({ value }) => (typeof value === 'string' ? normaliseName(value) : value));

/**
 * Free text (a rating's basis) is put in NFC before it is validated, so its length limit applies
 * to what is stored; its spaces and lines stay as written.
 */
export const NfcText = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC') : value));
