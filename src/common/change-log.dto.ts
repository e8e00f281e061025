import { ApiProperty } from '@nestjs/swagger';

/** What a change log entry records of a thing: a record, or a list of them. */
const RECORDED = [
  { type: 'object', additionalProperties: true },
  { type: 'array', items: {} },
];

/** One entry of the administrators' change log (domain/org/change-log.ts AdminChange). */
export class AdminChangeDto {
  @ApiProperty({ format: 'uuid', description: 'Time-ordered (UUID v7): the log’s order' })
  id: string;

  @ApiProperty({ format: 'date-time', description: 'When it was written (the server clock)' })
  at: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'Who made it; null when no user did (actorUsername "system", "login", "session", "demo", "cli")',
  })
  actorUserId: string | null;

  @ApiProperty({ example: 'admin' })
  actorUsername: string;

  @ApiProperty({
    enum: ['unit', 'person', 'user', 'council', 'notification'],
    description: 'The kind of record (each route reads one kind)',
  })
  entity: 'unit' | 'person' | 'user' | 'council' | 'notification';

  @ApiProperty({ format: 'uuid' })
  entityId: string;

  @ApiProperty({
    example: 'update',
    description:
      'What was done, e.g. create, update, move, close, import_create, grant, revoke, ' +
      'password_reset, login_locked, signer_add (open-ended: each writer of the log names its own)',
  })
  action: string;

  @ApiProperty({
    oneOf: RECORDED,
    nullable: true,
    description:
      'What the action changed, as it was before (a record, or a list such as a unit’s ' +
      'authorities); null when it has none (a creation)',
  })
  before: unknown;

  @ApiProperty({ oneOf: RECORDED, nullable: true, description: 'What it is after the change' })
  after: unknown;
}
