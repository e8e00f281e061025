import type { WorkflowDefinition } from '../../src/domain/workflow/definition';
import { InvalidWorkflowDefinitionError } from '../../src/domain/workflow/validate-definition';
import { WorkflowCatalogue } from '../../src/domain/workflow/workflow-catalogue';

/*
 * A need-to-know workflow's `access` block: only roles a user can hold read or know of a case; a
 * role is a reader or an existence reader, not both; an event the subject may send needs the
 * subject to read the case. Each case breaks one thing of a small valid definition.
 */

const label = (en: string) => ({ vi: `Nhãn ${en}`, en });

function confidential(): WorkflowDefinition {
  return {
    id: 'matter',
    version: 1,
    caseType: 'matter',
    title: label('Matter'),
    sources: ['test'],
    openRoles: ['secretariat'],
    access: { readers: ['secretariat'], subjectReads: true, existenceReaders: ['unit_leader'] },
    events: {
      EXPLAIN: { label: label('Explain'), roles: ['secretariat', 'subject'] },
    },
    machine: {
      initial: 'open',
      states: {
        open: {
          meta: { label: label('Open'), tags: ['pending_matter'] },
          on: { EXPLAIN: { target: 'done' } },
        },
        done: { type: 'final', meta: { label: label('Done'), tags: ['closed'] } },
      },
    },
  };
}

function problemsOf(mutate: (definition: WorkflowDefinition) => void): string[] {
  const definition = confidential();
  mutate(definition);
  try {
    WorkflowCatalogue.load([
      { source: 'workflows/matter.v1.json', text: JSON.stringify(definition) },
    ]);
  } catch (error) {
    if (error instanceof InvalidWorkflowDefinitionError) return error.problems;
    throw error;
  }
  return [];
}

describe('a workflow’s access block', () => {
  test('a valid block loads, and keeps what it says', () => {
    const catalogue = WorkflowCatalogue.load([
      { source: 'workflows/matter.v1.json', text: JSON.stringify(confidential()) },
    ]);
    expect(catalogue.get('matter', 1).definition.access).toEqual({
      readers: ['secretariat'],
      subjectReads: true,
      existenceReaders: ['unit_leader'],
    });
  });

  test.each<[string, (definition: WorkflowDefinition) => void, string]>([
    [
      'the subject as a reader',
      (d) => (d.access!.readers = ['subject' as never]),
      'access.readers: "subject" is not a role a user can hold',
    ],
    [
      'the engine as an existence reader',
      (d) => (d.access!.existenceReaders = ['system' as never]),
      'access.existenceReaders: "system" is not a role a user can hold',
    ],
    [
      'a role both reading and only knowing',
      (d) => (d.access!.existenceReaders = ['secretariat']),
      'access.existenceReaders: "secretariat" already reads the case in full',
    ],
    [
      'a subject event where the subject does not read',
      (d) => (d.access!.subjectReads = false),
      'events.EXPLAIN.roles: "subject" needs "access": { "subjectReads": true }',
    ],
    [
      'a subject event with no access block',
      (d) => delete d.access,
      'events.EXPLAIN.roles: "subject" needs "access": { "subjectReads": true }',
    ],
    [
      'an unknown key',
      (d) => ((d.access as unknown as Record<string, unknown>).writers = ['secretariat']),
      'unsupported key "writers"',
    ],
  ])('refuses %s', (_, mutate, expected) => {
    expect(problemsOf(mutate)).toContainEqual(expect.stringContaining(expected));
  });

  test('the subject may not open a case', () => {
    expect(problemsOf((d) => (d.openRoles = ['subject' as never]))).toContainEqual(
      'openRoles: unknown role "subject"',
    );
  });
});
