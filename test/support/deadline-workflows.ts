import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Test-only workflows with timers (src/deadlines): they do not depend on the shipped files' timers. */

const label = (en: string, vi = en) => ({ vi, en });
const EMPTY = { type: 'object', additionalProperties: false, properties: {} };

/** A reply window of the rule set's `nomination_verification` (10 working days). */
export const PROBE = {
  id: 'deadline_probe',
  version: 1,
  caseType: 'deadline_probe',
  title: label('Deadline probe (test fixture)'),
  sources: ['test fixture for the deadlines'],
  openRoles: ['secretariat'],
  events: {
    WINDOW_ENDED: { label: label('The window ended'), roles: ['system'], payloadSchema: EMPTY },
    NOTE: { label: label('Note'), roles: ['secretariat'], payloadSchema: EMPTY },
    CLOSE: { label: label('Close'), roles: ['secretariat'], payloadSchema: EMPTY },
    ESCALATE: { label: label('Escalate'), roles: ['secretariat'], payloadSchema: EMPTY },
  },
  machine: {
    initial: 'waiting',
    states: {
      waiting: {
        meta: {
          label: label('Waiting'),
          timers: [
            {
              name: 'reply_window',
              label: label('The reply window', 'Thời hạn trả lời'),
              due: { timeLimit: 'nomination_verification' },
              send: 'WINDOW_ENDED',
              remind: ['secretariat'],
              escalate: ['council_chair'],
            },
          ],
        },
        on: {
          WINDOW_ENDED: { target: 'lapsed' },
          NOTE: { target: 'waiting' },
          CLOSE: { target: 'closed' },
          ESCALATE: { target: 'escalated' },
        },
      },
      // Two timers of its own: moving between timed states replaces one state's with the other's.
      escalated: {
        meta: {
          label: label('Escalated'),
          timers: [
            {
              name: 'chair_reply',
              label: label('The chair replies', 'Chủ tịch trả lời'),
              due: { timeLimit: 'nomination_verification' },
              remind: ['council_chair'],
            },
            {
              name: 'escalation_report',
              label: label('The escalation is reported', 'Báo cáo việc chuyển cấp'),
              due: { timeLimit: 'nomination_verification' },
              remind: ['secretariat'],
            },
          ],
        },
        on: { ESCALATE: { target: 'waiting' }, CLOSE: { target: 'closed' } },
      },
      lapsed: { meta: { label: label('Lapsed') }, on: { CLOSE: { target: 'closed' } } },
      closed: { type: 'final', meta: { label: label('Closed'), tags: ['closed'] } },
    },
  },
};

/** A case that closes itself the day after a date it records. */
export const DATED = {
  id: 'deadline_dated',
  version: 1,
  caseType: 'deadline_dated',
  title: label('Dated probe (test fixture)'),
  sources: ['test fixture for the deadlines'],
  openRoles: ['secretariat'],
  dataSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['closingDay'],
    properties: { closingDay: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
  },
  events: {
    DAY_PASSED: { label: label('The day passed'), roles: ['system'], payloadSchema: EMPTY },
    CLOSE: { label: label('Close'), roles: ['secretariat'], payloadSchema: EMPTY },
  },
  machine: {
    initial: 'open',
    states: {
      open: {
        meta: {
          label: label('Open'),
          timers: [
            {
              name: 'closing_day',
              label: label('The closing day'),
              due: { at: 'data.closingDay' },
              send: 'DAY_PASSED',
            },
          ],
        },
        on: { DAY_PASSED: { target: 'done' }, CLOSE: { target: 'done' } },
      },
      done: { type: 'final', meta: { label: label('Done'), tags: ['closed'] } },
    },
  },
};

export function workflowsWithProbes(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'workflows-'));
  cpSync('workflows', dir, { recursive: true });
  writeFileSync(path.join(dir, 'deadline_probe.v1.json'), JSON.stringify(PROBE, null, 2));
  writeFileSync(path.join(dir, 'deadline_dated.v1.json'), JSON.stringify(DATED, null, 2));
  return dir;
}
