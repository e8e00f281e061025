import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { ROLES, type Role } from '../../src/domain/roles';
import type { WorkflowDefinition } from '../../src/domain/workflow/definition';
import { DIALECTS } from '../support/databases';
import { expectProblem, startTestApp, type TestApp } from '../support/test-app';

const V3 = '/api/v1/workflows/nomination/versions/3/diagram.svg';

function definition(file: string): WorkflowDefinition {
  return JSON.parse(
    readFileSync(join(__dirname, '../../workflows', file), 'utf8'),
  ) as WorkflowDefinition;
}

/** The words drawn in an SVG group: its <text> lines joined (long labels wrap over lines). */
function drawnText(group: string): string {
  return [...group.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
}

/** Every state node as drawn: its classes and words, by state name. */
function stateNodes(svg: string): Map<string, { classes: string[]; text: string; body: string }> {
  const nodes = new Map<string, { classes: string[]; text: string; body: string }>();
  for (const match of svg.matchAll(/<g id="state-([a-z_]+)" class="([^"]+)">([\s\S]*?)<\/g>/g)) {
    nodes.set(match[1], {
      classes: match[2].split(' '),
      text: drawnText(match[3]),
      body: match[3],
    });
  }
  return nodes;
}

/** Every transition as drawn: event and words. */
function edges(svg: string): { event: string; text: string }[] {
  return [...svg.matchAll(/<g id="move-[a-z_]+-([A-Z_]+)-\d+" class="[^"]+">([\s\S]*?)<\/g>/g)].map(
    (m) => ({ event: m[1], text: drawnText(m[2]) }),
  );
}

const text = (response: Response) => (response.body as Buffer).toString('utf8');

/**
 * Story: a unit leader opens a nomination and sees where it stands on the workflow's diagram, drawn
 * by the server from the very definition the case runs on: every state with its Vietnamese label,
 * every event as a labelled arrow, final states marked, the case's state highlighted; in English on
 * request. The picture needs nothing from outside and is described for screen readers. Any
 * signed-in user may see it; a wrong state or language is a 400, an unknown workflow a 404.
 */
describe.each(DIALECTS)('the workflow diagram (%s)', (dialect) => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  const v3 = definition('nomination.v3.json');

  beforeAll(async () => {
    t = await startTestApp(dialect);
    tokens.admin = t.adminToken;
    for (const role of ROLES) {
      if (role !== 'admin') tokens[role] = (await t.userWith(role)).token;
    }
  });
  afterAll(() => t.close());

  const draw = (path: string, token = tokens.unit_leader) =>
    t
      .getAs(token, path)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  test('draws every state with its Vietnamese label and every event as a labelled arrow', async () => {
    const response = await draw(V3);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    const svg = text(response);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    const nodes = stateNodes(svg);
    expect([...nodes.keys()].sort()).toEqual(Object.keys(v3.machine.states).sort());
    for (const [state, config] of Object.entries(v3.machine.states)) {
      expect({ state, text: nodes.get(state)!.text }).toEqual({
        state,
        text: config.meta.label.vi,
      });
      const final = config.type === 'final';
      expect({ state, final: nodes.get(state)!.classes.includes('final') }).toEqual({
        state,
        final,
      });
      expect(nodes.get(state)!.classes).not.toContain('current');
    }
    const drawn = edges(svg);
    const expected = Object.values(v3.machine.states).flatMap((config) =>
      Object.entries(config.on ?? {}).flatMap(([event, target]) =>
        (Array.isArray(target) ? target : [target]).map(() => ({
          event,
          text: v3.events[event].label.vi,
        })),
      ),
    );
    const byEvent = (a: { event: string }, b: { event: string }) => a.event.localeCompare(b.event);
    expect([...drawn].sort(byEvent)).toEqual([...expected].sort(byEvent));
  });

  test('highlights the current state, and speaks English when asked', async () => {
    const vi = text(await draw(`${V3}?current=verifying`));
    const nodes = stateNodes(vi);
    expect(nodes.get('verifying')!.classes).toEqual(['node', 'state', 'current']);
    expect(nodes.get('verifying')!.body).toContain('fill="#fde68a"');
    expect([...nodes.values()].filter((node) => node.classes.includes('current'))).toHaveLength(1);
    expect(vi).toContain('Bước hiện tại: Đang thẩm định.');

    const en = text(await draw(`${V3}?lang=en&current=revoked`));
    const english = stateNodes(en);
    expect(english.get('draft')!.text).toBe('Draft');
    expect(english.get('revoked')!.classes).toEqual(['node', 'state', 'final', 'current']);
    expect(en).toContain('<title id="diagram-title">');
    expect(en).toContain(`${v3.title.en} (version 3)`);
    expect(en).not.toContain('Dự thảo');
  });

  test('is self-contained and accessible', async () => {
    const svg = text(await draw(`${V3}?current=draft`));
    // Nothing to fetch: no link, image, font, style sheet or script; only the SVG namespace.
    expect([...svg.matchAll(/https?:\/\/[^"'\s)]+/g)].map((m) => m[0])).toEqual([
      'http://www.w3.org/2000/svg',
    ]);
    for (const forbidden of [
      'href',
      'url(',
      '@import',
      '@font-face',
      '<image',
      '<script',
      '<foreignObject',
      '<!DOCTYPE',
    ]) {
      expect({ forbidden, found: svg.includes(forbidden) }).toEqual({ forbidden, found: false });
    }
    expect(svg).toMatch(
      /^<svg[^>]* role="img" aria-labelledby="diagram-title diagram-desc"><title id="diagram-title">Đề nghị khen thưởng \(cá nhân, tập thể\) \(phiên bản 3\)<\/title><desc id="diagram-desc">Các bước: Dự thảo, /,
    );
    // A state's tooltip is its label, not an internal name.
    expect(svg).toContain('<title>Dự thảo → Đã trình</title>');
    expect(svg).not.toMatch(/state_[a-z]/);
  });

  test('the same drawing is answered again unchanged; older versions are drawn too', async () => {
    const first = text(await draw(`${V3}?current=approved`));
    const again = text(await draw(`${V3}?current=approved&lang=vi`));
    expect(again).toBe(first);
    const v2 = await draw('/api/v1/workflows/nomination/versions/2/diagram.svg?current=verifying');
    expect(v2.status).toBe(200);
    expect(stateNodes(text(v2)).get('verifying')!.classes).toContain('current');
    const violation = await draw('/api/v1/workflows/violation/versions/3/diagram.svg');
    expect(stateNodes(text(violation)).get('reported')!.text).toBe('Đã tiếp nhận phản ánh');
  });

  test('an unknown state or language is a 400 problem; an unknown workflow a 404', async () => {
    const unknownState = await t.getAs(tokens.unit_leader, `${V3}?current=paid`);
    expectProblem(unknownState, 400, 'WORKFLOW.UNKNOWN_STATE');
    expect(unknownState.body).toMatchObject({
      state: 'paid',
      detailVi: 'Quy trình "nomination" phiên bản 3 không có bước "paid".',
    });
    expect(unknownState.body.states).toContain('verifying');
    for (const [query, field] of [
      ['lang=fr', 'lang'],
      ['current=Verifying', 'current'],
      ['current=', 'current'],
      ['format=png', 'format'],
    ]) {
      const response = await t.getAs(tokens.unit_leader, `${V3}?${query}`);
      expectProblem(response, 400, 'VALIDATION.FAILED');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    expectProblem(
      await t.getAs(tokens.unit_leader, '/api/v1/workflows/nomination/versions/v3/diagram.svg'),
      400,
      'VALIDATION.FAILED',
    );
    for (const path of [
      '/api/v1/workflows/payroll/versions/1/diagram.svg',
      '/api/v1/workflows/nomination/versions/99/diagram.svg',
    ]) {
      const response = await t.getAs(tokens.unit_leader, path);
      expectProblem(response, 404, 'WORKFLOW.NOT_FOUND');
      expect(response.body.detailVi).toMatch(/^Không có quy trình/);
    }
  });

  test('every signed-in role may see it; without a token, 401', async () => {
    for (const role of ROLES) {
      const response = await draw(`${V3}?current=draft`, tokens[role]);
      expect({ role, status: response.status }).toEqual({ role, status: 200 });
    }
    expectProblem(await t.http.get(V3), 401, 'AUTH.UNAUTHENTICATED');
  });
});
