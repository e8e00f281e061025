import { readFileSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { readRuleSetFiles } from '../src/catalogue/rule-set-files';
import { loadCalendar } from '../src/domain/calendar/working-day-calendar';
import { RuleSetCatalogue } from '../src/domain/rules/rule-set-catalogue';
import { assembleCaseEngine } from '../src/case-engine.assembly';
import { TypeOrmHistoricalAwardsRepository } from '../src/persistence/repositories/typeorm-historical-awards.repository';
import { SystemClock } from '../src/common/clock';
import { changeRecord } from '../src/common/change-log';
import type { Principal } from '../src/domain/org/principal';
import { childPath } from '../src/domain/org/scope';
import type { Role } from '../src/domain/roles';
import { createDataSource } from '../src/persistence/data-source';
import { Database } from '../src/persistence/database';
import { TypeOrmCasesRepository } from '../src/persistence/repositories/typeorm-cases.repository';
import { TypeOrmOrganisationRepository } from '../src/persistence/repositories/typeorm-organisation.repository';
import { TypeOrmUsersRepository } from '../src/persistence/repositories/typeorm-users.repository';
import { loadWorkflowCatalogue } from '../src/workflows/workflow-files';
import { summarise, type Row } from './stats';

const CALENDAR = 'data/calendars/vn-public-holidays.json';
/** The documents a nomination of the shipped rule set needs before it is submitted. */
const DOSSIER = ['to_trinh', 'bao_cao_thanh_tich', 'bien_ban_binh_xet'];

/**
 * The application service without HTTP: load the case, run the pure XState step, seal the audit
 * record, commit the version-checked update and the insert in one transaction.
 */
export async function measureEngine(
  file: string,
  transitions: number,
  callers: number,
): Promise<Row> {
  const dataSource = createDataSource({ kind: 'sqlite', file, synchronous: 'FULL' });
  await dataSource.initialize();
  await dataSource.runMigrations();
  const database = new Database(dataSource);
  const users = new TypeOrmUsersRepository(database);
  const organisation = new TypeOrmOrganisationRepository(database);
  const cases = new TypeOrmCasesRepository(database);
  const clock = new SystemClock();
  const { commands: service, documents } = assembleCaseEngine({
    cases,
    organisation,
    historicalAwards: new TypeOrmHistoricalAwardsRepository(database),
    users,
    database,
    workflows: loadWorkflowCatalogue('workflows'),
    ruleSets: RuleSetCatalogue.load(readRuleSetFiles('data/rulesets')),
    calendar: loadCalendar({ source: CALENDAR, text: readFileSync(CALENDAR, 'utf8') }),
    clock,
  });
  const now = new Date().toISOString();
  const unitId = uuidv7();
  const nominees = Array.from({ length: callers }, (_, c) => ({
    id: uuidv7(),
    code: `BENCH-${c}`,
    fullName: `Trần Xuân Lâm ${c}`,
    unitId,
    position: null,
    dateOfBirth: null,
    partyMember: true,
    partyJoinedOn: null,
    employmentType: 'civil_servant' as const,
    active: true,
    demo: false,
    createdAt: now,
    updatedAt: now,
  }));
  await organisation.transaction(async (tx) => {
    await tx.insertUnit({
      ...{ id: unitId, code: 'BENCH', name: 'Đảng ủy Khối', kind: 'party_committee' },
      ...{ parentId: null, path: childPath(null, unitId), active: true, demo: false },
      ...{ createdAt: now, updatedAt: now },
    });
    for (const nominee of nominees) await tx.insertPerson(nominee);
  });
  const principal = (username: string, role: Role): Principal => ({
    userId: uuidv7(),
    username,
    roles: [role],
    personId: null,
    grants: [{ role, unitId: null, scope: null }],
  });
  const leader = principal('leader', 'unit_leader');
  const secretariat = principal('sec', 'secretariat');
  for (const actor of [leader, secretariat]) {
    await users.create(
      {
        id: actor.userId,
        username: actor.username,
        displayName: actor.username,
        passwordHash: 'none',
        active: true,
        mustChangePassword: false,
        personId: null,
        grants: [],
        roles: [],
        createdAt: now,
      },
      changeRecord(
        { userId: null, username: 'bench' },
        now,
        'user',
        actor.userId,
        'create',
        null,
        null,
      ),
    );
  }
  const request = { method: 'POST', path: '/bench' };
  const caseIds: string[] = [];
  const lastYear = new Date().getUTCFullYear() - 1;
  for (const nominee of nominees) {
    const opened = await service.open(
      leader,
      {
        type: 'nomination',
        subject: { kind: 'person', personId: nominee.id },
        data: { awardCode: 'lao_dong_tien_tien', evaluationYear: lastYear },
      },
      request,
    );
    // The dossier a submission needs, uploaded as the HTTP route does (ATTACH_DOCUMENT each).
    for (const code of DOSSIER) {
      await documents.upload(
        leader,
        opened.body.id,
        {
          code,
          fileName: `${code}.pdf`,
          contentType: 'application/pdf',
          body: Buffer.from(`%PDF-1.4\n% ${nominee.code} ${code}\n%%EOF\n`),
        },
        request,
      );
    }
    await service.sendEvent(leader, opened.body.id, { type: 'SUBMIT' }, request);
    await service.sendEvent(secretariat, opened.body.id, { type: 'START_VERIFICATION' }, request);
    caseIds.push(opened.body.id);
  }

  // Each caller alternates two transitions on its own case, like the HTTP clients do.
  const latencies: number[] = [];
  const perCaller = Math.ceil(transitions / callers);
  const started = process.hrtime.bigint();
  await Promise.all(
    caseIds.map(async (id) => {
      for (let i = 0; i < perCaller; i++) {
        const before = process.hrtime.bigint();
        if (i % 2 === 0) {
          await service.sendEvent(
            secretariat,
            id,
            { type: 'RETURN_FOR_SUPPLEMENT', payload: { reason: 'Thiếu hồ sơ' } },
            request,
          );
        } else {
          await service.sendEvent(leader, id, { type: 'RESUBMIT' }, request);
        }
        latencies.push(Number(process.hrtime.bigint() - before) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await dataSource.destroy();
  const how = callers === 1 ? 'sequential' : `${callers} concurrent callers (group commit)`;
  return summarise(`engine + repository (no HTTP), ${how}`, latencies, seconds);
}
