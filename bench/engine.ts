import { v7 as uuidv7 } from 'uuid';
import { CasesService } from '../src/cases/cases.service';
import { SystemClock } from '../src/common/clock';
import type { ActorFacts } from '../src/domain/roles';
import { WorkflowCatalogue } from '../src/domain/workflow/workflow-catalogue';
import { createDataSource } from '../src/persistence/data-source';
import { Database } from '../src/persistence/database';
import { TypeOrmCasesRepository } from '../src/persistence/repositories/typeorm-cases.repository';
import { TypeOrmUsersRepository } from '../src/persistence/repositories/typeorm-users.repository';
import { readWorkflowFiles } from '../src/workflows/workflow-files';
import { summarise, type Row } from './stats';

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
  const service = new CasesService(
    new TypeOrmCasesRepository(database),
    WorkflowCatalogue.load(readWorkflowFiles('workflows')),
    new SystemClock(),
  );
  const leader: ActorFacts = { userId: uuidv7(), username: 'leader', roles: ['unit_leader'] };
  const secretariat: ActorFacts = { userId: uuidv7(), username: 'sec', roles: ['secretariat'] };
  for (const actor of [leader, secretariat]) {
    await users.create({
      id: actor.userId,
      username: actor.username,
      displayName: actor.username,
      passwordHash: 'none',
      active: true,
      roles: [...actor.roles],
      createdAt: new Date().toISOString(),
    });
  }
  const request = { method: 'POST', path: '/bench' };
  const caseIds: string[] = [];
  for (let c = 0; c < callers; c++) {
    const opened = await service.open(
      leader,
      { type: 'nomination', subject: { kind: 'person', name: `Trần Xuân Lâm ${c}` } },
      request,
    );
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
