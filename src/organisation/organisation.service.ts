import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import { changeRecord, movedWithAncestorRecords } from '../common/change-log';
import { Clock } from '../common/clock';
import { authorOf, type AdminChange } from '../domain/org/change-log';
import { scopesFor, type Principal } from '../domain/org/principal';
import {
  childPath,
  deepestAfterMove,
  depthOf,
  isWithin,
  MAX_UNIT_DEPTH,
  rolesAt,
} from '../domain/org/scope';
import { ROLES } from '../domain/roles';
import { foldForSearch, normaliseName } from '../domain/text/fold';
import {
  ORGANISATION_REPOSITORY,
  type MovedUnit,
  type OrganisationRepository,
  type PersonInUnit,
  type StoredPerson,
  type StoredUnit,
} from '../persistence/repositories/organisation.repository';
import type { Page } from '../persistence/repositories/page';
import type {
  CreatePersonDto,
  CreateUnitDto,
  ListPeopleQuery,
  ListUnitsQuery,
  UpdatePersonDto,
  UpdateUnitDto,
} from './dto/organisation.dto';
import {
  codeTaken,
  moveIntoOwnSubtree,
  personNotFound,
  tooDeep,
  unitNotFound,
  unknownUnit,
} from './organisation-errors';

/**
 * The unit tree and the people registry. Anyone with a role over a subtree sees that subtree (and
 * nothing outside it: out of scope answers exactly like missing); only admins change it, and every
 * change is written to the change log in the same transaction.
 */
@Injectable()
export class OrganisationService {
  constructor(
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    private readonly clock: Clock,
  ) {}

  listUnits(principal: Principal, query: ListUnitsQuery): Promise<Page<StoredUnit>> {
    return this.organisation.listUnits({
      scopes: scopesFor(principal, ROLES),
      parentId: query.parentId,
      cursor: query.cursor,
      limit: query.limit ?? 50,
    });
  }

  async getUnit(principal: Principal, id: string): Promise<StoredUnit> {
    const unit = isUuid(id) ? await this.organisation.findUnitById(id) : null;
    if (!unit || rolesAt(principal.grants, unit.path).length === 0) throw unitNotFound(id);
    return unit;
  }

  createUnit(admin: Principal, input: CreateUnitDto): Promise<StoredUnit> {
    return this.organisation.transaction(async (tx) => {
      const parent = input.parentId ? await tx.findUnitById(input.parentId) : null;
      if (input.parentId && !parent) throw unknownUnit('parentId', input.parentId);
      if ((await tx.findUnitsByCodes([input.code])).length > 0) throw codeTaken('UNIT', input.code);
      if (parent && depthOf(parent.path) + 1 > MAX_UNIT_DEPTH) throw tooDeep();
      const at = this.clock.nowIso();
      const id = uuidv7();
      const unit: StoredUnit = {
        id,
        code: input.code,
        name: normaliseName(input.name),
        kind: input.kind,
        parentId: parent?.id ?? null,
        path: childPath(parent?.path ?? null, id),
        active: true,
        demo: false,
        createdAt: at,
        updatedAt: at,
      };
      await tx.insertUnit(unit);
      await tx.recordChanges([changeRecord(authorOf(admin), at, 'unit', id, 'create', null, unit)]);
      return unit;
    });
  }

  /** Rename, re-kind, move (the whole subtree follows) or close/reopen a unit. */
  updateUnit(admin: Principal, id: string, input: UpdateUnitDto): Promise<StoredUnit> {
    return this.organisation.transaction(async (tx) => {
      const before = isUuid(id) ? await tx.findUnitById(id) : null;
      if (!before) throw unitNotFound(id);
      const at = this.clock.nowIso();
      let path = before.path;
      let parentId = before.parentId;
      let movedBelow: MovedUnit[] = [];
      if (input.parentId !== undefined && input.parentId !== before.parentId) {
        const parent = input.parentId === null ? null : await tx.findUnitById(input.parentId);
        if (input.parentId !== null && !parent) throw unknownUnit('parentId', input.parentId);
        if (parent && isWithin(parent.path, before.path)) throw moveIntoOwnSubtree();
        parentId = parent?.id ?? null;
        path = childPath(parent?.path ?? null, id);
        const deepest = deepestAfterMove(
          before.path,
          await tx.deepestUnder(before.path),
          depthOf(path),
        );
        if (deepest > MAX_UNIT_DEPTH) throw tooDeep();
        movedBelow = await tx.replacePathPrefix(before.path, path, at);
      }
      const after: StoredUnit = {
        ...before,
        name: input.name === undefined ? before.name : normaliseName(input.name),
        kind: input.kind ?? before.kind,
        active: input.active ?? before.active,
        parentId,
        path,
        updatedAt: at,
      };
      await tx.updateUnit(after);
      await tx.recordChanges([
        changeRecord(authorOf(admin), at, 'unit', id, unitAction(before, after), before, after),
        ...movedWithAncestorRecords(authorOf(admin), at, movedBelow),
      ]);
      return after;
    });
  }

  listPeople(principal: Principal, query: ListPeopleQuery): Promise<Page<PersonInUnit>> {
    const search = query.q === undefined ? undefined : foldForSearch(query.q);
    return this.organisation.listPeople({
      scopes: scopesFor(principal, ROLES),
      search: search || undefined,
      unitId: query.unitId,
      cursor: query.cursor,
      limit: query.limit ?? 50,
    });
  }

  async getPerson(principal: Principal, id: string): Promise<PersonInUnit> {
    const person = isUuid(id) ? await this.organisation.findPersonById(id) : null;
    if (!person || rolesAt(principal.grants, person.unitPath).length === 0) {
      throw personNotFound(id);
    }
    return person;
  }

  createPerson(admin: Principal, input: CreatePersonDto): Promise<StoredPerson> {
    return this.organisation.transaction(async (tx) => {
      if (!(await tx.findUnitById(input.unitId))) throw unknownUnit('unitId', input.unitId);
      if ((await tx.findPeopleByCodes([input.code])).length > 0) {
        throw codeTaken('PERSON', input.code);
      }
      const at = this.clock.nowIso();
      const person: StoredPerson = {
        id: uuidv7(),
        code: input.code,
        fullName: normaliseName(input.fullName),
        unitId: input.unitId,
        position: input.position ?? null,
        dateOfBirth: input.dateOfBirth ?? null,
        partyMember: input.partyMember ?? false,
        partyJoinedOn: input.partyJoinedOn ?? null,
        employmentType: input.employmentType,
        active: true,
        demo: false,
        createdAt: at,
        updatedAt: at,
      };
      await tx.insertPerson(person);
      await tx.recordChanges([
        changeRecord(authorOf(admin), at, 'person', person.id, 'create', null, person),
      ]);
      return person;
    });
  }

  updatePerson(admin: Principal, id: string, input: UpdatePersonDto): Promise<StoredPerson> {
    return this.organisation.transaction(async (tx) => {
      const before = isUuid(id) ? await tx.findPersonById(id) : null;
      if (!before) throw personNotFound(id);
      if (input.unitId && !(await tx.findUnitById(input.unitId))) {
        throw unknownUnit('unitId', input.unitId);
      }
      const at = this.clock.nowIso();
      const after: StoredPerson = {
        ...before,
        fullName: input.fullName === undefined ? before.fullName : normaliseName(input.fullName),
        unitId: input.unitId ?? before.unitId,
        position: input.position === undefined ? before.position : input.position,
        dateOfBirth: input.dateOfBirth === undefined ? before.dateOfBirth : input.dateOfBirth,
        partyMember: input.partyMember ?? before.partyMember,
        partyJoinedOn:
          input.partyJoinedOn === undefined ? before.partyJoinedOn : input.partyJoinedOn,
        employmentType: input.employmentType ?? before.employmentType,
        active: input.active ?? before.active,
        updatedAt: at,
      };
      await tx.updatePerson(after);
      const action = before.unitId === after.unitId ? 'update' : 'move';
      await tx.recordChanges([
        changeRecord(authorOf(admin), at, 'person', id, action, before, after),
      ]);
      return after;
    });
  }

  /**
   * The change log of a unit or person: for admins, and for auditors whose own grant covers it (a
   * role elsewhere does not lend auditing rights here).
   */
  async changes(
    principal: Principal,
    entity: 'unit' | 'person',
    id: string,
  ): Promise<AdminChange[]> {
    const path =
      entity === 'unit'
        ? (await this.getUnit(principal, id)).path
        : (await this.getPerson(principal, id)).unitPath;
    const roles = rolesAt(principal.grants, path);
    if (!roles.includes('admin') && !roles.includes('auditor')) {
      throw entity === 'unit' ? unitNotFound(id) : personNotFound(id);
    }
    return this.organisation.changesOf(entity, id);
  }
}

function unitAction(before: StoredUnit, after: StoredUnit): string {
  if (before.path !== after.path) return 'move';
  if (before.active && !after.active) return 'close';
  if (!before.active && after.active) return 'reopen';
  return 'update';
}
