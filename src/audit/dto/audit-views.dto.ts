import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AuditRecordDto } from '../../cases/dto/case-views.dto';

/** GET /audit/events (audit-history.service.ts AuditEventPage). */
export class AuditEventPageDto {
  @ApiProperty({
    type: [AuditRecordDto],
    description: 'Oldest first (time, then case id, then seq); only cases in the caller’s scope',
  })
  items: AuditRecordDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as cursor for the next page (opaque); null when this page reached the end',
  })
  nextCursor: string | null;
}

/** One entry of the read log (persistence/repositories/audit-trail.repository.ts AuditRead). */
export class AuditReadDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date-time', description: 'When the read was made' })
  at: string;

  @ApiProperty({ format: 'uuid', description: 'Who read' })
  userId: string;

  @ApiProperty({ example: 'kiem.toan.vien' })
  username: string;

  @ApiProperty({
    example: 'search',
    description:
      'What was read, e.g. search, export and reads (the auditors’ routes), history, verify, ' +
      'objector_identities',
  })
  action: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The request as it was applied (normalised filters, cursor, limit, case id…)',
  })
  query: Record<string, unknown>;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'How many results were answered; null for an export (not known when logged)',
  })
  resultCount: number | null;
}

/** GET /audit/reads (AuditHistoryService.reads). */
export class AuditReadListDto {
  @ApiProperty({
    type: [AuditReadDto],
    description:
      'Newest first; empty when a unit-scoped auditor asks for another user’s log, which could ' +
      'name cases outside their scope',
  })
  items: AuditReadDto[];
}

/** One checkpoint as stored (domain/audit/checkpoint.ts Checkpoint). */
export class CheckpointDto {
  @ApiProperty({
    type: 'integer',
    example: 12,
    description: '1 for the first checkpoint, then one more each',
  })
  seq: number;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ type: 'integer', description: 'How many cases’ chain heads the root covers' })
  caseCount: number;

  @ApiProperty({
    type: 'integer',
    description: 'The sum of the heads’ seq: how many audit records it covers',
  })
  eventCount: number;

  @ApiProperty({ description: 'Merkle root (SHA-256, hex) over every case’s chain head' })
  root: string;

  @ApiProperty({ description: 'The previous checkpoint’s hash; 64 zeros for the first' })
  prevHash: string;

  @ApiPropertyOptional({
    type: 'integer',
    enum: [2],
    description:
      '2: leaves in the order cases were first signed; absent on version 1 checkpoints (leaves ' +
      'sorted by case id), whose hashes were computed without it',
  })
  version?: 2;

  @ApiProperty({ description: 'SHA-256 (hex) of the canonical JSON of the fields above' })
  hash: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Ed25519 signature (base64) over the same canonical JSON; null when unsigned',
  })
  signature: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '3f7a9c0e12b4d658',
    description: 'The signing key: the first 16 hex digits of SHA-256 of its SPKI DER form',
  })
  keyId: string | null;
}

/** GET /audit/checkpoints (Page<Checkpoint>). */
export class CheckpointPageDto {
  @ApiProperty({ type: [CheckpointDto], description: 'Newest first' })
  items: CheckpointDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: '12',
    description: 'Pass as cursor for the next (older) page; null when this page reached the end',
  })
  nextCursor: string | null;
}

/** GET /audit/public-key (CheckpointsController.publicKey). */
export class CheckpointPublicKeyDto {
  @ApiProperty({ enum: ['Ed25519'] })
  algorithm: 'Ed25519';

  @ApiProperty({ example: '3f7a9c0e12b4d658', description: 'As in each signed checkpoint' })
  keyId: string;

  @ApiProperty({
    example: '-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\n',
    description: 'The public key, SPKI in PEM: what verify-export --public-key takes',
  })
  pem: string;
}
