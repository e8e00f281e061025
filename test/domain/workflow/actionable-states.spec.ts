import type { WorkflowRole } from '../../../src/domain/roles';
import { actionableStates, allowedEvents } from '../../../src/domain/workflow/step';
import { shipped } from './machine-harness';

/**
 * "Cases I can act on" is asked of the database as a set of states per role; those sets must be
 * exactly where allowedEvents offers something. Expected values are written by hand from the
 * workflow files (nomination v3, violation v3 and v4).
 */
const catalogue = shipped('nomination.v3.json', 'violation.v3.json', 'violation.v4.json');
const nomination = catalogue.get('nomination', 3);
const violation = catalogue.get('violation', 3);
const violationV4 = catalogue.get('violation', 4);
const actor = (...roles: WorkflowRole[]) => ({ userId: 'u', username: 'u', roles });

describe('actionableStates', () => {
  test.each<[WorkflowRole[], string[]]>([
    [['unit_leader'], ['draft', 'returned_for_supplement', 'submitted']],
    [
      ['secretariat'],
      ['approved', 'objection_review', 'public_notice', 'submitted', 'verified', 'verifying'],
    ],
    [['council_chair'], ['announced', 'council_review']],
    [['council_member'], []],
    [['auditor'], []],
    [['public'], ['objection_review', 'public_notice']],
    [[], []],
    [
      ['unit_leader', 'council_chair'],
      ['announced', 'council_review', 'draft', 'returned_for_supplement', 'submitted'],
    ],
  ])('nomination v3, roles %j: %j', (roles, states) => {
    expect(actionableStates(nomination, actor(...roles)).sort()).toEqual(states);
  });

  test.each<[WorkflowRole[], string[]]>([
    [['secretariat'], ['announced', 'confirmed', 'decided', 'reported', 'verifying']],
    [['council_chair'], ['deciding']],
    [['unit_leader'], []],
  ])('violation v3, roles %j: %j', (roles, states) => {
    expect(actionableStates(violation, actor(...roles)).sort()).toEqual(states);
  });

  test.each<[WorkflowRole[], string[]]>([
    [
      ['secretariat'],
      ['announced', 'awaiting_explanation', 'confirmed', 'decided', 'reported', 'verifying'],
    ],
    [['council_chair'], ['announced', 'appeal_review', 'decided', 'deciding']],
    // The person a case is about acts on it only to explain, while asked to.
    [['subject'], ['awaiting_explanation']],
    [['unit_leader'], []],
    [['auditor'], []],
  ])('violation v4, roles %j: %j', (roles, states) => {
    expect(actionableStates(violationV4, actor(...roles)).sort()).toEqual(states);
  });

  test('a state is actionable exactly when allowedEvents offers an event in it', () => {
    for (const workflow of [nomination, violation, violationV4]) {
      for (const roles of [
        ['unit_leader'],
        ['secretariat'],
        ['council_chair'],
        ['auditor'],
        ['subject'],
      ]) {
        const who = actor(...(roles as WorkflowRole[]));
        const offering = Object.keys(workflow.definition.machine.states).filter(
          (state) => allowedEvents(workflow, state, who).length > 0,
        );
        expect(actionableStates(workflow, who)).toEqual(offering);
      }
    }
  });
});
