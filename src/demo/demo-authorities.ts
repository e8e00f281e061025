import { v7 as uuidv7 } from 'uuid';
import { changeRecord } from '../common/change-log';
import type { ChangeAuthor } from '../domain/org/change-log';
import type { Localized } from '../domain/localized';
import type { SigningCapacity } from '../domain/rules/signing';
import type { UnitAuthoritiesRepository } from '../persistence/repositories/unit-authorities.repository';
import { COMMITTEE, demoPeople, demoUnits } from './demo-organisation';

/**
 * Who grants what in the demo (issue 17): the committee acts as the standing committee above the
 * grassroots (Party format, its decisions numbered "n-QĐ/ĐUK"), each grassroots Party organisation
 * as its Party committee (a cell-level one as a Party cell), and each enterprise as its director
 * (State format, "n/QĐ-<code>"; Law 06/2022 Art 80(4): the director grants the enterprise's
 * advanced-worker titles and certificates of merit). State awards above the enterprise (Bằng khen
 * of the province) have no grantor in the organisation: they are nominated, never decided here.
 */
export const DEMO_COMMITTEE_SERIES = 'ĐUK';

export interface DemoAuthoritySpec {
  unitCode: string;
  authority: string;
  series?: string;
  signer: { personCode: string; position: Localized; capacity: SigningCapacity | null };
}

export function demoAuthorities(): DemoAuthoritySpec[] {
  const people = demoPeople();
  // The first person of each unit is its head ("Trưởng đơn vị"); the committee's is its secretary.
  const headOf = (unitCode: string) => people.find((p) => p.unitCode === unitCode)!.code;
  const specs: DemoAuthoritySpec[] = [
    {
      unitCode: COMMITTEE,
      authority: 'superior_party_standing_committee',
      series: DEMO_COMMITTEE_SERIES,
      signer: {
        personCode: headOf(COMMITTEE),
        position: { vi: 'Bí thư', en: 'Secretary' },
        capacity: 'T/M',
      },
    },
  ];
  for (const unit of demoUnits()) {
    if (unit.kind === 'grassroots_party_org') {
      const isCell = unit.name.startsWith('Chi bộ');
      specs.push({
        unitCode: unit.code,
        authority: isCell ? 'party_cell' : 'grassroots_party_committee',
        signer: {
          personCode: headOf(unit.code),
          position: { vi: 'Bí thư', en: 'Secretary' },
          capacity: 'T/M',
        },
      });
    }
    if (unit.kind === 'enterprise') {
      specs.push({
        unitCode: unit.code,
        authority: 'enterprise_director',
        signer: {
          personCode: headOf(unit.code),
          position: { vi: 'Giám đốc', en: 'Director' },
          capacity: null,
        },
      });
    }
  }
  return specs;
}

/**
 * Records the demo's authorities and signers: a unit that already records an authority (an
 * earlier run, or an administrator since) is left as it is.
 */
export async function loadDemoAuthorities(
  authorities: UnitAuthoritiesRepository,
  ids: ReadonlyMap<string, string>,
  people: ReadonlyMap<string, string>,
  author: ChangeAuthor,
  at: string,
): Promise<void> {
  for (const spec of demoAuthorities()) {
    const unitId = ids.get(spec.unitCode)!;
    await authorities.transaction(async (tx) => {
      if ((await tx.authoritiesOf(unitId)).length > 0) return;
      await tx.insertAuthority({
        id: uuidv7(),
        unitId,
        authorityCode: spec.authority,
        seriesCode: spec.series ?? spec.unitCode,
        active: true,
        createdAt: at,
        updatedAt: at,
        endedAt: null,
      });
      const signer = {
        id: uuidv7(),
        unitId,
        personId: ids.get(`person:${spec.signer.personCode}`) ?? null,
        fullName: people.get(spec.signer.personCode)!,
        positionVi: spec.signer.position.vi,
        positionEn: spec.signer.position.en,
        authorityCode: spec.authority,
        capacity: spec.signer.capacity,
        onBehalfOf: null,
        active: true,
        createdAt: at,
        updatedAt: at,
        endedAt: null,
      };
      await tx.insertSigner(signer);
      await tx.recordChanges([
        changeRecord(author, at, 'unit', unitId, 'demo_authorities', null, {
          authorities: [{ code: spec.authority, series: spec.series ?? spec.unitCode }],
          signer,
        }),
      ]);
    });
  }
}
