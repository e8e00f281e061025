import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequireRoles } from '../auth/auth.decorators';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import { TemplateListDto, TemplateParams } from './dto/templates.dto';
import { TemplatesService } from './templates.service';

const PREVIEW_POLICY = "default-src 'none'; object-src 'self'; frame-ancestors 'self'";

/**
 * The official document templates (data/templates, TEMPLATES_DIR). A deployment adjusts them by
 * editing the files and restarting: there is no upload route, so a template is reviewed like
 * any other configuration, and a bad one stops the server instead of a decision.
 */
@ApiTags('templates')
@ApiBearerAuth()
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @RequireRoles('admin', 'secretariat', 'auditor')
  @ApiOperation({
    summary: 'Every document template: kind, Party or State format, version, file hash',
  })
  @ApiOkResponse({ type: TemplateListDto })
  @ApiProblems(SIGNED_IN_PROBLEMS)
  list(): TemplateListDto {
    return this.templates.list();
  }

  @Get(':kind/:format/preview.pdf')
  @RequireRoles('admin', 'secretariat')
  @ApiOperation({
    summary: 'A template rendered with sample data (PDF)',
    description:
      'Rendered in a worker thread and cached by the hash of the template file and the data, ' +
      'like every official document. Shown inline, for the templates screen.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF', schema: { type: 'string', format: 'binary' } })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    400: ['VALIDATION.FAILED (kind, format)'],
    503: ['SERVER.BUSY'],
  })
  async preview(
    @Param() params: TemplateParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { pdf } = await this.templates.preview(params.kind, params.format);
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${params.kind}.${params.format}.pdf"`)
      // Shown in a frame of the templates screen: this response alone may be framed, by our own
      // origin only; a PDF runs no script and loads nothing.
      .header('content-security-policy', PREVIEW_POLICY);
    return pdf;
  }
}
