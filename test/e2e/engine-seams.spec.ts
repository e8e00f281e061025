import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CaseCommands } from '../../src/cases/case-commands.service';
import { CaseEffects, type CaseEffect } from '../../src/cases/plugins/case-effects';
import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';
import { disciplinePayload, violationReport } from '../support/violations';
import { openNomination, step } from './nominations/nomination-steps';

/*
 * The engine's seams, as a plug-in author meets them: a workflow that declares a fact nobody serves
 * stops start-up; a new version that renames a state keeps eligibility right because readers go by
 * the state's tags; an effect runs in the transaction of the event that triggered it and may send
 * an event to another case as the `system` actor, which no HTTP caller can be.
 */

const label = (en: string) => ({ vi: en, en });
const EMPTY = { type: 'object', additionalProperties: false, properties: {} };

/** A copy of the shipped workflows (with their state-tag overlays) plus `extra` files. */
function workflowsWith(extra: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'workflows-'));
  cpSync('workflows', dir, { recursive: true });
  for (const [name, definition] of Object.entries(extra)) {
    writeFileSync(path.join(dir, name), JSON.stringify(definition, null, 2));
  }
  return dir;
}

/** The latest shipped violation version; the test publishes the one after it. */
const LATEST_VIOLATION = 5;

/** Violation's latest version published again as the next with one state renamed; its tags say the same. */
function violationWithRenamedState(from: string, to: string): unknown {
  const text = readFileSync(`workflows/violation.v${LATEST_VIOLATION}.json`, 'utf8')
    .replaceAll(`"${from}"`, `"${to}"`)
    .replace(`"version": ${LATEST_VIOLATION}`, `"version": ${LATEST_VIOLATION + 1}`);
  return JSON.parse(text);
}

/** A small workflow whose only automatic event is the engine's: NOTE_MATTER, role `system`. */
const WATCH = {
  id: 'watch',
  version: 1,
  caseType: 'watch',
  title: label('Watch list entry (test fixture)'),
  sources: ['test fixture for the engine seams'],
  openRoles: ['secretariat'],
  events: {
    NOTE_MATTER: {
      label: label('Note a matter'),
      roles: ['system'],
      payloadSchema: {
        type: 'object',
        additionalProperties: false,
        required: ['violationId'],
        properties: { violationId: { type: 'string' } },
      },
    },
    CLOSE: { label: label('Close'), roles: ['secretariat'], payloadSchema: EMPTY },
  },
  machine: {
    initial: 'watching',
    states: {
      watching: {
        meta: { label: label('Watching') },
        on: { NOTE_MATTER: { target: 'noted' }, CLOSE: { target: 'closed' } },
      },
      noted: { meta: { label: label('Noted') }, on: { CLOSE: { target: 'closed' } } },
      closed: { type: 'final', meta: { label: label('Closed'), tags: ['closed'] } },
    },
  },
};

describe.each(DIALECTS)('the engine seams (%s)', (dialect) => {
  test('start-up refuses a workflow that declares a fact no provider serves, naming file and fact', async () => {
    const probe = {
      ...WATCH,
      id: 'probe',
      caseType: 'probe',
      events: { ...WATCH.events, CLOSE: { ...WATCH.events.CLOSE, facts: ['today', 'weather'] } },
    };
    const dir = workflowsWith({ 'probe.v1.json': probe });
    try {
      await expect(startTestApp(dialect, { WORKFLOWS_DIR: dir })).rejects.toThrow(
        `${path.join(dir, 'probe.v1.json')}: invalid workflow definition:\n  - events.CLOSE.facts: no provider serves the fact "weather"`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('with a renamed state and an effect that sends system events', () => {
    let t: TestApp;
    let dir: string;
    let secretariat: string;
    let leader: string;
    let chair: string;
    /** Which watch case the test effect notes a new violation about this person on. */
    const watchOf = new Map<string, string>();

    beforeAll(async () => {
      dir = workflowsWith({
        [`violation.v${LATEST_VIOLATION + 1}.json`]: violationWithRenamedState(
          'deciding',
          'under_consideration',
        ),
        'watch.v1.json': WATCH,
      });
      t = await startTestApp(dialect, { WORKFLOWS_DIR: dir });
      [secretariat, leader, chair] = await t.tokensFor(
        'secretariat',
        'unit_leader',
        'council_chair',
      );
      const noteNewViolations: CaseEffect = {
        name: 'test-note-new-violations',
        appliesTo: ({ before, after }) =>
          before === null && after.caseType === 'violation' && watchOf.has(after.subjectPersonId!),
        apply: async ({ after }, { sendSystemEvent }) => {
          await sendSystemEvent(watchOf.get(after.subjectPersonId!)!, 'NOTE_MATTER', {
            violationId: after.id,
          });
        },
      };
      t.app.get(CaseEffects).register(noteNewViolations);
    });
    afterAll(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const openViolation = (personId: string) =>
      t.openCase(secretariat, {
        type: 'violation',
        subject: { kind: 'person', personId },
        data: violationReport({
          category: 'other',
          source: 'inspection',
          summary: 'Vi phạm quy chế làm việc',
        }),
      });

    test('each event’s payload schema is served with its workflow and types the OpenAPI request', async () => {
      const detail = await t.getAs(secretariat, '/api/v1/workflows/nomination/versions/3');
      const announce = detail.body.events.find((e: { type: string }) => e.type === 'ANNOUNCE');
      expect(announce.payloadSchema).toMatchObject({
        additionalProperties: false,
        required: ['decision'],
        properties: { decision: { additionalProperties: false, required: ['signer'] } },
      });
      expect(announce.legalDates['decision.date'].label.vi).toBe('Ngày ký quyết định khen thưởng');
      expect(announce.facts).toEqual(['today', 'publicNotice', 'decisionNumber']);
      const states = detail.body.states as { name: string; tags: string[] }[];
      expect(states.find((s) => s.name === 'announced')?.tags).toEqual(['granted']);
      // An older version reads its meanings from its overlay.
      const v2 = await t.getAs(secretariat, '/api/v1/workflows/violation/versions/2');
      const v2States = v2.body.states as { name: string; tags: string[] }[];
      expect(v2States.find((s) => s.name === 'deciding')?.tags).toEqual(['pending_matter']);

      const document = (await t.http.get('/api/docs-json')).body;
      const body =
        document.paths['/api/v1/cases/{id}/events'].post.requestBody.content['application/json']
          .schema;
      expect(body.anyOf).toContainEqual({ $ref: '#/components/schemas/NominationV3Event' });
      expect(body.anyOf).toContainEqual({ $ref: '#/components/schemas/ViolationV3Event' });
      expect(body.anyOf).toContainEqual({ $ref: '#/components/schemas/ViolationV5Event' });
      const schemas = document.components.schemas;
      expect(schemas.NominationV3Event.discriminator.mapping.ANNOUNCE).toBe(
        '#/components/schemas/NominationV3Announce',
      );
      expect(schemas.NominationV3Announce.properties.type).toEqual({
        type: 'string',
        enum: ['ANNOUNCE'],
      });
      expect(schemas.NominationV3Announce.properties.payload.properties.decision).toMatchObject({
        additionalProperties: false,
        properties: { date: { type: 'string', format: 'date' } },
      });
      // OpenAPI 3.0 has no null type: "a discipline or null" becomes a nullable object.
      expect(schemas.ViolationV3Decide.properties.payload.properties.discipline).toMatchObject({
        type: 'object',
        nullable: true,
        required: ['subjectType', 'form'],
      });
    });

    test('a violation in the renamed state still puts a nomination on hold', async () => {
      const nominee = await t.createPerson('Phan Thị Hồng Nhung');
      const violation = await openViolation(nominee.id);
      expect(violation.body.workflow).toMatchObject({
        id: 'violation',
        version: LATEST_VIOLATION + 1,
      });
      const violationId = violation.body.id as string;
      await step(t, secretariat, violationId, 'START_VERIFICATION', 'verifying');
      await step(t, secretariat, violationId, 'CONFIRM', 'confirmed', { reason: 'Đã xác minh' });
      await step(t, secretariat, violationId, 'REFER_FOR_DECISION', 'under_consideration');

      const nomination = await openNomination(t, leader, nominee.id);
      await t.attachDossier(leader, nomination);
      const submitted = await step(t, leader, nomination, 'SUBMIT', 'submitted');
      const { eligibility } = submitted.body.context;
      expect(eligibility.outcome).toBe('on_hold');
      const hold = eligibility.linesNotPassed.find(
        (l: { rule: string }) => l.rule === 'on_hold.pending_matter',
      );
      expect(hold).toMatchObject({ outcome: 'on_hold' });
      // The secretariat, who may read the violation, is told which case holds it.
      const report = await t.getAs(secretariat, `/api/v1/cases/${nomination}/eligibility`);
      const judged = report.body.lines.find(
        (l: { rule: string }) => l.rule === 'on_hold.pending_matter',
      );
      expect(JSON.stringify(judged.details)).toContain(violationId);

      // Decided, the same case bars by its discipline instead (its tag: discipline_in_force).
      await step(
        t,
        chair,
        violationId,
        'DECIDE',
        'decided',
        await disciplinePayload(t, chair, violationId, {
          outcome: 'no_discipline',
          signer: 'Trần Văn Sơn',
        }),
      );
      await step(t, secretariat, nomination, 'START_VERIFICATION', 'verifying');
      const verified = await step(t, secretariat, nomination, 'MARK_VERIFIED', 'verified');
      expect(verified.body.context.eligibility.outcome).not.toBe('on_hold');
    });

    test('an effect appends a system event to another case in the same transaction, audited as system', async () => {
      const person = await t.createPerson('Vũ Đình Khoa');
      const watch = await t.openCase(secretariat, {
        type: 'watch',
        subject: { kind: 'person', personId: person.id },
      });
      expect(watch.status).toBe(201);
      const watchId = watch.body.id as string;
      // Nobody may send the engine's event: it is not offered, and sending it is refused.
      expect(watch.body.allowedEvents.map((e: { type: string }) => e.type)).toEqual(['CLOSE']);
      for (const token of [secretariat, leader, chair]) {
        const refused = await t.sendEvent(token, watchId, 'NOTE_MATTER', { violationId: 'x' });
        expectProblem(refused, 403, 'CASE.ROLE_NOT_ALLOWED');
        expect(refused.body.allowedRoles).toEqual(['system']);
      }

      watchOf.set(person.id, watchId);
      const violation = await openViolation(person.id);
      expect(violation.status).toBe(201);
      const noted = await t.getCase(secretariat, watchId);
      expect(noted.body).toMatchObject({ state: 'noted', version: 2 });
      const history = (await t.history(secretariat, watchId)).body.items;
      expect(history[1]).toMatchObject({
        seq: 2,
        eventType: 'NOTE_MATTER',
        actor: { username: 'system', role: 'system' },
        payload: { violationId: violation.body.id },
        fromState: 'watching',
        toState: 'noted',
      });
      expect((await t.verify(secretariat, watchId)).body.ok).toBe(true);
      expect((await t.verify(secretariat, violation.body.id)).body.ok).toBe(true);
    });

    test('when the effect’s event is refused, the event that triggered it is not applied either', async () => {
      const person = await t.createPerson('Đỗ Minh Tâm');
      const watch = await t.openCase(secretariat, {
        type: 'watch',
        subject: { kind: 'person', personId: person.id },
      });
      const watchId = watch.body.id as string;
      await step(t, secretariat, watchId, 'CLOSE', 'closed');
      watchOf.set(person.id, watchId);
      const before = await t.listCases(secretariat, 'type=violation&limit=100');

      const refused = await openViolation(person.id);
      expectProblem(refused, 409, 'CASE.EFFECT_REFUSED');
      // The related case may be out of the caller's scope: it is not named.
      expect(JSON.stringify(refused.body)).not.toContain(watchId);
      expect(refused.body).toMatchObject({ eventType: 'NOTE_MATTER', refusal: 'CASE.CASE_CLOSED' });
      const after = await t.listCases(secretariat, 'type=violation&limit=100');
      expect(after.body.items.length).toBe(before.body.items.length);
      expect((await t.getCase(secretariat, watchId)).body).toMatchObject({ version: 2 });
    });

    test('the engine sends its own events outside any request, as system', async () => {
      const person = await t.createPerson('Lâm Thị Ngọc Hà');
      const watch = await t.openCase(secretariat, {
        type: 'watch',
        subject: { kind: 'person', personId: person.id },
      });
      const watchId = watch.body.id as string;
      const view = await t.app
        .get(CaseCommands)
        .sendSystemEvent(watchId, 'NOTE_MATTER', { violationId: 'from-a-deadline' });
      expect(view).toMatchObject({ state: 'noted', version: 2, allowedEvents: [] });
      const history = (await t.history(secretariat, watchId)).body.items;
      expect(history[1].actor).toMatchObject({ username: 'system', role: 'system' });
      // The engine is no more than its role: it cannot send a person's event.
      await expect(
        t.app.get(CaseCommands).sendSystemEvent(watchId, 'CLOSE', { why: 'no' }),
      ).rejects.toMatchObject({ code: 'CASE.ROLE_NOT_ALLOWED' });
    });
  });
});
