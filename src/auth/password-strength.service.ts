import { Inject, Injectable } from '@nestjs/common';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../persistence/repositories/organisation.repository';
import type { StoredUser } from '../persistence/repositories/users.repository';
import { WorkerPool } from '../workers/worker-pool';
import { passwordTooWeak } from './auth.errors';
import { describeWeakness } from './password-feedback';
import { JUDGE_PASSWORD, MIN_PASSWORD_SCORE } from './password-strength.tasks';

/**
 * The strength every password a person chooses must have (a password change, the first one
 * after an administrator's), judged by zxcvbn-ts with its common and English dictionaries plus
 * Vietnamese words, and the user's own username, name and unit names. The length rule
 * (dto/password-policy.ts) comes first, at validation. Temporary passwords an administrator hands
 * over are not judged: they are good for one sign-in, and a reset's are random.
 */
@Injectable()
export class PasswordStrengthCheck {
  constructor(
    private readonly workers: WorkerPool,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
  ) {}

  /** Refuses with AUTH.PASSWORD_TOO_WEAK on `field`, saying why. */
  async assertStrongEnough(password: string, owner: StoredUser, field: string): Promise<void> {
    const verdict = await this.workers.run(JUDGE_PASSWORD, {
      password,
      userInputs: await this.wordsOf(owner),
    });
    if (verdict.score < MIN_PASSWORD_SCORE) {
      throw passwordTooWeak(field, describeWeakness(verdict), verdict.score);
    }
  }

  private async wordsOf(owner: StoredUser): Promise<string[]> {
    const unitIds = [...new Set(owner.grants.flatMap((grant) => grant.unitId ?? []))];
    const units = await Promise.all(unitIds.map((id) => this.organisation.findUnitById(id)));
    return [
      owner.username,
      owner.displayName,
      ...units.flatMap((unit) => (unit ? [unit.name, unit.code] : [])),
    ];
  }
}
