import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { RequireRoles } from '../auth/auth.decorators';
import { notFound } from '../common/errors';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import { PageSizeQuery } from '../common/page-query.dto';
import type { Checkpoint } from '../domain/audit/checkpoint';
import type { Page } from '../persistence/repositories/page';
import { CheckpointsService } from './checkpoints.service';
import { CheckpointPageDto, CheckpointPublicKeyDto } from './dto/audit-views.dto';
import { IsOmittable } from '../common/omittable.decorator';

export class CheckpointsQuery extends PageSizeQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOmittable()
  @Matches(/^[1-9][0-9]{0,8}$/, { message: 'cursor must be a nextCursor value' })
  cursor?: string;
}

/**
 * What auditors need to check the checkpoints away from the server: the checkpoints themselves
 * (newest first) and the public half of the key that signs them.
 */
@ApiTags('audit')
@ApiBearerAuth()
@RequireRoles('auditor')
@Controller('audit')
export class CheckpointsController {
  constructor(private readonly checkpoints: CheckpointsService) {}

  @Get('checkpoints')
  @ApiOperation({
    summary: 'The audit checkpoints, newest first, for auditors to check away from the server',
    description:
      'Each checkpoint commits to every case’s chain head at once (a Merkle root), links to the ' +
      'checkpoint before by its hash, and is signed with the key GET /audit/public-key gives ' +
      '(signature null when no key was configured). Pages: pass nextCursor back as cursor.',
  })
  @ApiOkResponse({ type: CheckpointPageDto })
  @ApiProblems({
    400: ['VALIDATION.FAILED (cursor, limit)'],
    ...SIGNED_IN_PROBLEMS,
  })
  async list(@Query() query: CheckpointsQuery): Promise<Page<Checkpoint>> {
    const limit = query.limit ?? 50;
    const items = await this.checkpoints.list(
      query.cursor === undefined ? undefined : Number(query.cursor),
      limit + 1,
    );
    const more = items.length > limit;
    const page = items.slice(0, limit);
    return { items: page, nextCursor: more ? String(page[page.length - 1].seq) : null };
  }

  /** The Ed25519 public key (SPKI PEM) that checks the checkpoints' signatures. */
  @Get('public-key')
  @ApiOperation({
    summary: 'The public key that checks the checkpoints’ signatures, for auditors (PEM)',
    description:
      'The key file verify-export takes (npm run verify-export -- export.jsonl --public-key ' +
      'key.pem) to check an export’s checkpoints offline.',
  })
  @ApiOkResponse({ type: CheckpointPublicKeyDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    404: ['AUDIT.NO_SIGNING_KEY (checkpoints are unsigned)'],
  })
  publicKey(): { algorithm: 'Ed25519'; keyId: string; pem: string } {
    const key = this.checkpoints.signingKey();
    if (key === null) {
      throw notFound(
        'AUDIT.NO_SIGNING_KEY',
        'No signing key is configured: checkpoints are unsigned',
        {},
        'Chưa cấu hình khóa ký: các điểm kiểm tra không được ký.',
      );
    }
    return { algorithm: 'Ed25519', keyId: key.keyId, pem: key.publicKeyPem };
  }
}
