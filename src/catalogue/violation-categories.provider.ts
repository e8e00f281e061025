import { readFileSync } from 'node:fs';
import type { Provider } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { loadViolationCategories } from '../domain/discipline/violation-categories';

export const VIOLATION_CATEGORIES = Symbol('ViolationCategories');

/** The violation categories (data/catalogues/), validated at start-up. */
export const violationCategoriesProvider: Provider = {
  provide: VIOLATION_CATEGORIES,
  inject: [AppConfig],
  useFactory: (config: AppConfig) =>
    loadViolationCategories({
      source: config.violationCategoriesFile,
      text: readFileSync(config.violationCategoriesFile, 'utf8'),
    }),
};
