/**
 * Shared set-up and builders for the persistence specs (not a spec itself). Records are built with
 * the real `seal()` and a correct prevHash chain, so anything read back can be checked with
 * `verifyChain`.
 */
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  CASE_OPENED,
  GENESIS_HASH,
  seal,
  type AuditRecord,
} from '../../src/domain/audit/audit-record';
import { changeRecord } from '../../src/common/change-log';
import type { AdminChange, ChangeAuthor } from '../../src/domain/org/change-log';
import { childPath } from '../../src/domain/org/scope';
import type { Role } from '../../src/domain/roles';
import { createDataSource } from '../../src/persistence/data-source';
import { Database } from '../../src/persistence/database';
import type { CaseTransition } from '../../src/persistence/repositories/cases.repository';
import type {
  StoredPerson,
  StoredUnit,
} from '../../src/persistence/repositories/organisation.repository';
import { TypeOrmCasesRepository } from '../../src/persistence/repositories/typeorm-cases.repository';
import { TypeOrmOrganisationRepository } from '../../src/persistence/repositories/typeorm-organisation.repository';
import { TypeOrmUsersRepository } from '../../src/persistence/repositories/typeorm-users.repository';
import type { StoredGrant, StoredUser } from '../../src/persistence/repositories/users.repository';
import { createTestDatabase, type DialectName, type TestDatabase } from '../support/databases';
import type { CaseSubject, StoredCase } from '../../src/domain/cases/stored-case';

/** A migrated database for one suite and the objects the app would build on it. */
export interface Store {
  db: TestDatabase;
  ds: DataSource;
  database: Database;
  cases: TypeOrmCasesRepository;
  users: TypeOrmUsersRepository;
  organisation: TypeOrmOrganisationRepository;
  close(): Promise<void>;
}

export async function openStore(dialect: DialectName): Promise<Store> {
  const db = await createTestDatabase(dialect);
  const ds = createDataSource(db.options);
  await ds.initialize();
  await ds.runMigrations();
  const database = new Database(ds);
  return {
    db,
    ds,
    database,
    cases: new TypeOrmCasesRepository(database),
    users: new TypeOrmUsersRepository(database),
    organisation: new TypeOrmOrganisationRepository(database),
    close: async () => {
      await database.stopBackgroundWork();
      await ds.destroy();
      await db.drop();
    },
  };
}

/** Number of rows a plain SQL count returns (PostgreSQL answers COUNT(*) as a string). */
export async function countRows(ds: DataSource, table: string, where = '1 = 1'): Promise<number> {
  const rows: { n: number | string }[] = await ds.query(
    `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`,
  );
  return Number(rows[0].n);
}

let tick = 0;

/** Strictly increasing ISO-8601 instants (24 characters, as the schema stores them). */
export function nextInstant(): string {
  tick += 1;
  return new Date(Date.UTC(2026, 0, 5, 8, 0, 0) + tick * 1000).toISOString();
}

let userCounter = 0;

/** The author of every change record the specs write. */
export const TEST_AUTHOR: ChangeAuthor = { userId: null, username: 'integration-test' };

/** A change-log record by `TEST_AUTHOR`, at the next instant. */
export function aChange(
  entity: AdminChange['entity'],
  entityId: string,
  action = 'create',
  before: unknown = null,
  after: unknown = null,
): AdminChange {
  return changeRecord(TEST_AUTHOR, nextInstant(), entity, entityId, action, before, after);
}

/** The change record that goes with creating `user`. */
export const userCreated = (user: StoredUser): AdminChange =>
  aChange('user', user.id, 'create', null, { username: user.username });

/** A grant of `role` over the unit (its current path as scope), or organisation-wide. */
export function aGrant(
  role: Role,
  unit: Pick<StoredUnit, 'id' | 'path'> | null = null,
): StoredGrant {
  return {
    id: uuidv7(),
    role,
    unitId: unit?.id ?? null,
    scope: unit?.path ?? null,
    createdAt: nextInstant(),
  };
}

export interface UserOptions extends Partial<Omit<StoredUser, 'roles'>> {
  /** Shorthand for organisation-wide grants of these roles (ignored when `grants` is given). */
  roles?: Role[];
}

/** A user with organisation-wide grants of `roles` (default: secretariat) unless given `grants`. */
export function aUser(options: UserOptions = {}): StoredUser {
  userCounter += 1;
  const { roles = ['secretariat'], ...overrides } = options;
  const user: Omit<StoredUser, 'roles'> = {
    id: uuidv7(),
    username: `user-${userCounter}-${Math.random().toString(36).slice(2, 8)}`,
    displayName: `Người dùng ${userCounter}`,
    passwordHash: `$scrypt$test$${userCounter}`,
    active: true,
    personId: null,
    email: null,
    mustChangePassword: false,
    createdAt: nextInstant(),
    grants: roles.map((role) => aGrant(role)),
    ...overrides,
  };
  return { ...user, roles: [...new Set(user.grants.map((grant) => grant.role))] };
}

/** Creates `user` with its change record; fails the test if the repository refuses. */
export async function createUser(store: Store, user: StoredUser): Promise<StoredUser> {
  if (!(await store.users.create(user, userCreated(user)))) {
    throw new Error(`user ${user.username} was not created`);
  }
  return user;
}

let codeCounter = 0;

const nextCode = (prefix: string) => {
  codeCounter += 1;
  return `${prefix}-${codeCounter.toString().padStart(6, '0')}`;
};

/** A unit under `parent` (a root when null), its path built as the service builds it. */
export function aUnit(parent: StoredUnit | null, overrides: Partial<StoredUnit> = {}): StoredUnit {
  const id = overrides.id ?? uuidv7();
  const at = nextInstant();
  return {
    id,
    code: nextCode('U'),
    name: `Đơn vị ${codeCounter}`,
    kind: parent ? 'office' : 'party_committee',
    parentId: parent?.id ?? null,
    path: childPath(parent?.path ?? null, id),
    active: true,
    demo: false,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** A person in `unit`. */
export function aPerson(
  unit: Pick<StoredUnit, 'id'>,
  overrides: Partial<StoredPerson> = {},
): StoredPerson {
  const at = nextInstant();
  return {
    id: uuidv7(),
    code: nextCode('P'),
    fullName: `Nguyễn Văn ${codeCounter}`,
    unitId: unit.id,
    position: null,
    dateOfBirth: null,
    partyMember: false,
    partyJoinedOn: null,
    employmentType: 'civil_servant',
    active: true,
    demo: false,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

/** Inserts units (parents before children) and people in one organisation transaction. */
export async function insertOrganisation(
  store: Store,
  units: StoredUnit[],
  people: StoredPerson[] = [],
): Promise<void> {
  await store.organisation.transaction(async (tx) => {
    for (const unit of units) await tx.insertUnit(unit);
    for (const person of people) await tx.insertPerson(person);
  });
}

/**
 * Moves `unitId` under `parentId` (a root when null) as the service does: the subtree's paths are
 * rewritten, then the unit itself. Returns the unit as it now stands.
 */
export function moveUnit(
  store: Store,
  unitId: string,
  parentId: string | null,
  at = nextInstant(),
): Promise<StoredUnit> {
  return store.organisation.transaction(async (tx) => {
    const before = await tx.findUnitById(unitId);
    const parent = parentId === null ? null : await tx.findUnitById(parentId);
    if (!before || (parentId !== null && !parent)) throw new Error('moveUnit: unknown unit');
    const after: StoredUnit = {
      ...before,
      parentId,
      path: childPath(parent?.path ?? null, unitId),
      updatedAt: at,
    };
    await tx.replacePathPrefix(before.path, after.path, at);
    await tx.updateUnit(after);
    return after;
  });
}

/** A person as a case subject; the registry ids are made up unless given. */
export function personSubject(
  name: string,
  overrides: Partial<Extract<CaseSubject, { kind: 'person' }>> = {},
): CaseSubject {
  return {
    kind: 'person',
    id: uuidv7(),
    code: nextCode('P'),
    name,
    unitId: uuidv7(),
    ...overrides,
  };
}

/** A unit as a case subject; the registry id is made up unless given. */
export function unitSubject(name: string, code = nextCode('U'), id = uuidv7()): CaseSubject {
  return { kind: 'unit', id, code, name };
}

export const WORKFLOW = { id: 'nomination', version: 1, hash: 'ab'.repeat(32) };

export interface NewCase {
  stored: StoredCase;
  opening: AuditRecord;
}

export interface CaseOptions {
  id?: string;
  caseType?: string;
  state?: string;
  subject?: CaseSubject;
  data?: Record<string, unknown>;
  /** The unit the case belongs to (default: none); its path is what findById reads back. */
  unit?: Pick<StoredUnit, 'id' | 'path'> | null;
  subjectPersonId?: string | null;
}

/** A version-1 case opened by `author`, and the sealed record that opens its chain. */
export function aCase(author: StoredUser, options: CaseOptions = {}): NewCase {
  const id = options.id ?? uuidv7();
  const at = nextInstant();
  const state = options.state ?? 'draft';
  const subject = options.subject ?? personSubject('Nguyễn Thị Hoà');
  const data = options.data ?? { reason: 'Hoàn thành xuất sắc nhiệm vụ năm 2025' };
  const opening = seal({
    caseId: id,
    seq: 1,
    at,
    actor: { userId: author.id, username: author.username, role: author.roles[0] ?? 'secretariat' },
    eventType: CASE_OPENED,
    payload: { subject, data },
    fromState: null,
    toState: state,
    workflow: WORKFLOW,
    prevHash: GENESIS_HASH,
  });
  const stored: StoredCase = {
    id,
    caseType: options.caseType ?? 'nomination',
    workflow: WORKFLOW,
    state,
    closed: false,
    context: {},
    subject,
    unitId: options.unit?.id ?? null,
    unitPath: options.unit?.path ?? null,
    subjectPersonId: options.subjectPersonId ?? null,
    data,
    version: 1,
    headHash: opening.hash,
    createdBy: author.id,
    createdAt: at,
    updatedAt: at,
  };
  return { stored, opening };
}

/** Builds a case and commits it with its opening record. */
export async function insertCase(
  store: Store,
  author: StoredUser,
  options: CaseOptions = {},
): Promise<NewCase> {
  const created = aCase(author, options);
  await store.cases.transaction((tx) => tx.insert(created.stored, created.opening));
  return created;
}

export interface TransitionOptions {
  toState?: string;
  expectedVersion?: number;
  seq?: number;
  closed?: boolean;
  payload?: Record<string, unknown>;
}

/**
 * The next step of a case from the snapshot `from`: a record sealed at seq `version + 1`, linked to
 * `from.headHash`, expecting `from.version` unless told otherwise.
 */
export function aTransition(
  from: Pick<StoredCase, 'id' | 'state' | 'version' | 'headHash'>,
  actor: StoredUser,
  options: TransitionOptions = {},
): CaseTransition {
  const seq = options.seq ?? from.version + 1;
  const toState = options.toState ?? `state_${seq}`;
  const record = seal({
    caseId: from.id,
    seq,
    at: nextInstant(),
    actor: { userId: actor.id, username: actor.username, role: actor.roles[0] ?? 'secretariat' },
    eventType: `EVENT_${seq}`,
    payload: options.payload ?? { note: `bước ${seq}` },
    fromState: from.state,
    toState,
    workflow: WORKFLOW,
    prevHash: from.headHash,
  });
  return {
    caseId: from.id,
    expectedVersion: options.expectedVersion ?? from.version,
    state: toState,
    closed: options.closed ?? false,
    context: { lastStep: seq },
    record,
  };
}

/** What the stored snapshot must look like once `transition` has been applied to `before`. */
export function afterTransition(before: StoredCase, transition: CaseTransition): StoredCase {
  return {
    ...before,
    state: transition.state,
    closed: transition.closed,
    context: transition.context,
    version: transition.record.seq,
    headHash: transition.record.hash,
    updatedAt: transition.record.at,
  };
}

/** Commits `steps` transitions one after another; returns the final snapshot and every record. */
export async function advance(
  store: Store,
  created: NewCase,
  actor: StoredUser,
  steps: number,
): Promise<{ current: StoredCase; records: AuditRecord[] }> {
  let current = created.stored;
  const records = [created.opening];
  for (let i = 0; i < steps; i++) {
    const transition = aTransition(current, actor);
    const applied = await store.cases.transaction((tx) => tx.applyTransition(transition));
    if (!applied) throw new Error(`transition to seq ${transition.record.seq} was not applied`);
    current = afterTransition(current, transition);
    records.push(transition.record);
  }
  return { current, records };
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/** A promise the test settles by hand. */
export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every other pending callback run, so concurrent units of work get a chance to interleave. */
export function yieldToOthers(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The queries `work` sends to PostgreSQL (node-postgres's Client.query), one per round trip, each
 * as its statements' first words ("START", "SELECT", …).
 */
export async function queriesSentToPostgres(work: () => Promise<unknown>): Promise<string[][]> {
  const sent: string[] = [];
  const original = Client.prototype.query as (...args: unknown[]) => unknown;
  const spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (
    this: Client,
    ...args: unknown[]
  ) {
    const config = args[0] as string | { text?: string };
    sent.push(typeof config === 'string' ? config : String(config.text));
    return original.apply(this, args);
  } as never);
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return sent.map((text) => text.split(';\n').map((part) => part.split(' ')[0]));
}
