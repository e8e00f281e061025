import { CaseEventEntity } from './case-event.entity';
import { CaseEntity } from './case.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { RoleGrantEntity } from './role-grant.entity';
import { UserEntity } from './user.entity';

export { CaseEventEntity, CaseEntity, IdempotencyKeyEntity, RoleGrantEntity, UserEntity };

export const ENTITIES = [
  UserEntity,
  RoleGrantEntity,
  CaseEntity,
  CaseEventEntity,
  IdempotencyKeyEntity,
];
