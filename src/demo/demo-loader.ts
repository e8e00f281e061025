import { Inject, Injectable, Optional } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { changeRecord } from '../common/change-log';
import { Clock } from '../common/clock';
import type { AdminChange, ChangeAuthor } from '../domain/org/change-log';
import { childPath } from '../domain/org/scope';
import type { Role } from '../domain/roles';
import { normaliseName } from '../domain/text/fold';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
  type StoredPerson,
  type StoredUnit,
} from '../persistence/repositories/organisation.repository';
import {
  USERS_REPOSITORY,
  type UsersRepository,
} from '../persistence/repositories/users.repository';
import { UsersService } from '../users/users.service';
import {
  UNIT_AUTHORITIES_REPOSITORY,
  type UnitAuthoritiesRepository,
} from '../persistence/repositories/unit-authorities.repository';
import { loadDemoAuthorities } from './demo-authorities';
import { COMMITTEE, demoPeople, demoUnits } from './demo-organisation';

const DEMO_AUTHOR: ChangeAuthor = { userId: null, username: 'demo' };

export interface DemoLogin {
  username: string;
  role: Role;
  scope: string;
  person: string | null;
}

/** One demo user per role and scope, so a newcomer can see the system from every seat. */
const DEMO_USERS: { username: string; role: Role; unitCode: string | null; personCode?: string }[] =
  [
    { username: 'demo.quantri', role: 'admin', unitCode: null },
    { username: 'demo.vanphong', role: 'secretariat', unitCode: COMMITTEE },
    {
      username: 'demo.chutich',
      role: 'council_chair',
      unitCode: COMMITTEE,
      personCode: 'DUK-0001',
    },
    // The council's voting members (src/demo/demo-council.ts): the roster lets them vote.
    {
      username: 'demo.hoidong',
      role: 'council_member',
      unitCode: COMMITTEE,
      personCode: 'DUK-0002',
    },
    {
      username: 'demo.uyvien',
      role: 'council_member',
      unitCode: COMMITTEE,
      personCode: 'DUK-0010',
    },
    { username: 'demo.kiemtra', role: 'auditor', unitCode: COMMITTEE },
    // The propaganda board leads the Directive 23 movement for the committee.
    { username: 'demo.tuyengiao', role: 'secretariat', unitCode: 'DUK-BTG' },
    // A leader for every grassroots organisation and for the youth union: each acknowledges the
    // movement, registers, and nominates its people.
    { username: 'demo.dienluc', role: 'unit_leader', unitCode: 'DUK-DL', personCode: 'DUK-0034' },
    { username: 'demo.capnuoc', role: 'unit_leader', unitCode: 'DUK-CN' },
    { username: 'demo.vantai', role: 'unit_leader', unitCode: 'DUK-VT' },
    { username: 'demo.nganhang', role: 'unit_leader', unitCode: 'DUK-NH' },
    { username: 'demo.xaydung', role: 'unit_leader', unitCode: 'DUK-XD' },
    { username: 'demo.buudien', role: 'unit_leader', unitCode: 'DUK-BD' },
    { username: 'demo.doankhoi', role: 'unit_leader', unitCode: 'DUK-DK' },
    { username: 'demo.kiemtra.dienluc', role: 'auditor', unitCode: 'DUK-DL' },
    // The water company's office issues its director's decisions (advanced worker, certificates
    // of merit to its workers); its director decides, and revokes, them (Law 06/2022 Art 80(4)).
    { username: 'demo.ctcapnuoc', role: 'secretariat', unitCode: 'DUK-CN-DN' },
    {
      username: 'demo.giamdoc.capnuoc',
      role: 'council_chair',
      unitCode: 'DUK-CN-DN',
      personCode: 'DUK-0096',
    },
  ];

export class NotADemoDatabaseError extends Error {
  constructor(count: number) {
    super(
      `This database holds ${count} units or people that the demo did not create; ` +
        'the demo loader only runs on an empty or demo database.',
    );
  }
}

/**
 * Loads the demo organisation: idempotent (codes and usernames are fixed; a second run changes
 * nothing) and refuses to touch a database holding real data.
 */
@Injectable()
export class DemoLoader {
  constructor(
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    @Inject(USERS_REPOSITORY) private readonly users: UsersRepository,
    private readonly usersService: UsersService,
    private readonly clock: Clock,
    /** Absent (a test that builds the loader by hand): no authorities, decisions as before. */
    @Optional()
    @Inject(UNIT_AUTHORITIES_REPOSITORY)
    private readonly authorities?: UnitAuthoritiesRepository,
  ) {}

  async load(password: string): Promise<{ units: number; people: number; logins: DemoLogin[] }> {
    const unitIds = await this.loadOrganisation();
    const peopleByCode = new Map(demoPeople().map((person) => [person.code, person]));
    const unitNames = new Map(demoUnits().map((unit) => [unit.code, unit.name]));
    const logins: DemoLogin[] = [];
    for (const spec of DEMO_USERS) {
      const personCode = spec.personCode ?? null;
      logins.push({
        username: spec.username,
        role: spec.role,
        scope: spec.unitCode
          ? `${spec.unitCode} (${unitNames.get(spec.unitCode)})`
          : 'toàn tổ chức / whole organisation',
        person: personCode ? (peopleByCode.get(personCode)?.fullName ?? null) : null,
      });
      if (await this.users.findByUsername(spec.username)) continue;
      await this.usersService.createAs(DEMO_AUTHOR, {
        username: spec.username,
        displayName: `Demo ${spec.role}`,
        password,
        grants: [{ role: spec.role, unitId: spec.unitCode ? unitIds.get(spec.unitCode)! : null }],
        personId: personCode ? unitIds.get(`person:${personCode}`) : undefined,
      });
    }
    if (this.authorities !== undefined) {
      const names = new Map([...peopleByCode].map(([code, person]) => [code, person.fullName]));
      await loadDemoAuthorities(this.authorities, unitIds, names, DEMO_AUTHOR, this.clock.nowIso());
    }
    return { units: demoUnits().length, people: peopleByCode.size, logins };
  }

  /** Returns unit ids by code and person ids as `person:<code>`. */
  private loadOrganisation(): Promise<Map<string, string>> {
    return this.organisation.transaction(async (tx) => {
      const foreign = await tx.countNonDemo();
      if (foreign > 0) throw new NotADemoDatabaseError(foreign);
      const at = this.clock.nowIso();
      const ids = new Map<string, string>();
      const changes: AdminChange[] = [];
      const existingUnits = new Map(
        (await tx.findUnitsByCodes(demoUnits().map((u) => u.code))).map((u) => [u.code, u]),
      );
      for (const spec of demoUnits()) {
        const existing = existingUnits.get(spec.code);
        if (existing) {
          ids.set(spec.code, existing.id);
          continue;
        }
        const parent = spec.parentCode ? existingUnits.get(spec.parentCode)! : null;
        const id = uuidv7();
        const unit: StoredUnit = {
          id,
          code: spec.code,
          name: normaliseName(spec.name),
          kind: spec.kind,
          parentId: parent?.id ?? null,
          path: childPath(parent?.path ?? null, id),
          active: true,
          demo: true,
          createdAt: at,
          updatedAt: at,
        };
        await tx.insertUnit(unit);
        existingUnits.set(spec.code, unit);
        ids.set(spec.code, id);
        changes.push(changeRecord(DEMO_AUTHOR, at, 'unit', id, 'demo_create', null, unit));
      }
      const people = demoPeople();
      const existingPeople = new Map(
        (await tx.findPeopleByCodes(people.map((p) => p.code))).map((p) => [p.code, p]),
      );
      for (const spec of people) {
        const existing = existingPeople.get(spec.code);
        if (existing) {
          ids.set(`person:${spec.code}`, existing.id);
          continue;
        }
        const person: StoredPerson = {
          id: uuidv7(),
          code: spec.code,
          fullName: normaliseName(spec.fullName),
          unitId: ids.get(spec.unitCode)!,
          position: spec.position,
          dateOfBirth: spec.dateOfBirth,
          partyMember: spec.partyMember,
          partyJoinedOn: spec.partyJoinedOn,
          employmentType: spec.employmentType,
          active: true,
          demo: true,
          createdAt: at,
          updatedAt: at,
        };
        await tx.insertPerson(person);
        ids.set(`person:${spec.code}`, person.id);
        changes.push(
          changeRecord(DEMO_AUTHOR, at, 'person', person.id, 'demo_create', null, person),
        );
      }
      await tx.recordChanges(changes);
      return ids;
    });
  }
}
