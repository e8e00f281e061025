import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The audit log: append-only (database triggers refuse UPDATE and DELETE), one hash chain per case
 * so writers on different cases never contend.
 */
@Entity({ name: 'case_events' })
export class CaseEventEntity {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ name: 'occurred_at', type: 'varchar', length: 24 })
  occurredAt: string;

  @Column({ name: 'actor_user_id', type: 'varchar', length: 36 })
  actorUserId: string;

  @Column({ name: 'actor_username', type: 'varchar', length: 64 })
  actorUsername: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 32 })
  actorRole: string;

  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType: string;

  @Column({ name: 'payload_json', type: 'text' })
  payloadJson: string;

  @Column({ name: 'from_state', type: 'varchar', length: 64, nullable: true })
  fromState: string | null;

  @Column({ name: 'to_state', type: 'varchar', length: 64 })
  toState: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 64 })
  workflowId: string;

  @Column({ name: 'workflow_version', type: 'integer' })
  workflowVersion: number;

  @Column({ name: 'workflow_hash', type: 'varchar', length: 64 })
  workflowHash: string;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
