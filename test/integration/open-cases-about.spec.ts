import type { StoredUser } from '../../src/persistence/repositories/users.repository';
import { DIALECTS } from '../support/databases';
import {
  aPerson,
  aTransition,
  aUnit,
  aUser,
  createUser,
  insertCase,
  insertOrganisation,
  openStore,
  personSubject,
  unitSubject,
  type Store,
} from './fixtures';

/*
 * CaseTransaction.openCasesAboutForUpdate, which the violation's holds read their nominations
 * with: the open cases of one type about one subject, in id order. A person's cases carry the
 * person; a unit's own cases name no person (its members' cases are not its own).
 */
describe.each(DIALECTS)('open cases about a subject, in the transaction (%s)', (dialect) => {
  let store: Store;
  let author: StoredUser;

  beforeAll(async () => {
    store = await openStore(dialect);
    author = aUser({ roles: ['unit_leader'] });
    await createUser(store, author);
  });
  afterAll(() => store.close());

  test('finds the open cases of the type about the person or the unit, and nothing else', async () => {
    const unit = aUnit(null);
    const member = aPerson(unit);
    const colleague = aPerson(unit);
    await insertOrganisation(store, [unit], [member, colleague]);
    const asMember = personSubject(member.fullName, { id: member.id, unitId: unit.id });
    const asUnit = unitSubject(unit.name, unit.code, unit.id);
    const about = (subject: typeof asMember, caseType = 'nomination') =>
      insertCase(store, author, {
        subject,
        caseType,
        unit,
        subjectPersonId: subject.kind === 'person' ? subject.id : null,
      });

    const first = await about(asMember);
    const second = await about(asMember);
    const closed = await about(asMember);
    const withdrawn = aTransition(closed.stored, author, { toState: 'withdrawn', closed: true });
    expect(await store.cases.transaction((tx) => tx.applyTransition(withdrawn))).toBe(true);
    await about(asMember, 'violation');
    const ofTheUnit = await about(asUnit);
    await about(personSubject(colleague.fullName, { id: colleague.id, unitId: unit.id }));

    const found = await store.cases.transaction(async (tx) => ({
      person: await tx.openCasesAboutForUpdate(asMember, 'nomination'),
      unit: await tx.openCasesAboutForUpdate(asUnit, 'nomination'),
      nobody: await tx.openCasesAboutForUpdate({ kind: 'person', id: unit.id }, 'nomination'),
    }));

    expect({
      person: found.person.map((c) => c.id),
      unit: found.unit.map((c) => c.id),
      nobody: found.nobody,
    }).toEqual({
      person: [first.stored.id, second.stored.id].sort(),
      unit: [ofTheUnit.stored.id],
      nobody: [],
    });
    expect(found.person[0]).toEqual({ ...first.stored, unitPath: unit.path });
  });
});
