import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import type { Principal } from '../domain/org/principal';
import { AuditHistoryService, EXPORT_MEDIA_TYPES } from './audit-history.service';
import { AuditEventsQuery, AuditExportQuery, AuditReadsQuery } from './dto/audit-history.dto';
import { AuditEventPageDto, AuditReadListDto } from './dto/audit-views.dto';

/** The export's body, described once per media type it may be sent as. */
const EXPORT_FILE = Object.fromEntries(
  Object.values(EXPORT_MEDIA_TYPES).map((mediaType) => [
    mediaType,
    { schema: { type: 'string', format: 'binary' } },
  ]),
);

/**
 * The auditors' tools: search the audit trail, export it, and see who read what. Auditors only,
 * narrowed to their auditor grants; every call is itself logged before it is answered.
 */
@ApiTags('audit')
@ApiBearerAuth()
@RequireRoles('auditor')
@Controller('audit')
export class AuditHistoryController {
  constructor(private readonly audit: AuditHistoryService) {}

  @Get('events')
  @ApiOperation({
    summary: 'Search the audit trail for auditors: the records the filters match, oldest first',
    description:
      'Filters combine with AND; records of cases outside the caller’s auditor grants are left ' +
      'out, as if they did not exist. Keyset pages: pass nextCursor back as cursor. The search ' +
      'is logged in the caller’s read log before it is answered.',
  })
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiProblems({
    400: [
      'VALIDATION.FAILED (a filter or limit; from or to not a real date; a cursor that is not a ' +
        'nextCursor)',
    ],
    ...SIGNED_IN_PROBLEMS,
  })
  search(@CurrentActor() actor: Principal, @Query() query: AuditEventsQuery) {
    return this.audit.search(actor, query);
  }

  @Get('export')
  @ApiOperation({
    summary: 'Download the audit records the filters match, as JSON Lines or CSV',
    description:
      'JSON Lines (format version 2, docs/audit-export.md) is verifiable offline with the ' +
      'published key (npm run verify-export). An organisation-wide auditor gets every ' +
      'checkpoint with every case’s head; an auditor scoped to some units (or a request ' +
      'narrowed to a case, a person or a unit) gets, in each checkpoint, a Merkle inclusion ' +
      'proof of each covered case’s head and nothing about any other case. CSV is for reading: ' +
      'cells are quoted and neutralised so that no spreadsheet, whatever its separator, runs a ' +
      'formula.',
  })
  @ApiProduces(...Object.values(EXPORT_MEDIA_TYPES))
  @ApiOkResponse({
    description: 'The file, streamed (content-disposition: attachment)',
    content: EXPORT_FILE,
  })
  @ApiProblems({ 400: ['VALIDATION.FAILED'], ...SIGNED_IN_PROBLEMS })
  async export(
    @CurrentActor() actor: Principal,
    @Query() query: AuditExportQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.audit.export(actor, query);
    // Fastify pipes the stream and respects backpressure; the lines are produced as it reads.
    void reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(file.body);
  }

  @Get('reads')
  @ApiOperation({
    summary: 'Who read what: a user’s audit read log (default: yours), newest first, for auditors',
    description:
      'An organisation-wide auditor may read anyone’s log; an auditor scoped to units only their ' +
      'own, and gets an empty list for anyone else. This read is logged too.',
  })
  @ApiOkResponse({ type: AuditReadListDto })
  @ApiProblems({ 400: ['VALIDATION.FAILED (userId, limit)'], ...SIGNED_IN_PROBLEMS })
  reads(@CurrentActor() actor: Principal, @Query() query: AuditReadsQuery) {
    return this.audit.reads(actor, query);
  }
}
