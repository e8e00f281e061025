import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workflow timers (issue 16): one row per timer of a state a case entered, written in the
 * transaction of the event that entered it, fired by the scheduler as an ordinary audited event.
 *
 * - UNIQUE (case_id, entered_seq, name): a timer is named by the case, the audit record whose event
 *   entered the state, and its name in the state; it can be scheduled, and so fired, only once.
 * - `status`: pending (waiting for `fires_at`), fired (its event and notifications went out in one
 *   transaction, `fired_seq` names the record), skipped (the event was refused when it fired: no
 *   longer allowed), cancelled (the case left the state first), failed (its due day could not be
 *   computed: a calendar year or a rule-set time limit is missing; admins retry it once fixed).
 * - `unit_id` is the case's unit at entry, for the scoped lists; the case row keeps the path.
 * - `case_timers_due` serves the scheduler's claim (pending, oldest `fires_at` first) and the
 *   overdue list; `case_timers_case` the case page and the cancellation on leaving a state.
 *
 * Same DDL on both engines; instants are ISO strings (varchar(24)) like every other table.
 */
export class CaseTimers1764240000000 implements MigrationInterface {
  name = 'CaseTimers1764240000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_timers (
        id varchar(36) PRIMARY KEY,
        case_id varchar(36) NOT NULL REFERENCES cases (id),
        unit_id varchar(36),
        workflow_id varchar(64) NOT NULL,
        workflow_version integer NOT NULL,
        state varchar(64) NOT NULL,
        entered_seq integer NOT NULL CHECK (entered_seq >= 1),
        name varchar(64) NOT NULL,
        label_vi varchar(300) NOT NULL,
        label_en varchar(300) NOT NULL,
        due_on varchar(10),
        fires_at varchar(24),
        send_event varchar(64),
        remind_roles varchar(300) NOT NULL,
        escalate_roles varchar(300) NOT NULL,
        status varchar(16) NOT NULL
          CHECK (status IN ('pending', 'fired', 'skipped', 'cancelled', 'failed')),
        problem varchar(64),
        message_vi text,
        message_en text,
        created_at varchar(24) NOT NULL,
        settled_at varchar(24),
        fired_seq integer,
        CHECK (status <> 'pending' OR fires_at IS NOT NULL),
        UNIQUE (case_id, entered_seq, name)
      )`);
    await queryRunner.query(`CREATE INDEX case_timers_due ON case_timers (status, fires_at, id)`);
    await queryRunner.query(`CREATE INDEX case_timers_case ON case_timers (case_id, status)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE case_timers`);
  }
}
