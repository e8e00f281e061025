import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The current snapshot of a case. Its history is in case_events; `version` = last event's seq. */
@Entity({ name: 'cases' })
@Index('cases_type_state_id', ['caseType', 'state', 'id'])
export class CaseEntity {
  /** UUIDv7: time-ordered, so keyset pagination on id lists newest first. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'case_type', type: 'varchar', length: 64 })
  caseType: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 64 })
  workflowId: string;

  @Column({ name: 'workflow_version', type: 'integer' })
  workflowVersion: number;

  @Column({ name: 'workflow_hash', type: 'varchar', length: 64 })
  workflowHash: string;

  @Column({ type: 'varchar', length: 64 })
  state: string;

  @Column({ type: 'boolean' })
  closed: boolean;

  @Column({ name: 'context_json', type: 'text' })
  contextJson: string;

  @Column({ name: 'subject_json', type: 'text' })
  subjectJson: string;

  @Column({ name: 'data_json', type: 'text' })
  dataJson: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'head_hash', type: 'varchar', length: 64 })
  headHash: string;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 24 })
  updatedAt: string;
}
