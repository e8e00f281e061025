import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsOmittable } from './omittable.decorator';
import { DecimalInteger } from './decimal-integer.decorator';

/** Lists are never unbounded: at most 100 items a page. */
export class PageSizeQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: 'Page size' })
  @IsOmittable()
  @DecimalInteger()
  @Min(1)
  @Max(100)
  @IsInt()
  limit?: number;
}

/** Keyset pagination on a time-ordered id: pass back `nextCursor` for the next page. */
export class CursorPageQuery extends PageSizeQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOmittable()
  @IsUUID()
  cursor?: string;
}

/** Keyset pagination on another order: the cursor is opaque (base64url). */
export class OpaqueCursorPageQuery extends PageSizeQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOmittable()
  @Matches(/^[A-Za-z0-9_-]{1,4000}$/, { message: 'cursor must be a nextCursor value' })
  cursor?: string;
}
