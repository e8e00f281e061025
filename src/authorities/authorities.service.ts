import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import { changeRecord } from '../common/change-log';
import { Clock } from '../common/clock';
import { authorOf } from '../domain/org/change-log';
import type { Principal } from '../domain/org/principal';
import { rolesAt } from '../domain/org/scope';
import type { Role } from '../domain/roles';
import { formatOf } from '../domain/rules/granting-authority';
import type { Authority } from '../domain/rules/rule-set';
import { RuleSetCatalogue } from '../domain/rules/rule-set-catalogue';
import { capacityRefusal, signatureBlock, signingOf } from '../domain/rules/signing';
import { unitNotFound } from '../organisation/organisation-errors';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
  type StoredUnit,
} from '../persistence/repositories/organisation.repository';
import {
  UNIT_AUTHORITIES_REPOSITORY,
  type StoredSigner,
  type StoredUnitAuthority,
  type UnitAuthoritiesRepository,
} from '../persistence/repositories/unit-authorities.repository';
import {
  authorityNotRecorded,
  capacityNotAllowed,
  onBehalfOfWithoutCapacity,
  duplicateAuthority,
  mixedFormats,
  seriesCodeRequired,
  signerNameRequired,
  signerNotFound,
  signerPersonUnknown,
  unknownAuthority,
} from './authority-errors';
import {
  SERIES_CODE,
  type AuthorityDescriptionDto,
  type CreateSignerDto,
  type PutUnitAuthoritiesDto,
  type SignerDto,
  type SignerListDto,
  type UnitAuthoritiesDto,
  type UpdateSignerDto,
} from './dto/authorities.dto';

/** Who reads a unit's authorities and signers (in their scope); admins change them. */
const READERS: readonly Role[] = ['admin', 'secretariat', 'auditor'];

/**
 * The issuing authorities a unit acts as (issue 17 item 1) and the people who sign for them (item
 * 5): registry data, kept by admins and written to the change log on the unit, like the rest of
 * the organisation.
 */
@Injectable()
export class AuthoritiesService {
  constructor(
    @Inject(UNIT_AUTHORITIES_REPOSITORY) private readonly authorities: UnitAuthoritiesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    private readonly ruleSets: RuleSetCatalogue,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, unitId: string): Promise<UnitAuthoritiesDto> {
    const unit = await this.readableUnit(principal, unitId);
    return this.view(unit, await this.authorities.authoritiesOf(unit.id));
  }

  /** Records the authorities the unit acts as now: the rest are ended, listed ones reopened. */
  async put(
    admin: Principal,
    unitId: string,
    input: PutUnitAuthoritiesDto,
  ): Promise<UnitAuthoritiesDto> {
    const unit = await this.readableUnit(admin, unitId);
    const { ruleSet } = this.ruleSets.latest(this.clock.todayInVietnam());
    const label = `${ruleSet.id} v${ruleSet.version}`;
    const seen = new Set<string>();
    const wanted = input.authorities.map((item, index) => {
      const authority = ruleSet.authorities.find((a) => a.code === item.code);
      if (authority === undefined) {
        throw unknownAuthority(`authorities[${index}].code`, item.code, label);
      }
      if (seen.has(item.code)) throw duplicateAuthority(item.code);
      seen.add(item.code);
      // Left out, the series is the unit's code, when that is one (a code may be longer, or
      // hold an underscore: stored, it failed on PostgreSQL and printed wrong on SQLite).
      if (item.seriesCode === undefined && !SERIES_CODE.test(unit.code)) {
        throw seriesCodeRequired(`authorities[${index}].seriesCode`, unit.code);
      }
      return { authority, seriesCode: item.seriesCode ?? unit.code };
    });
    const party = wanted.filter((w) => formatOf(w.authority) === 'party');
    const state = wanted.filter((w) => formatOf(w.authority) === 'state');
    if (party.length > 0 && state.length > 0) {
      throw mixedFormats(
        party.map((w) => w.authority.code),
        state.map((w) => w.authority.code),
      );
    }
    const rows = await this.authorities.transaction(async (tx) => {
      await tx.lockUnit(unit.id);
      const before = await tx.authoritiesOf(unit.id);
      const at = this.clock.nowIso();
      for (const { authority, seriesCode } of wanted) {
        const existing = before.find((row) => row.authorityCode === authority.code);
        if (existing === undefined) {
          await tx.insertAuthority({
            id: uuidv7(),
            unitId: unit.id,
            authorityCode: authority.code,
            seriesCode,
            active: true,
            createdAt: at,
            updatedAt: at,
            endedAt: null,
          });
        } else if (!existing.active || existing.seriesCode !== seriesCode) {
          await tx.updateAuthority({
            ...existing,
            seriesCode,
            active: true,
            endedAt: null,
            updatedAt: at,
          });
        }
      }
      for (const row of before.filter((r) => r.active && !seen.has(r.authorityCode))) {
        await tx.updateAuthority({ ...row, active: false, endedAt: at, updatedAt: at });
      }
      const after = await tx.authoritiesOf(unit.id);
      const summary = (list: StoredUnitAuthority[]) =>
        list.filter((r) => r.active).map((r) => ({ code: r.authorityCode, series: r.seriesCode }));
      if (JSON.stringify(summary(before)) !== JSON.stringify(summary(after))) {
        await tx.recordChanges([
          changeRecord(authorOf(admin), at, 'unit', unit.id, 'authorities', summary(before), {
            authorities: summary(after),
          }),
        ]);
      }
      return after;
    });
    return this.view(unit, rows);
  }

  async signers(principal: Principal, unitId: string): Promise<SignerListDto> {
    const unit = await this.readableUnit(principal, unitId);
    const rows = await this.authorities.signersOf(unit.id);
    return { items: sortActiveFirst(rows).map(signerView) };
  }

  async createSigner(admin: Principal, unitId: string, input: CreateSignerDto): Promise<SignerDto> {
    const unit = await this.readableUnit(admin, unitId);
    const { ruleSet } = this.ruleSets.latest(this.clock.todayInVietnam());
    const authority = ruleSet.authorities.find((a) => a.code === input.authorityCode);
    if (authority === undefined) {
      throw unknownAuthority(
        'authorityCode',
        input.authorityCode,
        `${ruleSet.id} v${ruleSet.version}`,
      );
    }
    const recorded = (await this.authorities.authoritiesOf(unit.id)).find(
      (row) => row.active && row.authorityCode === authority.code,
    );
    if (recorded === undefined) throw authorityNotRecorded(authority.code, unit.name);
    // Registered for any paper the authority signs: delegation (TL.) is refused on awards only.
    const refusal = capacityRefusal(signingOf(authority), input.capacity, 'other');
    if (refusal !== null) throw capacityNotAllowed(input.capacity, refusal.message);
    if (input.capacity === null && input.onBehalfOf !== undefined) {
      throw onBehalfOfWithoutCapacity();
    }
    let fullName = input.fullName;
    if (input.personId !== undefined) {
      const person = await this.organisation.findPersonById(input.personId);
      if (person === null || rolesAt(admin.grants, person.unitPath).length === 0) {
        throw signerPersonUnknown(input.personId);
      }
      fullName ??= person.fullName;
    }
    if (fullName === undefined) throw signerNameRequired();
    const at = this.clock.nowIso();
    const signer: StoredSigner = {
      id: uuidv7(),
      unitId: unit.id,
      personId: input.personId ?? null,
      fullName,
      positionVi: input.position.vi,
      positionEn: input.position.en,
      authorityCode: authority.code,
      capacity: input.capacity,
      onBehalfOf: input.onBehalfOf ?? null,
      active: true,
      createdAt: at,
      updatedAt: at,
      endedAt: null,
    };
    await this.authorities.transaction(async (tx) => {
      await tx.insertSigner(signer);
      await tx.recordChanges([
        changeRecord(authorOf(admin), at, 'unit', unit.id, 'signer_add', null, signer),
      ]);
    });
    return signerView(signer);
  }

  /** Ends (or reopens) a signer; an ended signer can no longer be named on a decision. */
  async updateSigner(admin: Principal, id: string, input: UpdateSignerDto): Promise<SignerDto> {
    const found = isUuid(id) ? await this.authorities.findSigner(id) : null;
    if (found === null) throw signerNotFound(id);
    const unit = await this.organisation.findUnitById(found.unitId);
    if (unit === null || rolesAt(admin.grants, unit.path).length === 0) throw signerNotFound(id);
    return this.authorities.transaction(async (tx) => {
      const before = (await tx.findSigner(id))!;
      if (before.active === input.active) return signerView(before);
      const at = this.clock.nowIso();
      const after: StoredSigner = {
        ...before,
        active: input.active,
        endedAt: input.active ? null : at,
        updatedAt: at,
      };
      await tx.updateSigner(after);
      await tx.recordChanges([
        changeRecord(
          authorOf(admin),
          at,
          'unit',
          unit.id,
          input.active ? 'signer_reopen' : 'signer_end',
          before,
          after,
        ),
      ]);
      return signerView(after);
    });
  }

  /** The unit, when one of the reading roles reaches it; otherwise exactly like a missing unit. */
  private async readableUnit(principal: Principal, unitId: string): Promise<StoredUnit> {
    const unit = isUuid(unitId) ? await this.organisation.findUnitById(unitId) : null;
    if (unit === null || !rolesAt(principal.grants, unit.path).some((r) => READERS.includes(r))) {
      throw unitNotFound(unitId);
    }
    return unit;
  }

  private view(unit: StoredUnit, rows: StoredUnitAuthority[]): UnitAuthoritiesDto {
    const { ruleSet } = this.ruleSets.latest(this.clock.todayInVietnam());
    const find = (code: string) => ruleSet.authorities.find((a) => a.code === code);
    const authorities = sortActiveFirst(rows).map((row) => {
      const authority = find(row.authorityCode);
      return {
        ...(authority === undefined
          ? {
              code: row.authorityCode,
              name: { vi: row.authorityCode, en: row.authorityCode },
              format: 'state' as const,
              signing: 'head' as const,
              level: 'unknown',
            }
          : describe(authority)),
        seriesCode: row.seriesCode,
        active: row.active,
        since: row.createdAt,
        endedAt: row.endedAt,
        known: authority !== undefined,
      };
    });
    const active = authorities.filter((a) => a.active);
    return {
      unitId: unit.id,
      unitCode: unit.code,
      format:
        active.length === 0 ? null : active.some((a) => a.format === 'party') ? 'party' : 'state',
      authorities,
      available: ruleSet.authorities.map(describe),
    };
  }
}

export function describe(authority: Authority): AuthorityDescriptionDto {
  return {
    code: authority.code,
    name: authority.name,
    format: formatOf(authority),
    signing: signingOf(authority),
    level: authority.level,
  };
}

function sortActiveFirst<T extends { active: boolean }>(rows: T[]): T[] {
  return [...rows.filter((r) => r.active), ...rows.filter((r) => !r.active)];
}

function signerView(signer: StoredSigner): SignerDto {
  return {
    id: signer.id,
    unitId: signer.unitId,
    personId: signer.personId,
    fullName: signer.fullName,
    position: { vi: signer.positionVi, en: signer.positionEn },
    authorityCode: signer.authorityCode,
    capacity: signer.capacity,
    onBehalfOf: signer.onBehalfOf,
    titleLines: signatureBlock({
      fullName: signer.fullName,
      position: signer.positionVi,
      capacity: signer.capacity,
      onBehalfOf: signer.onBehalfOf,
      authorityCode: signer.authorityCode,
    }).title,
    active: signer.active,
    endedAt: signer.endedAt,
  };
}
