import { randomBytes } from 'node:crypto';
import { BallotSealer } from '../../src/councils/ballot-sealing';
import type { StoredPerson } from '../../src/persistence/repositories/organisation.repository';
import type {
  BallotChoice,
  PublishedBallot,
} from '../../src/persistence/repositories/ballot-box.repository';
import {
  normalizeReceipt,
  receiptHashOf,
  SqlBallotBox,
} from '../../src/persistence/repositories/sql-ballot-box.repository';
import type { StoredUser } from '../../src/persistence/repositories/users.repository';
import { DIALECTS } from '../support/databases';
import {
  aPerson,
  aUnit,
  aUser,
  countRows,
  createUser,
  insertCase,
  insertOrganisation,
  openStore,
  unitSubject,
  type Store,
} from './fixtures';

const RECEIPT_FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const CHOICE_WORDS = /approve|reject|abstain/i;

type Tally = Record<BallotChoice, number>;

/** Counts per item, the way a reader of the published ballots would add them up. */
function tallyOf(ballots: readonly { itemCaseId: string; choice: BallotChoice }[]) {
  const tally: Record<string, Tally> = {};
  for (const { itemCaseId, choice } of ballots) {
    tally[itemCaseId] ??= { approve: 0, reject: 0, abstain: 0 };
    tally[itemCaseId][choice] += 1;
  }
  return tally;
}

describe('ballot sealing', () => {
  const sealer = new BallotSealer(randomBytes(32));
  const content = { itemCaseId: 'item-1', choice: 'reject', receiptHash: 'ab'.repeat(32) };

  test('a sealed ballot opens with its key for the session it was sealed in', () => {
    const sealed = sealer.seal(content, 'session-1');

    expect(sealed).not.toMatch(CHOICE_WORDS);
    expect(sealed).not.toContain(content.receiptHash);
    expect(sealer.unseal(sealed, 'session-1')).toEqual(content);
  });

  test('sealing the same content twice gives two unrelated texts (a fresh IV each time)', () => {
    expect(sealer.seal(content, 'session-1')).not.toBe(sealer.seal(content, 'session-1'));
  });

  test('every choice seals to the same length, so the length does not tell the choice', () => {
    const lengths = (['approve', 'reject', 'abstain'] as const).map(
      (choice) => sealer.seal({ ...content, choice }, 'session-1').length,
    );
    expect(new Set(lengths).size).toBe(1);
  });

  test('another session, another key, or an altered text does not open it', () => {
    const sealed = sealer.seal(content, 'session-1');
    const body = sealed.slice(3);
    const flipped = `${body[0] === 'A' ? 'B' : 'A'}${body.slice(1)}`;

    expect(() => sealer.unseal(sealed, 'session-2')).toThrow();
    expect(() => new BallotSealer(randomBytes(32)).unseal(sealed, 'session-1')).toThrow();
    expect(() => sealer.unseal(`v1.${flipped}`, 'session-1')).toThrow();
    expect(() => sealer.unseal('approve', 'session-1')).toThrow('Not a sealed ballot');
  });

  test('a key of any length but 32 bytes is refused', () => {
    expect(() => new BallotSealer(randomBytes(16))).toThrow('must be 32 bytes, not 16');
  });
});

describe.each(DIALECTS)('ballot box (%s)', (dialect) => {
  let store: Store;
  let box: SqlBallotBox;
  let author: StoredUser;
  let voters: StoredPerson[];

  const unit = aUnit(null);

  beforeAll(async () => {
    store = await openStore(dialect);
    box = new SqlBallotBox(store.database, new BallotSealer(randomBytes(32)));
    author = await createUser(store, aUser());
    voters = Array.from({ length: 10 }, () => aPerson(unit));
    await insertOrganisation(store, [unit], voters);
  });
  afterAll(() => store.close());

  const newSession = async () =>
    (
      await insertCase(store, author, {
        caseType: 'council_session',
        subject: unitSubject(unit.name, unit.code, unit.id),
        data: { meetingDate: '2026-03-10', title: 'Phiên họp xét khen thưởng' },
      })
    ).stored.id;

  const newItem = async () => (await insertCase(store, author)).stored.id;

  /** As the service casts: in a transaction that holds the session's lock. */
  const cast = (
    sessionId: string,
    itemCaseId: string,
    personId: string,
    choice: BallotChoice,
    mode: 'secret' | 'open' = 'secret',
  ) =>
    store.cases.transaction(async (tx) => {
      await tx.findForUpdate(sessionId);
      return (await box.castIn(tx, { sessionId, itemCaseId, personId, choice, mode })).receipt;
    });

  const count = (sessionId: string) =>
    store.cases.transaction(async (tx) => {
      await tx.findForUpdate(sessionId);
      return box.countIn(tx, sessionId);
    });

  const sealedRows = (sessionId: string) =>
    countRows(store.ds, 'sealed_ballots', `session_id = '${sessionId}'`);

  test('secret ballots: sealed while open, counted at the close, then published without voters', async () => {
    const session = await newSession();
    const [first, second] = [await newItem(), await newItem()];
    const choices: [string, BallotChoice[]][] = [
      [first, ['approve', 'approve', 'reject', 'abstain', 'approve']],
      [second, ['reject', 'reject', 'approve', 'abstain', 'abstain']],
    ];
    const receipts = new Map<string, { itemCaseId: string; choice: BallotChoice }>();
    for (const [item, itemChoices] of choices) {
      for (const [index, choice] of itemChoices.entries()) {
        receipts.set(await cast(session, item, voters[index].id, choice), {
          itemCaseId: item,
          choice,
        });
      }
    }

    expect(await sealedRows(session)).toBe(10);
    expect(await box.published(session)).toEqual([]);
    expect(await box.participationOf(session)).toHaveLength(10);
    expect(await box.checkReceipt(session, [...receipts.keys()][0])).toBeNull();

    const counted = await count(session);

    expect(tallyOf(counted.secret)).toEqual({
      [first]: { approve: 3, reject: 1, abstain: 1 },
      [second]: { approve: 1, reject: 2, abstain: 2 },
    });
    expect(counted.open).toEqual([]);
    expect(await sealedRows(session)).toBe(0);
    expect(await box.published(session)).toEqual(counted.secret);
    expect(Object.keys(counted.secret[0]).sort()).toEqual(['choice', 'itemCaseId', 'receiptHash']);
    // Counting again finds nothing left to unseal and publishes nothing twice.
    expect(await count(session)).toEqual(counted);
    for (const [receipt, ballot] of receipts) {
      expect(await box.checkReceipt(session, receipt)).toMatchObject(ballot);
    }
  });

  test('who took part is kept, by item then person, and it says nothing of the choice', async () => {
    const session = await newSession();
    const item = await newItem();
    const [a, b] = [voters[3].id, voters[1].id];
    await cast(session, item, a, 'reject');
    await cast(session, item, b, 'approve');

    const expected = [a, b].sort().map((personId) => ({ itemCaseId: item, personId }));
    expect(await box.participationOf(session)).toEqual(expected);
    expect(await store.cases.transaction((tx) => box.participationIn(tx, session))).toEqual(
      expected,
    );
  });

  test('receipts: 4 groups of 4 Crockford characters, read back leniently, only in their session', async () => {
    const session = await newSession();
    const other = await newSession();
    const item = await newItem();
    const receipt = await cast(session, item, voters[0].id, 'abstain');
    await count(session);
    await count(other);

    expect(receipt).toMatch(RECEIPT_FORMAT);
    const expected: PublishedBallot = {
      itemCaseId: item,
      choice: 'abstain',
      receiptHash: receiptHashOf(session, receipt.replace(/-/g, '')),
    };
    expect(await box.checkReceipt(session, receipt)).toEqual(expected);
    const typedByHand = receipt
      .toLowerCase()
      .replace(/-/g, ' ')
      .replace(/0/g, 'o')
      .replace(/1/g, 'l');
    expect(await box.checkReceipt(session, typedByHand)).toEqual(expected);
    expect(await box.checkReceipt(other, receipt)).toBeNull();
    expect(await box.checkReceipt(session, 'AAAA-BBBB-CCCC-DDDD')).toBeNull();
    expect(await box.checkReceipt(session, 'not a receipt')).toBeNull();
  });

  test('a second ballot on the same item is refused (409 COUNCIL.ALREADY_VOTED); the transaction goes on', async () => {
    const session = await newSession();
    const [item, next] = [await newItem(), await newItem()];
    await cast(session, item, voters[0].id, 'approve');

    await expect(cast(session, item, voters[0].id, 'reject')).rejects.toMatchObject({
      code: 'COUNCIL.ALREADY_VOTED',
      kind: 'conflict',
      details: { caseId: item },
      localized: { vi: expect.stringContaining('đã bỏ phiếu'), en: expect.any(String) },
    });
    await expect(cast(session, item, voters[0].id, 'approve', 'open')).rejects.toMatchObject({
      code: 'COUNCIL.ALREADY_VOTED',
    });
    expect(await sealedRows(session)).toBe(1);

    // Refused by a read, not by a failed INSERT: on PostgreSQL that would have aborted the caller's
    // transaction, and the vote on the next item below would fail with it.
    const outcome = await store.cases.transaction(async (tx) => {
      await tx.findForUpdate(session);
      const refused = await box
        .castIn(tx, {
          sessionId: session,
          itemCaseId: item,
          personId: voters[0].id,
          choice: 'reject',
          mode: 'secret',
        })
        .catch((error: { code?: string }) => error.code);
      const accepted = await box.castIn(tx, {
        sessionId: session,
        itemCaseId: next,
        personId: voters[0].id,
        choice: 'reject',
        mode: 'secret',
      });
      return { refused, accepted };
    });
    expect(outcome.refused).toBe('COUNCIL.ALREADY_VOTED');
    expect(outcome.accepted.receipt).toMatch(RECEIPT_FORMAT);

    const counted = await count(session);
    expect(tallyOf(counted.secret)).toEqual({
      [item]: { approve: 1, reject: 0, abstain: 0 },
      [next]: { approve: 0, reject: 1, abstain: 0 },
    });
  });

  test('the same member votes once per item and per session', async () => {
    const [session, other] = [await newSession(), await newSession()];
    const [item, next] = [await newItem(), await newItem()];

    await cast(session, item, voters[0].id, 'approve');
    await cast(session, next, voters[0].id, 'approve');
    await cast(other, item, voters[0].id, 'reject');

    expect(await sealedRows(session)).toBe(2);
    expect(await sealedRows(other)).toBe(1);
  });

  test('a cancelled session: its sealed ballots are deleted unread, nothing is published', async () => {
    const session = await newSession();
    const item = await newItem();
    const receipt = await cast(session, item, voters[0].id, 'approve');
    await cast(session, item, voters[1].id, 'reject');

    await store.cases.transaction((tx) => box.discardIn(tx, session));

    expect(await sealedRows(session)).toBe(0);
    expect(await box.published(session)).toEqual([]);
    expect(await count(session)).toEqual({ secret: [], open: [] });
    expect(await box.checkReceipt(session, receipt)).toBeNull();
    expect(await box.participationOf(session)).toHaveLength(2);
  });

  test('open ballots carry the voter, by design; secret ones in the same session do not', async () => {
    const session = await newSession();
    const [secretItem, openItem] = [await newItem(), await newItem()];
    const [a, b] = [voters[0].id, voters[1].id];
    await cast(session, secretItem, a, 'approve');
    const openReceipt = await cast(session, openItem, a, 'reject', 'open');
    await cast(session, openItem, b, 'approve', 'open');

    expect(await sealedRows(session)).toBe(1);
    const expectedOpen = [
      { itemCaseId: openItem, personId: a, choice: 'reject' },
      { itemCaseId: openItem, personId: b, choice: 'approve' },
    ].sort((x, y) => (x.personId < y.personId ? -1 : 1));
    expect(await box.openBallots(session)).toEqual(expectedOpen);

    const counted = await count(session);
    expect(counted.open).toEqual(expectedOpen);
    expect(counted.secret).toEqual([
      expect.objectContaining({ itemCaseId: secretItem, choice: 'approve' }),
    ]);
    expect(await box.checkReceipt(session, openReceipt)).toMatchObject({
      itemCaseId: openItem,
      choice: 'reject',
    });
  });

  test('published contents and ballots are append-only: the database refuses to change them', async () => {
    const session = await newSession();
    const item = await newItem();
    await cast(session, item, voters[0].id, 'approve');
    await cast(session, item, voters[1].id, 'approve', 'open');
    const counted = await count(session);
    const where = `WHERE session_id = '${session}'`;

    for (const sql of [
      `UPDATE ballot_contents SET choice = 'reject' ${where}`,
      `DELETE FROM ballot_contents ${where}`,
      `UPDATE open_ballots SET choice = 'reject' ${where}`,
      `DELETE FROM ballot_participation ${where}`,
    ]) {
      await expect(store.ds.query(sql)).rejects.toThrow(/append-only/);
    }
    expect(await count(session)).toEqual(counted);
  });

  test('a sealed ballot moved to another item or another session is not counted there', async () => {
    const [session, other] = [await newSession(), await newSession()];
    const [item, elsewhere] = [await newItem(), await newItem()];
    await cast(session, item, voters[0].id, 'approve');

    await store.ds.query(
      `UPDATE sealed_ballots SET item_case_id = '${elsewhere}' WHERE session_id = '${session}'`,
    );
    await expect(count(session)).rejects.toThrow('does not match its row');

    await store.ds.query(
      `UPDATE sealed_ballots SET item_case_id = '${item}', session_id = '${other}' ` +
        `WHERE session_id = '${session}'`,
    );
    await expect(count(other)).rejects.toThrow();
    expect(await box.published(other)).toEqual([]);
  });

  /**
   * The promise of the secret ballot, checked in the database itself after a session of 10 voters
   * on 2 items: nothing stored leads from a ballot's content to its voter.
   */
  describe('a secret ballot cannot be linked to its voter', () => {
    let session: string;
    let items: string[];
    /** In the order they were cast: voter by voter, each voting on both items. */
    const castings: { personId: string; itemCaseId: string; receipt: string; hash: string }[] = [];
    let sealedBeforeClose: string[];

    const allTables = async (): Promise<string[]> => {
      const sql =
        dialect === 'sqlite'
          ? `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
          : `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`;
      return ((await store.ds.query(sql)) as { name: string }[]).map((row) => row.name);
    };

    const columnsOf = async (table: string): Promise<string[]> => {
      const rows: { name: string }[] =
        dialect === 'sqlite'
          ? await store.ds.query(`SELECT name FROM pragma_table_info('${table}')`)
          : await store.ds.query(
              `SELECT column_name AS name FROM information_schema.columns ` +
                `WHERE table_schema = current_schema() AND table_name = $1`,
              [table],
            );
      return rows.map((row) => row.name).sort();
    };

    beforeAll(async () => {
      session = await newSession();
      items = [await newItem(), await newItem()];
      const choices: BallotChoice[] = ['approve', 'reject', 'abstain'];
      for (const [index, voter] of voters.entries()) {
        for (const [itemIndex, item] of items.entries()) {
          const receipt = await cast(session, item, voter.id, choices[(index + itemIndex) % 3]);
          const hash = receiptHashOf(session, normalizeReceipt(receipt)!);
          castings.push({ personId: voter.id, itemCaseId: item, receipt, hash });
        }
      }
      const rows: { sealed: string }[] = await store.ds.query(
        `SELECT sealed FROM sealed_ballots WHERE session_id = '${session}'`,
      );
      sealedBeforeClose = rows.map((row) => row.sealed);
      await count(session);
    });

    test('while the voting is open, sealed rows show no choice, no receipt, and all one length', () => {
      expect(sealedBeforeClose).toHaveLength(20);
      for (const sealed of sealedBeforeClose) {
        expect(sealed).not.toMatch(CHOICE_WORDS);
        for (const { hash, personId } of castings) {
          expect(sealed).not.toContain(hash);
          expect(sealed).not.toContain(personId);
        }
      }
      expect(new Set(sealedBeforeClose.map((sealed) => sealed.length)).size).toBe(1);
    });

    test('published contents have no column that names a person, a time or a sequence', async () => {
      expect(await columnsOf('ballot_contents')).toEqual([
        'choice',
        'item_case_id',
        'receipt_hash',
        'session_id',
      ]);
      expect(await columnsOf('ballot_participation')).toEqual([
        'item_case_id',
        'person_id',
        'session_id',
      ]);
      expect(await sealedRows(session)).toBe(0);
    });

    test('no row of any table holds a receipt hash together with a voter; no receipt code is stored', async () => {
      const voterIds = voters.map((voter) => voter.id);
      let rowsWithReceipts = 0;
      for (const table of await allTables()) {
        const rows: Record<string, unknown>[] = await store.ds.query(`SELECT * FROM ${table}`);
        for (const row of rows) {
          const text = JSON.stringify(row);
          for (const { receipt, hash } of castings) {
            expect(text).not.toContain(receipt);
            expect(text).not.toContain(receipt.replace(/-/g, ''));
            if (!text.includes(hash)) continue;
            rowsWithReceipts += 1;
            expect(table).toBe('ballot_contents');
            for (const voterId of voterIds) expect(text).not.toContain(voterId);
          }
        }
      }
      expect(rowsWithReceipts).toBe(20);
    });

    test('the stored order of the contents is not the order of casting', async () => {
      const castIndex = new Map(castings.map((casting, index) => [casting.hash, index]));
      const storedOrder = async (): Promise<{ receipt_hash: string; item_case_id: string }[]> => {
        if (dialect === 'sqlite') {
          // No rowid to number the rows in order of insertion: the table is stored by its key.
          await expect(store.ds.query(`SELECT rowid FROM ballot_contents`)).rejects.toThrow(
            /no such column/,
          );
          return store.ds.query(
            `SELECT receipt_hash, item_case_id FROM ballot_contents WHERE session_id = ?`,
            [session],
          );
        }
        return store.ds.query(
          `SELECT receipt_hash, item_case_id FROM ballot_contents WHERE session_id = $1 ORDER BY ctid`,
          [session],
        );
      };

      const stored = await storedOrder();
      expect(stored).toHaveLength(20);
      // Within each item (10 ballots) a shuffle keeps the casting order once in 10! ≈ 3.6 million.
      for (const item of items) {
        const order = stored
          .filter((row) => row.item_case_id === item)
          .map((row) => castIndex.get(row.receipt_hash)!);
        expect(order).toHaveLength(10);
        expect(order).not.toEqual([...order].sort((a, b) => a - b));
      }
    });

    if (dialect === 'postgres') {
      test('every content was written by one transaction, none of those that cast the ballots', async () => {
        const contents: { xmin: string }[] = await store.ds.query(
          `SELECT xmin::text AS xmin FROM ballot_contents WHERE session_id = $1`,
          [session],
        );
        const castings: { xmin: string }[] = await store.ds.query(
          `SELECT xmin::text AS xmin FROM ballot_participation WHERE session_id = $1`,
          [session],
        );

        expect(new Set(contents.map((row) => row.xmin)).size).toBe(1);
        expect(new Set(castings.map((row) => row.xmin)).size).toBe(20);
        expect(castings.map((row) => row.xmin)).not.toContain(contents[0].xmin);
      });
    }

    if (dialect === 'sqlite') {
      test('no ballot table numbers its rows in order of insertion (no rowid)', async () => {
        for (const table of ['ballot_contents', 'sealed_ballots', 'ballot_participation']) {
          await expect(store.ds.query(`SELECT rowid FROM ${table}`)).rejects.toThrow(
            /no such column/,
          );
        }
      });
    }
  });
});
