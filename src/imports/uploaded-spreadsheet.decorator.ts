import {
  createParamDecorator,
  UnsupportedMediaTypeException,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from '../common/body-parsing';
import { readsTheBody } from '../common/undeclared-input.guard';
import type { SpreadsheetFormat } from './spreadsheet';

/**
 * Named apart from the decorator: a parameter typed with a name that is also a value gets that
 * value as its design:paramtypes when a file is compiled on its own (as jest does), and the
 * validation pipe would then treat the file as a DTO.
 */
export interface SpreadsheetUpload {
  content: Buffer;
  format: SpreadsheetFormat;
}

const FORMAT_BY_MEDIA_TYPE: Record<string, SpreadsheetFormat> = {
  [CSV_MEDIA_TYPE]: 'csv',
  [XLSX_MEDIA_TYPE]: 'xlsx',
};

/**
 * The request body as a spreadsheet file, its format taken from Content-Type. The body parser
 * also accepts JSON for every route, so a JSON body reaching an import route is refused here.
 */
export const UploadedSpreadsheet = createParamDecorator(
  readsTheBody((_: unknown, context: ExecutionContext): SpreadsheetUpload => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const format = FORMAT_BY_MEDIA_TYPE[mediaType];
    if (!format) {
      throw new UnsupportedMediaTypeException(
        `Send the file itself as the body, with Content-Type ${CSV_MEDIA_TYPE} or ${XLSX_MEDIA_TYPE}.`,
      );
    }
    // Fastify skips the parser for an empty body; an empty file is then reported as such.
    const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    return { content, format };
  }),
);
