import { Body, Controller, Get, Headers, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, RequireRoles } from '../auth/auth.decorators';
import { AppError } from '../common/errors';
import type { Principal } from '../domain/org/principal';
import { CASE_READERS, CasesService, type CommandResult } from './cases.service';
import { CreateCaseDto, HistoryQuery, ListCasesQuery, SendEventDto } from './dto/case.dto';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

const idempotencyHeader = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Repeat a request safely: the first answer is replayed, nothing is applied twice.',
};

/**
 * Cases are for the working roles (admin manages accounts and the registry); the service narrows
 * every request to the caller's unit scope, and the workflow definition decides who may open a
 * case or send which event.
 */
@ApiTags('cases')
@ApiBearerAuth()
@RequireRoles(...CASE_READERS)
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @ApiHeader(idempotencyHeader)
  async open(
    @CurrentActor() actor: Principal,
    @Body() body: CreateCaseDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.cases.open(actor, body, {
      key: checkKey(key),
      method: request.method,
      path: request.url,
    });
    return send(reply, result);
  }

  @Get()
  list(@CurrentActor() actor: Principal, @Query() query: ListCasesQuery) {
    return this.cases.list(actor, query);
  }

  @Get(':id')
  get(@CurrentActor() actor: Principal, @Param('id') id: string) {
    return this.cases.get(actor, id);
  }

  @Post(':id/events')
  @ApiHeader(idempotencyHeader)
  async sendEvent(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Body() body: SendEventDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.cases.sendEvent(actor, id, body, {
      key: checkKey(key),
      method: request.method,
      path: request.url,
    });
    return send(reply, result);
  }

  @Get(':id/history')
  history(@CurrentActor() actor: Principal, @Param('id') id: string, @Query() query: HistoryQuery) {
    return this.cases.history(actor, id, query.afterSeq ?? 0, query.limit ?? 100);
  }

  @Get(':id/verify')
  @ApiOkResponse({ description: '{ ok, checked, firstBadSeq, problem }' })
  verify(@CurrentActor() actor: Principal, @Param('id') id: string) {
    return this.cases.verify(actor, id);
  }
}

export function checkKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new AppError(
      'VALIDATION.FAILED',
      'invalid',
      'Idempotency-Key must be 1–128 visible ASCII characters.',
      {
        errors: [
          { field: 'Idempotency-Key', messages: ['must be 1–128 visible ASCII characters'] },
        ],
      },
    );
  }
  return key;
}

function send(reply: FastifyReply, result: CommandResult) {
  reply.status(result.status);
  if (result.replayed) reply.header('idempotency-replayed', 'true');
  return result.body;
}
