import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Provider } from '@nestjs/common';
import {
  loadEmulationCriteria,
  type EmulationCriteriaCatalogue,
} from '../domain/movements/emulation-criteria';

export const EMULATION_CRITERIA = Symbol('EmulationCriteria');

/** The shipped catalogue, next to the violation categories (relative to the project root). */
export const EMULATION_CRITERIA_FILE = 'data/catalogues/emulation-criteria.json';

/** Reads and validates the catalogue; an invalid file stops start-up, naming every problem. */
export function loadShippedEmulationCriteria(
  file = resolve(process.cwd(), EMULATION_CRITERIA_FILE),
): EmulationCriteriaCatalogue {
  return loadEmulationCriteria({ source: file, text: readFileSync(file, 'utf8') });
}

/** The emulation criteria (data/catalogues/), validated at start-up. */
export const emulationCriteriaProvider: Provider = {
  provide: EMULATION_CRITERIA,
  useFactory: () => loadShippedEmulationCriteria(),
};
