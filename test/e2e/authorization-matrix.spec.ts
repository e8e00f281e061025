import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import { ROLES, type Role } from '../../src/domain/roles';
import { DIALECTS } from '../support/databases';
import { PROBLEM_JSON, startTestApp, type TestApp } from '../support/test-app';

/**
 * Story: who may do what, where — one table for the whole API. Every documented operation is a row;
 * each row says, for every role, what a caller scoped to unit A gets when the request is about A
 * (in scope) and about its sibling B (out of scope). Out of scope answers exactly like missing
 * (404), lists simply leave such items out, and a role the route does not admit gets 403 whatever
 * the resource. A route the table does not list fails the first test, so none can be forgotten.
 *
 * The organisation: committee C with two child units A and B; person pA in A, pB in B; a nomination
 * about pA (opened by a unit leader of A) and one about pB (opened by a unit leader of B). The admin
 * is organisation-wide (the only way admin can be granted); every other role is one user scoped to
 * A. Bodies are chosen so that the answer shows the authorisation decision and changes nothing that
 * matters: an unknown event type (422 once past authorisation), a rename to the same name, a grant
 * id that does not exist, a spreadsheet that repeats what the registry already holds.
 */

/** Operations reachable without a token; everything else must be in TABLE. */
const PUBLIC_OPERATIONS = ['POST /api/v1/auth/login', 'GET /health'];

const ROLES_IN_TABLE = [
  'admin',
  'unit_leader',
  'secretariat',
  'council_member',
  'council_chair',
  'auditor',
] as const satisfies readonly Role[];

/** An expected answer: a success status, or an error status with its problem `code`. */
type Outcome = 200 | 201 | `${4 | 5}${number} ${string}`;
/** [in scope, out of scope]. */
type Cell = readonly [Outcome, Outcome];

/** What a request is about: A's resources (in scope) or B's (out of scope). */
interface Side {
  unitId: string;
  unitCode: string;
  unitName: string;
  personId: string;
  personCode: string;
  personName: string;
  caseId: string;
}

interface Fixture {
  committee: { id: string; code: string };
  /** A user that the /users rows read, edit and grant to (never one of the callers). */
  targetUserId: string;
  /** A fresh value for codes and usernames that must be unique. */
  unique(): string;
}

interface Row {
  /** `METHOD /path/{param}` exactly as the OpenAPI document names the operation. */
  operation: string;
  params?: (side: Side, fixture: Fixture) => Record<string, string>;
  /** JSON (an object) or a CSV file (a string, sent as text/csv). */
  body?: (side: Side, fixture: Fixture) => object | string;
  expect: Record<(typeof ROLES_IN_TABLE)[number], Cell>;
}

const FORBIDDEN = '403 AUTH.FORBIDDEN';
const NO_CASE = '404 CASE.NOT_FOUND';
const NO_UNIT = '404 UNIT.NOT_FOUND';
const NO_PERSON = '404 PERSON.NOT_FOUND';
const UNKNOWN_EVENT = '422 CASE.EVENT_UNKNOWN';
const UNKNOWN_SUBJECT = '422 CASE.UNKNOWN_SUBJECT';
const MAY_NOT_OPEN = '403 CASE.ROLE_NOT_ALLOWED';
const NO_GRANT = '404 USER.GRANT_NOT_FOUND';

const TABLE: Row[] = [
  // ── Cases: working roles only, narrowed to their scope; the workflow decides who opens. ──
  {
    operation: 'POST /api/v1/cases',
    body: (side) => ({ type: 'nomination', subject: { kind: 'person', personId: side.personId } }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [201, UNKNOWN_SUBJECT],
      secretariat: [MAY_NOT_OPEN, UNKNOWN_SUBJECT],
      council_member: [MAY_NOT_OPEN, UNKNOWN_SUBJECT],
      council_chair: [MAY_NOT_OPEN, UNKNOWN_SUBJECT],
      auditor: [MAY_NOT_OPEN, UNKNOWN_SUBJECT],
    },
  },
  {
    operation: 'GET /api/v1/cases',
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/cases/{id}',
    params: (side) => ({ id: side.caseId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },
  {
    operation: 'POST /api/v1/cases/{id}/events',
    params: (side) => ({ id: side.caseId }),
    body: () => ({ type: 'NO_SUCH_EVENT' }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [UNKNOWN_EVENT, NO_CASE],
      secretariat: [UNKNOWN_EVENT, NO_CASE],
      council_member: [UNKNOWN_EVENT, NO_CASE],
      council_chair: [UNKNOWN_EVENT, NO_CASE],
      auditor: [UNKNOWN_EVENT, NO_CASE],
    },
  },
  {
    operation: 'GET /api/v1/cases/{id}/history',
    params: (side) => ({ id: side.caseId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },
  {
    operation: 'GET /api/v1/cases/{id}/verify',
    params: (side) => ({ id: side.caseId }),
    expect: {
      admin: [FORBIDDEN, FORBIDDEN],
      unit_leader: [200, NO_CASE],
      secretariat: [200, NO_CASE],
      council_member: [200, NO_CASE],
      council_chair: [200, NO_CASE],
      auditor: [200, NO_CASE],
    },
  },

  // ── Units: everyone sees their subtree; admin writes; admin and auditor read the change log. ──
  {
    operation: 'GET /api/v1/units',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'POST /api/v1/units',
    body: (side, fixture) => ({
      code: `MX-U-${fixture.unique()}`,
      name: 'Tổ công tác (ma trận quyền)',
      kind: 'party_cell',
      parentId: side.unitId,
    }),
    expect: {
      admin: [201, 201],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'GET /api/v1/units/{id}',
    params: (side) => ({ id: side.unitId }),
    expect: {
      admin: [200, 200],
      unit_leader: [200, NO_UNIT],
      secretariat: [200, NO_UNIT],
      council_member: [200, NO_UNIT],
      council_chair: [200, NO_UNIT],
      auditor: [200, NO_UNIT],
    },
  },
  {
    operation: 'PATCH /api/v1/units/{id}',
    params: (side) => ({ id: side.unitId }),
    body: (side) => ({ name: side.unitName }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'GET /api/v1/units/{id}/changes',
    params: (side) => ({ id: side.unitId }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [200, NO_UNIT],
    },
  },

  // ── People: as units. ──
  {
    operation: 'GET /api/v1/people',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'POST /api/v1/people',
    body: (side, fixture) => ({
      code: `MX-P-${fixture.unique()}`,
      fullName: 'Người mới (ma trận quyền)',
      unitId: side.unitId,
      employmentType: 'civil_servant',
    }),
    expect: {
      admin: [201, 201],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'GET /api/v1/people/{id}',
    params: (side) => ({ id: side.personId }),
    expect: {
      admin: [200, 200],
      unit_leader: [200, NO_PERSON],
      secretariat: [200, NO_PERSON],
      council_member: [200, NO_PERSON],
      council_chair: [200, NO_PERSON],
      auditor: [200, NO_PERSON],
    },
  },
  {
    operation: 'PATCH /api/v1/people/{id}',
    params: (side) => ({ id: side.personId }),
    body: (side) => ({ fullName: side.personName }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'GET /api/v1/people/{id}/changes',
    params: (side) => ({ id: side.personId }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [200, NO_PERSON],
    },
  },

  // ── Imports: admin only; the file repeats A's (in) or B's (out) registry rows unchanged. ──
  {
    operation: 'POST /api/v1/imports/units',
    body: (side, fixture) =>
      `code,name,kind,parentCode\n${side.unitCode},${side.unitName},party_cell,${fixture.committee.code}\n`,
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'POST /api/v1/imports/people',
    body: (side) =>
      `code,fullName,unitCode,employmentType\n${side.personCode},${side.personName},${side.unitCode},civil_servant\n`,
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },

  // ── Catalogue: the rule sets and awards in force, for every signed-in user. ──
  {
    operation: 'GET /api/v1/rulesets',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/rulesets/{id}/versions/{version}',
    params: () => ({ id: 'vn-law-06-2022-decree-152-2025', version: '1' }),
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/awards',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  // ── Workflows: the published definitions, for every signed-in user. ──
  {
    operation: 'GET /api/v1/workflows',
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },
  {
    operation: 'GET /api/v1/workflows/{id}/versions/{version}',
    params: () => ({ id: 'nomination', version: '1' }),
    expect: {
      admin: [200, 200],
      unit_leader: [200, 200],
      secretariat: [200, 200],
      council_member: [200, 200],
      council_chair: [200, 200],
      auditor: [200, 200],
    },
  },

  // ── Users and grants: admin only. ──
  {
    operation: 'POST /api/v1/users',
    body: (side, fixture) => ({
      username: `matrix.user-${fixture.unique()}`,
      displayName: 'Người dùng (ma trận quyền)',
      password: 'a-long-matrix-password',
      grants: [{ role: 'auditor', unitId: side.unitId }],
    }),
    expect: {
      admin: [201, 201],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'GET /api/v1/users',
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'GET /api/v1/users/{id}',
    params: (_side, fixture) => ({ id: fixture.targetUserId }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'GET /api/v1/users/{id}/changes',
    params: (_side, fixture) => ({ id: fixture.targetUserId }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      // Account histories span units: only organisation-wide auditors read them.
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'PATCH /api/v1/users/{id}',
    params: (_side, fixture) => ({ id: fixture.targetUserId }),
    body: () => ({ displayName: 'Người được sửa (ma trận quyền)' }),
    expect: {
      admin: [200, 200],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'POST /api/v1/users/{id}/grants',
    params: (_side, fixture) => ({ id: fixture.targetUserId }),
    body: (side) => ({ role: 'council_member', unitId: side.unitId }),
    expect: {
      admin: [201, 201],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
  {
    operation: 'DELETE /api/v1/users/{id}/grants/{grantId}',
    params: (_side, fixture) => ({ id: fixture.targetUserId, grantId: randomUUID() }),
    expect: {
      admin: [NO_GRANT, NO_GRANT],
      unit_leader: [FORBIDDEN, FORBIDDEN],
      secretariat: [FORBIDDEN, FORBIDDEN],
      council_member: [FORBIDDEN, FORBIDDEN],
      council_chair: [FORBIDDEN, FORBIDDEN],
      auditor: [FORBIDDEN, FORBIDDEN],
    },
  },
];

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

const SCOPES = ['in', 'out'] as const;
type Scope = (typeof SCOPES)[number];

/** "METHOD /path" for every operation of an OpenAPI document. */
function documentedOperations(document: { paths: Record<string, object> }): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => method in item).map(
      (method) => `${method.toUpperCase()} ${path}`,
    ),
  );
}

/** The answer as the table writes it: `200`, or `404 CASE.NOT_FOUND` for an error. */
function describeAnswer(response: Response): string {
  if (response.status < 400) return String(response.status);
  return `${response.status} ${response.body?.code ?? '(no code)'}`;
}

describe.each(DIALECTS)('authorisation matrix (%s)', (dialect) => {
  let t: TestApp;
  let fixture: Fixture;
  let sides: Record<Scope, Side>;
  let unitAPath: string;
  const tokens = {} as Record<Role, string>;
  let counter = 0;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const committee = await t.createUnit('Đảng ủy Khối (ma trận)', 'party_committee');
    const unitA = await t.createUnit('Chi bộ A (ma trận)', 'party_cell', committee.id);
    const unitB = await t.createUnit('Chi bộ B (ma trận)', 'party_cell', committee.id);
    const personA = await t.createPerson('Nguyễn Văn Ân', unitA.id);
    const personB = await t.createPerson('Trần Thị Bình', unitB.id);

    const open = async (unitId: string, personId: string) => {
      const leader = await t.userWithGrants([{ role: 'unit_leader', unitId }]);
      const opened = await t.openCase(leader.token, {
        type: 'nomination',
        subject: { kind: 'person', personId },
      });
      if (opened.status !== 201) throw new Error(`open: ${JSON.stringify(opened.body)}`);
      return opened.body.id as string;
    };
    sides = {
      in: {
        unitId: unitA.id,
        unitCode: unitA.code,
        unitName: 'Chi bộ A (ma trận)',
        personId: personA.id,
        personCode: personA.code,
        personName: 'Nguyễn Văn Ân',
        caseId: await open(unitA.id, personA.id),
      },
      out: {
        unitId: unitB.id,
        unitCode: unitB.code,
        unitName: 'Chi bộ B (ma trận)',
        personId: personB.id,
        personCode: personB.code,
        personName: 'Trần Thị Bình',
        caseId: await open(unitB.id, personB.id),
      },
    };
    unitAPath = (await t.getAs(t.adminToken, `/api/v1/units/${unitA.id}`)).body.path;

    tokens.admin = t.adminToken;
    for (const role of ROLES_IN_TABLE) {
      if (role === 'admin') continue;
      tokens[role] = (await t.userWithGrants([{ role, unitId: unitA.id }])).token;
    }
    const target = await t.userWithGrants([{ role: 'auditor', unitId: unitA.id }]);
    fixture = {
      committee,
      targetUserId: target.id,
      unique: () => `${dialect}-${(counter += 1)}`,
    };
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Builds the row's request about `side`, as `token` (none: anonymous). */
  function send(row: Row, side: Side, token?: string): Test {
    const [method, template] = row.operation.split(' ');
    const params = row.params?.(side, fixture) ?? {};
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (params[name] === undefined) throw new Error(`${row.operation}: no value for {${name}}`);
      return encodeURIComponent(params[name]);
    });
    let request = t.http[method.toLowerCase() as HttpMethod](path);
    if (token !== undefined) request = request.auth(token, { type: 'bearer' });
    const body = row.body?.(side, fixture);
    if (typeof body === 'string') return request.set('Content-Type', 'text/csv').send(body);
    if (body !== undefined) return request.send(body);
    return request;
  }

  it('has one row for every documented operation and a column for every role', async () => {
    const response = await t.http.get('/api/docs-json');
    expect(response.status).toBe(200);
    const documented = documentedOperations(response.body);
    const inTable = TABLE.map((row) => row.operation);

    expect([...ROLES_IN_TABLE].sort()).toEqual([...ROLES].sort());
    expect(inTable.filter((operation, i) => inTable.indexOf(operation) !== i)).toEqual([]);
    expect({
      missingFromTable: documented.filter(
        (operation) => !inTable.includes(operation) && !PUBLIC_OPERATIONS.includes(operation),
      ),
      notDocumented: [...inTable, ...PUBLIC_OPERATIONS].filter(
        (operation) => !documented.includes(operation),
      ),
      publicButInTable: PUBLIC_OPERATIONS.filter((operation) => inTable.includes(operation)),
    }).toEqual({ missingFromTable: [], notDocumented: [], publicButInTable: [] });
  });

  it('answers every route × role × scope as the table says', async () => {
    const mismatches: string[] = [];
    const check = (label: string, response: Response, expected: Outcome) => {
      const actual = describeAnswer(response);
      if (actual !== String(expected)) {
        mismatches.push(`${label}: expected ${expected}, got ${actual}`);
      }
      if (response.status >= 400 && !PROBLEM_JSON.test(response.headers['content-type'] ?? '')) {
        mismatches.push(`${label}: ${response.status} as ${response.headers['content-type']}`);
      }
    };

    let cells = 0;
    for (const row of TABLE) {
      check(`${row.operation} · no token`, await send(row, sides.in), '401 AUTH.UNAUTHENTICATED');
      cells += 1;
      for (const role of ROLES_IN_TABLE) {
        for (const [index, scope] of SCOPES.entries()) {
          const response = await send(row, sides[scope], tokens[role]);
          check(`${row.operation} · ${role} · ${scope}`, response, row.expect[role][index]);
          cells += 1;
        }
      }
    }

    expect(mismatches).toEqual([]);
    expect(cells).toBe(TABLE.length * (1 + ROLES_IN_TABLE.length * SCOPES.length));
  });

  /** A list item, with whatever says where it belongs. */
  interface ListItem {
    id: string;
    path?: string;
    unitPath?: string;
    subject?: { unitId?: string };
  }

  const LISTS = {
    cases: {
      path: '/api/v1/cases?limit=100',
      own: () => [sides.in.caseId],
      others: () => [sides.out.caseId],
      inA: (item: ListItem) => item.subject?.unitId === sides.in.unitId,
    },
    people: {
      path: '/api/v1/people?limit=100',
      own: () => [sides.in.personId],
      others: () => [sides.out.personId],
      inA: (item: ListItem) => item.unitPath?.startsWith(unitAPath) === true,
    },
    units: {
      path: '/api/v1/units?limit=100',
      own: () => [sides.in.unitId],
      others: () => [sides.out.unitId, fixture.committee.id],
      inA: (item: ListItem) => item.path?.startsWith(unitAPath) === true,
    },
  };

  it.each(Object.keys(LISTS) as (keyof typeof LISTS)[])(
    'lists %s of A and nothing outside A to every A-scoped role',
    async (name) => {
      const list = LISTS[name];
      const wrong: string[] = [];
      for (const role of ROLES_IN_TABLE) {
        if (role === 'admin') continue;
        const response = await t.getAs(tokens[role], list.path);
        if (response.status !== 200) {
          wrong.push(`${role}: ${describeAnswer(response)}`);
          continue;
        }
        const items = response.body.items as ListItem[];
        const ids = items.map((item) => item.id);
        for (const id of list.own()) if (!ids.includes(id)) wrong.push(`${role}: ${id} missing`);
        for (const id of list.others())
          if (ids.includes(id)) wrong.push(`${role}: lists B's ${id}`);
        for (const item of items) {
          if (!list.inA(item)) wrong.push(`${role}: lists ${item.id}, which is outside A`);
        }
      }
      expect(wrong).toEqual([]);
    },
  );
});
