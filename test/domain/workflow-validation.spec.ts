import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowDefinition } from '../../src/domain/workflow/definition';
import { InvalidWorkflowDefinitionError } from '../../src/domain/workflow/validate-definition';
import { loadWorkflowCatalogue } from '../../src/workflows/workflow-files';
import {
  WorkflowCatalogue,
  WorkflowNotFoundError,
  type WorkflowFile,
} from '../../src/domain/workflow/workflow-catalogue';

/*
 * The loader refuses bad workflow files at start-up, naming the file and every problem. Each case
 * starts from a small valid definition and breaks one thing.
 */

const label = (en: string) => ({ vi: `Nhãn ${en}`, en });

/** A small valid workflow: draft --SUBMIT--> review --DECIDE [hasReason]--> done. */
function minimal(version = 1): WorkflowDefinition {
  return {
    id: 'sample',
    version,
    caseType: 'sample',
    title: { vi: 'Quy trình mẫu', en: 'Sample workflow' },
    sources: ['Luật Thi đua, khen thưởng số 06/2022/QH15'],
    openRoles: ['unit_leader'],
    events: {
      SUBMIT: { label: label('Submit'), roles: ['unit_leader'] },
      DECIDE: { label: label('Decide'), roles: ['council_chair'] },
    },
    machine: {
      initial: 'draft',
      states: {
        draft: { meta: { label: label('Draft') }, on: { SUBMIT: { target: 'review' } } },
        review: {
          meta: { label: label('Review'), deadline: { workingDays: 5, event: 'DECIDE' } },
          on: { DECIDE: { target: 'done', guard: 'hasReason', actions: ['recordReason'] } },
        },
        done: { type: 'final', meta: { label: label('Done') } },
      },
    },
  };
}

const SOURCE = 'workflows/sample.v1.json';

function file(definition: unknown, source = SOURCE, space?: number): WorkflowFile {
  return { source, text: JSON.stringify(definition, null, space) };
}

/** Loads the files and returns the refusal; fails the test if they load. */
function refusalOf(files: WorkflowFile[]): InvalidWorkflowDefinitionError {
  try {
    WorkflowCatalogue.load(files);
  } catch (error) {
    if (error instanceof InvalidWorkflowDefinitionError) return error;
    throw error;
  }
  throw new Error('the files were loaded without complaint');
}

/** The minimal definition, broken by `mutate`, as a file. */
function broken(mutate: (definition: WorkflowDefinition) => void): WorkflowFile {
  const definition = minimal();
  mutate(definition);
  return file(definition);
}

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

/** Writes a field the type forbids (the file on disk could hold anything). */
function setRaw(target: object, key: string, value: unknown): void {
  (target as Record<string, unknown>)[key] = value;
}

describe('a valid definition', () => {
  test('loads, and can be looked up by id and version', () => {
    const catalogue = WorkflowCatalogue.load([file(minimal())]);
    const workflow = catalogue.get('sample', 1);
    expect(workflow.definition).toEqual(minimal());
    expect(workflow.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(catalogue.caseTypes()).toEqual(['sample']);
  });

  test('loads from a Windows-style path too', () => {
    const catalogue = WorkflowCatalogue.load([
      file(minimal(), 'C:\\thidua\\workflows\\sample.v1.json'),
    ]);
    expect(catalogue.get('sample', 1).definition.id).toBe('sample');
  });

  test('loads with a guard list and a transition list', () => {
    const definition = minimal();
    definition.machine.states.review.on = {
      DECIDE: [
        { target: 'done', guard: ['hasReason', 'hasDecision'], actions: ['recordRevocation'] },
        { target: 'done', guard: 'hasReason' },
      ],
    };
    expect(() => WorkflowCatalogue.load([file(definition)])).not.toThrow();
  });
});

describe('refusals', () => {
  const cases: {
    problem: string;
    files: () => WorkflowFile[];
    expected: string;
    source?: string;
  }[] = [
    {
      problem: 'an unknown guard',
      files: () => [
        broken((d) => {
          d.machine.states.review.on = { DECIDE: { target: 'done', guard: 'hasMagic' } };
        }),
      ],
      expected: 'machine.states.review.on.DECIDE: unknown guard "hasMagic"',
    },
    {
      problem: 'an unknown guard in a guard list',
      files: () => [
        broken((d) => {
          d.machine.states.review.on = {
            DECIDE: { target: 'done', guard: ['hasReason', 'isSigned'] },
          };
        }),
      ],
      expected: 'machine.states.review.on.DECIDE: unknown guard "isSigned"',
    },
    {
      problem: 'an unknown action',
      files: () => [
        broken((d) => {
          d.machine.states.review.on = {
            DECIDE: { target: 'done', actions: ['recordReason', 'sendEmail'] },
          };
        }),
      ],
      expected: 'machine.states.review.on.DECIDE: unknown action "sendEmail"',
    },
    {
      problem: 'an unreachable state',
      files: () => [
        broken((d) => {
          d.machine.states.orphan = {
            meta: { label: label('Orphan') },
            on: { SUBMIT: { target: 'done' } },
          };
        }),
      ],
      expected: 'machine.states.orphan: unreachable from "draft"',
    },
    {
      problem: 'a dead end (non-final state without events)',
      files: () => [
        broken((d) => {
          d.machine.states.stuck = { meta: { label: label('Stuck') } };
          d.machine.states.draft.on = { ...d.machine.states.draft.on, DECIDE: { target: 'stuck' } };
        }),
      ],
      expected: 'machine.states.stuck: dead end (not final and handles no event)',
    },
    {
      problem: 'a dead end with an empty "on"',
      files: () => [
        broken((d) => {
          d.machine.states.stuck = { meta: { label: label('Stuck') }, on: {} };
          d.machine.states.draft.on = { ...d.machine.states.draft.on, DECIDE: { target: 'stuck' } };
        }),
      ],
      expected: 'machine.states.stuck: dead end (not final and handles no event)',
    },
    {
      problem: 'a final state with events',
      files: () => [
        broken((d) => {
          d.machine.states.done.on = { SUBMIT: { target: 'draft' } };
        }),
      ],
      expected: 'machine.states.done: a final state cannot handle events',
    },
    {
      problem: 'an event used in a state but not declared',
      files: () => [
        broken((d) => {
          d.machine.states.draft.on = {
            ...d.machine.states.draft.on,
            ESCALATE: { target: 'review' },
          };
        }),
      ],
      expected: 'machine.states.draft.on.ESCALATE: event is not declared in "events" (no roles)',
    },
    {
      problem: 'a declared event no state handles',
      files: () => [
        broken((d) => {
          d.events.ARCHIVE = { label: label('Archive'), roles: ['secretariat'] };
        }),
      ],
      expected: 'events.ARCHIVE: declared but no state handles it',
    },
    {
      problem: 'an unknown role on an event',
      files: () => [
        broken((d) => {
          setRaw(d.events.SUBMIT, 'roles', ['unit_leader', 'mayor']);
        }),
      ],
      expected: 'events.SUBMIT.roles: unknown role "mayor"',
    },
    {
      problem: 'an unknown role allowed to open cases',
      files: () => [
        broken((d) => {
          setRaw(d, 'openRoles', ['citizen']);
        }),
      ],
      expected: 'openRoles: unknown role "citizen"',
    },
    {
      problem: 'a transition to a state that does not exist',
      files: () => [
        broken((d) => {
          d.machine.states.draft.on = { SUBMIT: { target: 'nowhere' } };
        }),
      ],
      expected: 'machine.states.draft.on.SUBMIT: target "nowhere" is not a state',
    },
    {
      problem: 'an initial state that does not exist',
      files: () => [
        broken((d) => {
          d.machine.initial = 'start';
        }),
      ],
      expected: 'machine.initial: no state named "start"',
    },
    {
      problem: 'a deadline event the state does not handle',
      files: () => [
        broken((d) => {
          d.machine.states.review.meta.deadline = { workingDays: 5, event: 'SUBMIT' };
        }),
      ],
      expected: 'machine.states.review.meta.deadline.event: "SUBMIT" is not handled in this state',
    },
    {
      problem: 'an "after" (timer) in a state',
      files: () => [
        broken((d) => {
          setRaw(d.machine.states.review, 'after', { 86400000: { target: 'done' } });
        }),
      ],
      expected: '/machine/states/review must NOT have additional properties',
    },
    {
      problem: 'an "always" (eventless transition) in a state',
      files: () => [
        broken((d) => {
          setRaw(d.machine.states.review, 'always', { target: 'done' });
        }),
      ],
      expected: '/machine/states/review must NOT have additional properties',
    },
    {
      problem: 'inline code instead of a named guard',
      files: () => [
        broken((d) => {
          setRaw(d.machine.states.review.on!.DECIDE, 'guard', { type: 'hasReason', params: {} });
        }),
      ],
      expected: '/machine/states/review/on/DECIDE/guard must be string',
    },
    {
      problem: 'a top-level field the format does not know',
      files: () => [
        broken((d) => {
          setRaw(d, 'context', { score: 0 });
        }),
      ],
      expected: '/ must NOT have additional properties',
    },
    {
      problem: 'invalid JSON text',
      files: () => [{ source: SOURCE, text: '{ "id": "sample", "version": 1, ' }],
      expected: 'not valid JSON: ',
    },
    {
      problem: 'a file name with another version',
      files: () => [file(minimal(), 'workflows/sample.v2.json')],
      expected: 'file name must be "sample.v1.json" for id "sample" version 1',
      source: 'workflows/sample.v2.json',
    },
    {
      problem: 'a file name with another id',
      files: () => [file(minimal(), 'workflows/nomination.v1.json')],
      expected: 'file name must be "sample.v1.json"',
      source: 'workflows/nomination.v1.json',
    },
    {
      problem: 'a file name without the version',
      files: () => [file(minimal(), 'workflows/sample.json')],
      expected: 'file name must be "sample.v1.json"',
      source: 'workflows/sample.json',
    },
    {
      problem: 'the same id and version in two files',
      files: () => [
        file(minimal(), 'workflows/sample.v1.json'),
        file(minimal(), 'archive/sample.v1.json'),
      ],
      expected: 'duplicate id "sample" version 1 (also in workflows/sample.v1.json)',
      source: 'archive/sample.v1.json',
    },
  ];

  test.each(cases)('$problem', ({ files, expected, source = SOURCE }) => {
    const error = refusalOf(files());

    expect(error.source).toBe(source);
    expect(error.code).toBe('WORKFLOW.INVALID_DEFINITION');
    expect(error.problems).toContainEqual(expect.stringContaining(expected));
    expect(error.message).toContain(source);
    expect(error.message).toContain(expected);
  });

  test('every problem of a file is reported at once', () => {
    const error = refusalOf([
      broken((d) => {
        d.machine.states.draft.on = { SUBMIT: { target: 'review', guard: 'hasMagic' } };
        d.machine.states.review.on = { DECIDE: { target: 'done', actions: ['sendEmail'] } };
        d.events.ARCHIVE = { label: label('Archive'), roles: ['secretariat'] };
      }),
    ]);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        'machine.states.draft.on.SUBMIT: unknown guard "hasMagic"',
        'machine.states.review.on.DECIDE: unknown action "sendEmail"',
        'events.ARCHIVE: declared but no state handles it',
      ]),
    );
  });

  test('one bad file refuses the whole set', () => {
    const good = file(minimal());
    const bad = { source: 'workflows/other.v1.json', text: 'not json' };
    const error = refusalOf([good, bad]);
    expect(error.source).toBe('workflows/other.v1.json');
  });
});

describe('content hash', () => {
  /** The same object with every key order reversed, at every level. */
  function reverseKeys(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(reverseKeys);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  }

  const hashOfFile = (f: WorkflowFile) => WorkflowCatalogue.load([f]).get('sample', 1).hash;
  const baseline = hashOfFile(file(minimal()));

  test('does not change with whitespace', () => {
    expect(hashOfFile(file(minimal(), SOURCE, 4))).toBe(baseline);
    expect(
      hashOfFile({ source: SOURCE, text: `\n\n  ${JSON.stringify(minimal(), null, '\t')}\n` }),
    ).toBe(baseline);
  });

  test('does not change with key order', () => {
    const reordered = reverseKeys(minimal());
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(minimal()));
    expect(hashOfFile(file(reordered, SOURCE, 2))).toBe(baseline);
  });

  test('changes when a label changes', () => {
    const relabelled = minimal();
    relabelled.machine.states.review.meta.label = { vi: 'Đang xem xét', en: 'Review' };
    expect(hashOfFile(file(relabelled))).not.toBe(baseline);
  });

  test('changes when a role changes', () => {
    const changed = minimal();
    changed.events.DECIDE.roles = ['council_chair', 'secretariat'];
    expect(hashOfFile(file(changed))).not.toBe(baseline);
  });
});

describe('versions', () => {
  const catalogue = WorkflowCatalogue.load([
    file(minimal(2), 'workflows/sample.v2.json'),
    file(minimal(10), 'workflows/sample.v10.json'),
    file(minimal(1), 'workflows/sample.v1.json'),
    file({ ...minimal(3), id: 'other', caseType: 'other' }, 'workflows/other.v3.json'),
  ]);

  test('latestForCaseType picks the highest version (numerically)', () => {
    const latest = catalogue.latestForCaseType('sample');
    expect(latest.definition.id).toBe('sample');
    expect(latest.definition.version).toBe(10);
  });

  test('latestForCaseType of a case type nobody handles throws WorkflowNotFoundError', () => {
    expect(() => catalogue.latestForCaseType('complaint')).toThrow(WorkflowNotFoundError);
  });

  test('every version stays available to the cases pinned to it', () => {
    expect(catalogue.get('sample', 1).definition.version).toBe(1);
    expect(catalogue.get('sample', 2).definition.version).toBe(2);
    expect(catalogue.all().map((w) => `${w.definition.id}@${w.definition.version}`)).toEqual([
      'other@3',
      'sample@1',
      'sample@2',
      'sample@10',
    ]);
    expect(catalogue.caseTypes()).toEqual(['other', 'sample']);
  });

  test.each([
    ['an unknown version', 'sample', 3],
    ['an unknown id', 'nomination', 1],
  ])('get() of %s throws WorkflowNotFoundError', (_what, id, version) => {
    const error = thrownBy(() => catalogue.get(id, version));
    expect(error).toBeInstanceOf(WorkflowNotFoundError);
    expect(error).toMatchObject({
      code: 'WORKFLOW.NOT_FOUND',
      message: `No workflow "${id}" version ${version}`,
      details: { id, version },
    });
  });
});

describe('version 2 features: facts, the public role, dataSchema', () => {
  const DATA_SCHEMA = {
    type: 'object',
    additionalProperties: false,
    required: ['awardCode'],
    properties: { awardCode: { type: 'string', minLength: 1 } },
  };

  test('a definition with facts, a public event and a dataSchema loads', () => {
    const definition = minimal();
    definition.events.SUBMIT.facts = [
      'today',
      'eligibility',
      'publicNotice',
      'decisionNumber',
      'document',
    ];
    definition.events.DECIDE.roles = ['council_chair', 'public'];
    definition.dataSchema = DATA_SCHEMA;
    const workflow = WorkflowCatalogue.load([file(definition)]).get('sample', 1);
    expect(workflow.definition.events.SUBMIT.facts).toHaveLength(5);
    expect(workflow.definition.events.DECIDE.roles).toEqual(['council_chair', 'public']);
  });

  const cases: { problem: string; mutate: (d: WorkflowDefinition) => void; expected: string }[] = [
    {
      problem: 'a fact name in the wrong case',
      mutate: (d) => setRaw(d.events.SUBMIT, 'facts', ['Today']),
      expected: '/events/SUBMIT/facts/0 must match pattern',
    },
    {
      problem: 'a fact name that is not a word',
      mutate: (d) => setRaw(d.events.SUBMIT, 'facts', ['decision_number']),
      expected: '/events/SUBMIT/facts/0 must match pattern',
    },
    {
      problem: 'a fact named twice',
      mutate: (d) => setRaw(d.events.SUBMIT, 'facts', ['today', 'today']),
      expected: '/events/SUBMIT/facts must NOT have duplicate items',
    },
    {
      problem: 'facts that are not a list',
      mutate: (d) => setRaw(d.events.SUBMIT, 'facts', 'today'),
      expected: '/events/SUBMIT/facts must be array',
    },
    {
      problem: 'the public role allowed to open cases',
      mutate: (d) => setRaw(d, 'openRoles', ['unit_leader', 'public']),
      expected: 'openRoles: unknown role "public"',
    },
    {
      problem: 'a dataSchema with an unknown type',
      mutate: (d) => setRaw(d, 'dataSchema', { type: 'objekt' }),
      expected:
        'dataSchema: schema is invalid: data/type must be equal to one of the allowed values',
    },
    {
      problem: 'a dataSchema with a misspelt keyword',
      mutate: (d) => setRaw(d, 'dataSchema', { type: 'object', propertees: {} }),
      expected: 'dataSchema: strict mode: unknown keyword: "propertees"',
    },
    {
      problem: 'a dataSchema whose required is not a list',
      mutate: (d) => setRaw(d, 'dataSchema', { type: 'object', required: 'awardCode' }),
      expected: 'dataSchema: schema is invalid: data/required must be array',
    },
    {
      problem: 'a dataSchema with a reference to nothing',
      mutate: (d) => setRaw(d, 'dataSchema', { $ref: '#/definitions/nope' }),
      expected: "dataSchema: can't resolve reference #/definitions/nope",
    },
    {
      problem: 'a dataSchema that is not an object',
      mutate: (d) => setRaw(d, 'dataSchema', ['awardCode']),
      expected: '/dataSchema must be object',
    },
  ];

  test.each(cases)('refuses $problem', ({ mutate, expected }) => {
    const error = refusalOf([broken(mutate)]);
    expect(error.source).toBe(SOURCE);
    expect(error.code).toBe('WORKFLOW.INVALID_DEFINITION');
    expect(error.problems).toContainEqual(expect.stringContaining(expected));
    expect(error.message).toContain(expected);
  });

  test('a bad dataSchema is reported with the file’s other problems', () => {
    const error = refusalOf([
      broken((d) => {
        setRaw(d, 'dataSchema', { type: 'objekt' });
        setRaw(d.events.DECIDE, 'roles', ['council_chair', 'system']);
        setRaw(d, 'openRoles', ['public']);
      }),
    ]);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        'openRoles: unknown role "public"',
        'events.DECIDE.roles: "system" must be the event\'s only role',
        expect.stringMatching(/^dataSchema: schema is invalid: /),
      ]),
    );
  });
});

describe('dataProblems', () => {
  const load = (name: string) => {
    const source = path.join(__dirname, '..', '..', 'workflows', name);
    return WorkflowCatalogue.load([{ source, text: readFileSync(source, 'utf8') }]);
  };
  const nomination = load('nomination.v2.json').get('nomination', 2);
  const VALID = { awardCode: 'chien_si_thi_dua_co_so', evaluationYear: 2025 };

  test('good nomination data has no problems', () => {
    expect(nomination.dataProblems(VALID)).toEqual([]);
    expect(
      nomination.dataProblems({
        ...VALID,
        movement: 'Thi đua yêu nước',
        achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ.',
        initiatives: ['Sáng kiến số hóa hồ sơ'],
      }),
    ).toEqual([]);
    expect(nomination.dataProblems({ ...VALID, evaluationYear: 2000 })).toEqual([]);
    expect(nomination.dataProblems({ ...VALID, evaluationYear: 2100 })).toEqual([]);
  });

  test('bad nomination data: each problem listed, at once', () => {
    expect(nomination.dataProblems({ evaluationYear: 1999, note: 'x' })).toEqual([
      "data must have required property 'awardCode'",
      'data must NOT have additional properties (unsupported key "note")',
      'data/evaluationYear must be >= 2000',
    ]);
  });

  test.each([
    ['no awardCode', { evaluationYear: 2025 }, ["data must have required property 'awardCode'"]],
    [
      'no evaluationYear',
      { awardCode: 'x' },
      ["data must have required property 'evaluationYear'"],
    ],
    [
      'an extra key',
      { ...VALID, nominee: 'Trần Xuân Lâm' },
      ['data must NOT have additional properties (unsupported key "nominee")'],
    ],
    [
      'a year before 2000',
      { ...VALID, evaluationYear: 1999 },
      ['data/evaluationYear must be >= 2000'],
    ],
    [
      'a year after 2100',
      { ...VALID, evaluationYear: 2101 },
      ['data/evaluationYear must be <= 2100'],
    ],
    [
      'a fractional year',
      { ...VALID, evaluationYear: 2025.5 },
      ['data/evaluationYear must be integer'],
    ],
    [
      'a year as text',
      { ...VALID, evaluationYear: '2025' },
      ['data/evaluationYear must be integer'],
    ],
    [
      'an award code that is not a code',
      { ...VALID, awardCode: 'Chiến sĩ thi đua' },
      ['data/awardCode must match pattern "^[a-z][a-z0-9_]{0,62}$"'],
    ],
    [
      'an empty initiative',
      { ...VALID, initiatives: [''] },
      ['data/initiatives/0 must NOT have fewer than 1 characters'],
    ],
    ['data that is not an object', ['chien_si'], ['data must be object']],
    ['null data', null, ['data must be object']],
  ])('%s', (_what, data, expected) => {
    expect(nomination.dataProblems(data)).toEqual(expected);
  });

  test('a workflow without dataSchema accepts any data', () => {
    const workflow = WorkflowCatalogue.load([file(minimal())]).get('sample', 1);
    expect(workflow.definition.dataSchema).toBeUndefined();
    expect(workflow.dataProblems({ anything: true })).toEqual([]);
    expect(workflow.dataProblems(null)).toEqual([]);
  });

  test('violation v2 checks the category and the shape of occurredOn', () => {
    const violation = load('violation.v2.json').get('violation', 2);
    expect(violation.dataProblems({ category: 'traffic', occurredOn: '2026-02-01' })).toEqual([]);
    expect(violation.dataProblems({ category: 'theft', occurredOn: '1/2/2026' })).toEqual([
      'data/category must be equal to one of the allowed values',
      'data/occurredOn must match pattern "^\\d{4}-\\d{2}-\\d{2}$"',
    ]);
  });
});

describe('version 3 features: state tags, payload schemas, legal dates, the system role', () => {
  const EMPTY = { type: 'object', additionalProperties: false, properties: {} };
  const REASONED = {
    type: 'object',
    additionalProperties: false,
    required: ['reason'],
    properties: { reason: { type: 'string' }, decidedOn: { type: 'string', format: 'date' } },
  };
  const withPayloads = (d: WorkflowDefinition) => {
    d.events.SUBMIT.payloadSchema = EMPTY;
    d.events.DECIDE.payloadSchema = REASONED;
  };

  test('a definition with tags, payload schemas, a legal date and a system event loads', () => {
    const definition = minimal();
    withPayloads(definition);
    definition.events.DECIDE.legalDates = {
      decidedOn: {
        label: label('Decided on'),
        notBefore: [{ path: 'data.openedOn', label: label('Opened') }],
      },
    };
    definition.events.DECIDE.roles = ['system'];
    definition.machine.states.done.meta.tags = ['granted', 'closed'];
    const workflow = WorkflowCatalogue.load([file(definition)]).get('sample', 1);
    expect(workflow.tagsOf('done')).toEqual(['granted', 'closed']);
    expect(workflow.tagsOf('draft')).toEqual([]);
    expect(workflow.payloadProblems('DECIDE', { reason: 'x', extra: 1 })).toEqual([
      {
        field: 'payload.extra',
        message: { vi: 'không phải là trường của sự kiện này', en: 'is not a field of this event' },
      },
    ]);
    expect(workflow.payloadProblems('DECIDE', { reason: 'x', decidedOn: '2026-02-30' })).toEqual([
      {
        field: 'payload.decidedOn',
        message: {
          vi: 'phải là một ngày có thật, viết theo dạng YYYY-MM-DD',
          en: 'must match format "date"',
        },
      },
    ]);
    expect(workflow.payloadProblems('DECIDE', {})).toEqual([
      { field: 'payload.reason', message: { vi: 'là bắt buộc', en: 'is required' } },
    ]);
    // Every keyword a workflow's payload schema uses has its Vietnamese words.
    expect(workflow.payloadProblems('DECIDE', { reason: 7 })).toEqual([
      { field: 'payload.reason', message: { vi: 'phải là chuỗi ký tự', en: 'must be string' } },
    ]);
  });

  const cases: { problem: string; mutate: (d: WorkflowDefinition) => void; expected: string }[] = [
    {
      problem: 'an unknown state tag',
      mutate: (d) => setRaw(d.machine.states.done.meta, 'tags', ['awarded']),
      expected: 'machine.states.done.meta.tags: unknown tag "awarded"',
    },
    {
      problem: 'a tag inherited from Object.prototype',
      mutate: (d) => setRaw(d.machine.states.done.meta, 'tags', ['toString']),
      expected: 'machine.states.done.meta.tags: unknown tag "toString"',
    },
    {
      problem: 'a payload schema on some events but not all',
      mutate: (d) => setRaw(d.events.SUBMIT, 'payloadSchema', EMPTY),
      expected: 'events.DECIDE: payloadSchema is missing (other events declare one)',
    },
    {
      problem: 'a payload schema that accepts unknown keys',
      mutate: (d) => {
        withPayloads(d);
        setRaw(d.events.SUBMIT, 'payloadSchema', { type: 'object', properties: {} });
      },
      expected:
        'events.SUBMIT.payloadSchema/: an object schema must set "additionalProperties": false',
    },
    {
      problem: 'a nested object in a payload schema that accepts unknown keys',
      mutate: (d) => {
        withPayloads(d);
        setRaw(d.events.SUBMIT, 'payloadSchema', {
          ...EMPTY,
          properties: { decision: { type: 'object', properties: {} } },
        });
      },
      expected:
        'events.SUBMIT.payloadSchema/properties/decision: an object schema must set "additionalProperties": false',
    },
    {
      problem: 'a payload schema Ajv cannot compile',
      mutate: (d) => {
        withPayloads(d);
        setRaw(d.events.SUBMIT, 'payloadSchema', { ...EMPTY, propertees: {} });
      },
      expected: 'events.SUBMIT.payloadSchema: strict mode: unknown keyword: "propertees"',
    },
    {
      problem: 'a legal date that is not a string field of the payload',
      mutate: (d) => {
        withPayloads(d);
        setRaw(d.events.DECIDE, 'legalDates', { announcedOn: { label: label('Announced') } });
      },
      expected:
        'events.DECIDE.legalDates.announcedOn: not a "format": "date" string property of the payloadSchema',
    },
    {
      problem: 'a legal date that is a string of any shape',
      mutate: (d) => {
        withPayloads(d);
        setRaw(d.events.DECIDE, 'payloadSchema', {
          ...REASONED,
          properties: { ...REASONED.properties, decidedOn: { type: 'string' } },
        });
        setRaw(d.events.DECIDE, 'legalDates', { decidedOn: { label: label('Decided') } });
      },
      expected:
        'events.DECIDE.legalDates.decidedOn: not a "format": "date" string property of the payloadSchema',
    },
    {
      problem: 'a payload schema with an $id (schemas share one compiler)',
      mutate: (d) => {
        withPayloads(d);
        setRaw(d.events.SUBMIT, 'payloadSchema', { ...EMPTY, $id: 'submit' });
      },
      expected: 'events.SUBMIT.payloadSchema/: "$id" is not allowed',
    },
    {
      problem: 'an object schema without a type that accepts unknown keys',
      mutate: (d) => {
        withPayloads(d);
        setRaw(d.events.SUBMIT, 'payloadSchema', {
          ...EMPTY,
          properties: { decision: { properties: { date: { type: 'string' } } } },
        });
      },
      expected:
        'events.SUBMIT.payloadSchema/properties/decision: an object schema must set "additionalProperties": false',
    },
    {
      problem: 'a legal date bounded by a path outside the case',
      mutate: (d) => {
        withPayloads(d);
        setRaw(d.events.DECIDE, 'legalDates', {
          decidedOn: {
            label: label('Decided'),
            notBefore: [{ path: 'payload.x', label: label('X') }],
          },
        });
      },
      expected: '/events/DECIDE/legalDates/decidedOn/notBefore/0/path must match pattern',
    },
    {
      problem: 'the system role beside a person’s role',
      mutate: (d) => setRaw(d.events.DECIDE, 'roles', ['council_chair', 'system']),
      expected: 'events.DECIDE.roles: "system" must be the event\'s only role',
    },
    {
      problem: 'the system role allowed to open cases',
      mutate: (d) => setRaw(d, 'openRoles', ['system']),
      expected: 'openRoles: unknown role "system"',
    },
  ];

  test.each(cases)('refuses $problem', ({ mutate, expected }) => {
    const error = refusalOf([broken(mutate)]);
    expect(error.source).toBe(SOURCE);
    expect(error.problems).toContainEqual(expect.stringContaining(expected));
  });
});

describe('state-tag overlays for versions published before tags', () => {
  const OVERLAY_SOURCE = 'workflows/state-tags/sample.v1.json';
  const overlay = (body: Record<string, unknown>) => ({
    source: OVERLAY_SOURCE,
    text: JSON.stringify(body),
  });
  const hashOfMinimal = () => WorkflowCatalogue.load([file(minimal())]).get('sample', 1).hash;

  test('an overlay pinned to the file’s hash gives its states their meanings', () => {
    const catalogue = WorkflowCatalogue.load([file(minimal())], undefined, [
      overlay({
        workflow: { id: 'sample', version: 1, hash: hashOfMinimal() },
        tags: { done: ['granted'] },
      }),
    ]);
    expect(catalogue.get('sample', 1).tagsOf('done')).toEqual(['granted']);
    expect(catalogue.tagsOf({ id: 'sample', version: 1 }, 'review')).toEqual([]);
    expect(catalogue.statesTagged('sample', 'granted')).toEqual(['done']);
  });

  const refusals: { problem: string; body: () => Record<string, unknown>; expected: string }[] = [
    {
      problem: 'an overlay for a file edited since (another hash)',
      body: () => ({ workflow: { id: 'sample', version: 1, hash: '0'.repeat(64) }, tags: {} }),
      expected: 'workflow.hash does not match the loaded file',
    },
    {
      problem: 'an overlay for a version that is not loaded',
      body: () => ({ workflow: { id: 'sample', version: 2, hash: hashOfMinimal() }, tags: {} }),
      expected: 'no workflow "sample" version 2 to describe',
    },
    {
      problem: 'an overlay naming a state the file does not have',
      body: () => ({
        workflow: { id: 'sample', version: 1, hash: hashOfMinimal() },
        tags: { awarded: ['granted'] },
      }),
      expected: 'tags.awarded: no such state',
    },
    {
      problem: 'an overlay whose tags are not an object',
      body: () => ({ workflow: { id: 'sample', version: 1, hash: hashOfMinimal() }, tags: null }),
      expected:
        'a state-tag overlay is { workflow: { id, version, hash }, tags: { state: [tag] } }',
    },
    {
      problem: 'an overlay with a tag that is not in a list',
      body: () => ({
        workflow: { id: 'sample', version: 1, hash: hashOfMinimal() },
        tags: { done: 'granted' },
      }),
      expected: 'tags.done: must be a list of tags',
    },
    {
      problem: 'an overlay with an unknown tag',
      body: () => ({
        workflow: { id: 'sample', version: 1, hash: hashOfMinimal() },
        tags: { done: ['glorious'] },
      }),
      expected: 'tags.done: unknown tag "glorious"',
    },
  ];

  test.each(refusals)('refuses $problem', ({ body, expected }) => {
    const error = thrownBy(() =>
      WorkflowCatalogue.load([file(minimal())], undefined, [overlay(body())]),
    ) as InvalidWorkflowDefinitionError;
    expect(error).toBeInstanceOf(InvalidWorkflowDefinitionError);
    expect(error.source).toBe(OVERLAY_SOURCE);
    expect(error.problems).toContainEqual(expect.stringContaining(expected));
  });

  test('refuses a second overlay for the same version', () => {
    const body = { workflow: { id: 'sample', version: 1, hash: hashOfMinimal() }, tags: {} };
    const error = thrownBy(() =>
      WorkflowCatalogue.load([file(minimal())], undefined, [
        overlay(body),
        { source: 'workflows/state-tags/copy.json', text: JSON.stringify(body) },
      ]),
    ) as InvalidWorkflowDefinitionError;
    expect(error.source).toBe('workflows/state-tags/copy.json');
    expect(error.problems).toEqual([
      `a second overlay for the same version (also ${OVERLAY_SOURCE})`,
    ]);
  });

  test('refuses an overlay for a version whose file carries its own tags', () => {
    const tagged = minimal();
    tagged.machine.states.done.meta.tags = ['closed'];
    const hash = WorkflowCatalogue.load([file(tagged)]).get('sample', 1).hash;
    const error = thrownBy(() =>
      WorkflowCatalogue.load([file(tagged)], undefined, [
        overlay({ workflow: { id: 'sample', version: 1, hash }, tags: { done: ['granted'] } }),
      ]),
    ) as InvalidWorkflowDefinitionError;
    expect(error.problems).toEqual([
      'the workflow file declares its own tags: an overlay is only for older versions',
    ]);
  });

  test('every shipped version published before tags has an overlay, and each loads', () => {
    const catalogue = loadWorkflowCatalogue('workflows');
    for (const id of ['nomination', 'violation']) {
      for (const version of [1, 2]) {
        expect(catalogue.get(id, version).definition.machine.states).toBeDefined();
      }
    }
    expect(catalogue.tagsOf({ id: 'nomination', version: 2 }, 'announced')).toEqual(['granted']);
    expect(catalogue.tagsOf({ id: 'violation', version: 1 }, 'deciding')).toEqual([
      'pending_matter',
    ]);
    expect(catalogue.statesTagged('nomination', 'under_public_notice')).toEqual([
      'objection_review',
      'public_notice',
    ]);
  });
});

describe('access overlays for versions published before need-to-know', () => {
  const OVERLAY_SOURCE = 'workflows/access/sample.v1.json';
  const overlay = (body: Record<string, unknown>) => ({
    source: OVERLAY_SOURCE,
    text: JSON.stringify(body),
  });
  const hashOfMinimal = () => WorkflowCatalogue.load([file(minimal())]).get('sample', 1).hash;
  const ACCESS = { readers: ['secretariat', 'auditor'], existenceReaders: ['unit_leader'] };
  const load = (...bodies: Record<string, unknown>[]) =>
    WorkflowCatalogue.load([file(minimal())], undefined, [], bodies.map(overlay));

  test('an overlay pinned to the file’s hash gives its cases their readers; the hash stays the file’s', () => {
    const catalogue = load({
      workflow: { id: 'sample', version: 1, hash: hashOfMinimal() },
      access: ACCESS,
    });
    expect(catalogue.get('sample', 1).definition.access).toEqual(ACCESS);
    expect(catalogue.get('sample', 1).hash).toBe(hashOfMinimal());
    expect(
      WorkflowCatalogue.load([file(minimal())]).get('sample', 1).definition.access,
    ).toBeUndefined();
  });

  const refusals: { problem: string; body: () => Record<string, unknown>; expected: string }[] = [
    {
      problem: 'an overlay for a file edited since (another hash)',
      body: () => ({
        workflow: { id: 'sample', version: 1, hash: '0'.repeat(64) },
        access: ACCESS,
      }),
      expected: 'workflow.hash does not match the loaded file',
    },
    {
      problem: 'an overlay for a version that is not loaded',
      body: () => ({
        workflow: { id: 'sample', version: 2, hash: hashOfMinimal() },
        access: ACCESS,
      }),
      expected: 'no workflow "sample" version 2 to rule',
    },
    {
      problem: 'an overlay without readers',
      body: () => ({
        workflow: { id: 'sample', version: 1, hash: hashOfMinimal() },
        access: { existenceReaders: ['unit_leader'] },
      }),
      expected: 'an access overlay is { workflow: { id, version, hash }, access: { readers',
    },
    {
      problem: 'an overlay with a field access does not have',
      body: () => ({
        workflow: { id: 'sample', version: 1, hash: hashOfMinimal() },
        access: { ...ACCESS, writers: ['admin'] },
      }),
      expected: 'an access overlay is',
    },
    {
      problem: 'an overlay naming a role no user can hold',
      body: () => ({
        workflow: { id: 'sample', version: 1, hash: hashOfMinimal() },
        access: { readers: ['secretariat', 'clerk'] },
      }),
      expected: 'access.readers: "clerk" is not a role a user can hold',
    },
  ];

  test.each(refusals)('refuses $problem', ({ body, expected }) => {
    const error = thrownBy(() => load(body())) as InvalidWorkflowDefinitionError;
    expect(error).toBeInstanceOf(InvalidWorkflowDefinitionError);
    expect(error.source).toBe(OVERLAY_SOURCE);
    expect(error.problems).toContainEqual(expect.stringContaining(expected));
  });

  test('refuses a second access overlay for the same version', () => {
    const body = { workflow: { id: 'sample', version: 1, hash: hashOfMinimal() }, access: ACCESS };
    const error = thrownBy(() =>
      WorkflowCatalogue.load(
        [file(minimal())],
        undefined,
        [],
        [overlay(body), { source: 'workflows/access/copy.json', text: JSON.stringify(body) }],
      ),
    ) as InvalidWorkflowDefinitionError;
    expect(error.source).toBe('workflows/access/copy.json');
    expect(error.problems).toEqual([
      `a second access overlay for the same version (also ${OVERLAY_SOURCE})`,
    ]);
  });

  test('refuses an overlay for a version whose file declares its own access', () => {
    const ruled = { ...minimal(), access: ACCESS };
    const hash = WorkflowCatalogue.load([file(ruled as ReturnType<typeof minimal>)]).get(
      'sample',
      1,
    ).hash;
    const error = thrownBy(() =>
      WorkflowCatalogue.load(
        [file(ruled as ReturnType<typeof minimal>)],
        undefined,
        [],
        [overlay({ workflow: { id: 'sample', version: 1, hash }, access: ACCESS })],
      ),
    ) as InvalidWorkflowDefinitionError;
    expect(error.problems).toEqual([
      'the workflow file declares its own access: an overlay is only for older versions',
    ]);
  });

  test('violation v1–v3 are read as v4 and later are: need-to-know', () => {
    const catalogue = loadWorkflowCatalogue('workflows');
    const latest = catalogue.latestForCaseType('violation').definition.access;
    expect(latest).toBeDefined();
    for (const version of [1, 2, 3]) {
      expect(catalogue.get('violation', version).definition.access).toEqual(latest);
    }
  });
});
