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
export async function measureEngine(file: string, transitions: number): Promise<Row> {
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
  const opened = await service.open(
    leader,
    { type: 'nomination', subject: { kind: 'person', name: 'Trần Xuân Lâm' } },
    request,
  );
  const id = opened.body.id;
  await service.sendEvent(leader, id, { type: 'SUBMIT' }, request);
  await service.sendEvent(secretariat, id, { type: 'START_VERIFICATION' }, request);

  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < transitions; i++) {
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
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await dataSource.destroy();
  return summarise('engine + repository (no HTTP), sequential', latencies, seconds);
}
