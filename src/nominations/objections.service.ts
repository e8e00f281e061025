import { Inject, Injectable } from '@nestjs/common';
import { logRestrictedRead } from './need-to-know';
import { Clock } from '../common/clock';
import { CaseQueries } from '../cases/case-queries.service';
import type { Principal } from '../domain/org/principal';
import { rolesAt } from '../domain/org/scope';
import {
  AUDIT_TRAIL_REPOSITORY,
  type AuditTrailRepository,
} from '../persistence/repositories/audit-trail.repository';
import {
  CASES_REPOSITORY,
  type CasesRepository,
} from '../persistence/repositories/cases.repository';
import {
  OBJECTOR_IDENTITIES_REPOSITORY,
  type ObjectorIdentitiesRepository,
  type ObjectorIdentity,
} from '../persistence/repositories/objector-identities.repository';
import { objectorIdentitiesForbidden } from './nomination-errors';
import { OBJECTOR_IDENTITY_READERS } from './objector-identity-readers';
import { commitmentOf } from '../domain/audit/sealed-value';

/** One objection with who filed it, for the secretariat and auditors. */
export interface ObjectionView {
  /** The FILE_OBJECTION record. */
  seq: number;
  at: string;
  objection: string;
  /** Null: the objector gave neither name nor contact. */
  objector: { name: string | null; contact: string | null } | null;
  /**
   * Where the identity is kept: `stored_apart` (with a commitment; `inRecord` says whether the
   * record carries it), `in_record` (written by a workflow version before 4 into the record's
   * payload, which cannot be rewritten), or `none`.
   */
  identity: 'stored_apart' | 'in_record' | 'none';
  commitment: string | null;
  nonce: string | null;
  inRecord: boolean;
  /**
   * The stored identity and nonce give the commitment, and the record carries that commitment
   * (when `inRecord`). Null when there is nothing to check.
   */
  verified: boolean | null;
}

/**
 * The objections to a nomination with their objectors' names and contacts: only for the
 * secretariat and auditors with the case in scope. Every read is logged (audit reads).
 */
@Injectable()
export class ObjectionsService {
  constructor(
    private readonly queries: CaseQueries,
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(OBJECTOR_IDENTITIES_REPOSITORY)
    private readonly identities: ObjectorIdentitiesRepository,
    @Inject(AUDIT_TRAIL_REPOSITORY) private readonly trail: AuditTrailRepository,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, caseId: string): Promise<{ items: ObjectionView[] }> {
    const stored = await this.queries.load(principal, caseId);
    const roles = rolesAt(principal.grants, stored.unitPath);
    if (!roles.some((role) => OBJECTOR_IDENTITY_READERS.includes(role))) {
      throw objectorIdentitiesForbidden();
    }
    const [records, identities] = await Promise.all([
      this.cases.fullHistory(stored.id),
      this.identities.ofCase(stored.id),
    ]);
    const bySeq = new Map(identities.map((identity) => [identity.seq, identity]));
    const items = records
      .filter((record) => record.eventType === 'FILE_OBJECTION')
      .map((record) => objectionView(record, bySeq.get(record.seq)));
    await logRestrictedRead(this.trail, this.clock, principal, {
      action: 'objector_identities',
      caseId: stored.id,
      resultCount: items.filter((item) => item.objector !== null).length,
    });
    return { items };
  }
}

const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function objectionView(
  record: { seq: number; at: string; payload: Record<string, unknown> },
  stored: ObjectorIdentity | undefined,
): ObjectionView {
  const base = {
    seq: record.seq,
    at: record.at,
    objection: textOrNull(record.payload.objection) ?? '',
  };
  if (stored !== undefined) {
    const objector = { name: stored.name, contact: stored.contact };
    const recorded = (record.payload.objector as { commitment?: unknown } | undefined)?.commitment;
    const opens = commitmentOf(objector, stored.nonce) === stored.commitment;
    return {
      ...base,
      objector,
      identity: 'stored_apart',
      commitment: stored.commitment,
      nonce: stored.nonce,
      inRecord: stored.inRecord,
      verified: opens && (!stored.inRecord || recorded === stored.commitment),
    };
  }
  // Versions before 4 wrote the identity into the record itself.
  const name = textOrNull(record.payload.name);
  const contact = textOrNull(record.payload.contact);
  const legacy = name !== null || contact !== null;
  return {
    ...base,
    objector: legacy ? { name, contact } : null,
    identity: legacy ? 'in_record' : 'none',
    commitment: null,
    nonce: null,
    inRecord: legacy,
    verified: null,
  };
}
