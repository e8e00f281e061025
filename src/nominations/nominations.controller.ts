import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, Public, RequireRoles } from '../auth/auth.decorators';
import { DOCUMENT_MEDIA_TYPES } from '../common/body-parsing';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import { AppConfig } from '../config/app-config';
import type { Principal } from '../domain/org/principal';
import { CASE_READERS } from '../cases/case-access';
import { CommandRequest, Idempotent } from '../cases/idempotent.decorator';
import type { IdempotentRequest } from '../cases/idempotency';
import { AwardOutputsService } from './award-outputs.service';
import { DossierDocumentsService } from './dossier-documents.service';
import { EligibilityCheckService } from './eligibility-check.service';
import { CertificateCheckDto, EligibilityReportDto } from './dto/nomination-views.dto';
import { AwardDecisionsService } from './award-decisions.service';
import {
  AnnounceDecisionDto,
  DecisionListQuery,
  ObjectionDto,
  PublicNoticesQuery,
  UploadDocumentQuery,
} from './dto/nomination.dto';
import { PublicNoticesService } from './public-notices.service';
import { CertificateChecksService } from './certificate-checks.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Dossier documents and the printable outputs of a nomination, for those who may read it. */
@ApiTags('nominations')
@ApiBearerAuth()
@RequireRoles(...CASE_READERS)
@Controller('cases')
export class NominationDocumentsController {
  constructor(
    private readonly documents: DossierDocumentsService,
    private readonly outputs: AwardOutputsService,
    private readonly eligibility: EligibilityCheckService,
    private readonly config: AppConfig,
  ) {}

  @Post(':id/documents')
  @Idempotent()
  @ApiConsumes(...DOCUMENT_MEDIA_TYPES)
  @ApiBody({
    description: 'The file itself as the body (PDF, PNG or JPEG, at most 10 MiB), not multipart.',
    schema: { type: 'string', format: 'binary' },
  })
  upload(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Query() query: UploadDocumentQuery,
    @Req() request: FastifyRequest,
    @CommandRequest() command: IdempotentRequest,
  ) {
    return this.documents.upload(
      actor,
      id,
      {
        code: query.code,
        fileName: query.fileName,
        contentType: request.headers['content-type'],
        body: request.body,
      },
      command,
    );
  }

  @Get(':id/documents/:documentId')
  @ApiProduces(...DOCUMENT_MEDIA_TYPES)
  async download(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Param('documentId') documentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { document, content } = await this.documents.download(actor, id, documentId);
    reply
      .header('content-type', document.mediaType)
      .header('content-disposition', attachment(document.fileName))
      .header('x-content-sha256', document.sha256);
    return content;
  }

  @Get(':id/eligibility')
  @ApiOperation({
    summary: 'Am I eligible? The nomination judged against the rule set as of today',
    description:
      'The same evaluation SUBMIT runs (the caller as the nominator), one line per rule with its ' +
      'outcome, vi/en reason and legal source. Read-only: nothing is stored or recorded.',
  })
  @ApiOkResponse({ type: EligibilityReportDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    404: ['CASE.NOT_FOUND (also out of scope)'],
    409: ['ELIGIBILITY.NOT_JUDGED (not a nomination, or a version that judges no eligibility)'],
    422: ['ELIGIBILITY.UNKNOWN_AWARD'],
  })
  checkEligibility(@CurrentActor() actor: Principal, @Param('id') id: string) {
    return this.eligibility.check(actor, id);
  }

  @Get(':id/certificate')
  @ApiOperation({
    summary: 'The certificate (PDF) of an announced award',
    description:
      'Its QR code and printed link open the public verification page ' +
      '(PUBLIC_BASE_URL/public/certificates/<code>), which reads GET /public/certificates/{code}.',
  })
  @ApiProduces('application/pdf')
  async certificate(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    // The web app's page (a person scans the QR code), not the JSON it reads.
    const pdf = await this.outputs.certificate(
      actor,
      id,
      `${this.config.publicBaseUrl}/public/certificates`,
    );
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', attachment(`giay-chung-nhan-${id}.pdf`));
    return pdf;
  }

  @Get(':id/decision-list')
  @ApiProduces('text/csv', XLSX)
  async decisionList(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Query() query: DecisionListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.outputs.decisionList(actor, id, query.format);
    reply
      .header('content-type', query.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
      .header('content-disposition', attachment(`danh-sach-khen-thuong.${query.format}`));
    return file;
  }
}

/** Award decisions: one number for every nomination a decision grants. */
@ApiTags('nominations')
@ApiBearerAuth()
@RequireRoles('secretariat')
@Controller('decisions')
export class AwardDecisionsController {
  constructor(private readonly decisions: AwardDecisionsService) {}

  @Post()
  announce(@CurrentActor() actor: Principal, @Body() body: AnnounceDecisionDto) {
    return this.decisions.announce(actor, body);
  }
}

/** Read and object to nominations under public notice, and check certificates: no sign-in. */
@ApiTags('public')
@Public()
@Controller('public')
export class PublicNoticesController {
  constructor(
    private readonly notices: PublicNoticesService,
    private readonly certificates: CertificateChecksService,
  ) {}

  @Get('notices')
  list(@Query() query: PublicNoticesQuery) {
    return this.notices.list(query.cursor, query.limit ?? 20);
  }

  @Post('notices/:id/objections')
  @UseGuards(ThrottlerGuard)
  @HttpCode(202)
  @ApiOkResponse({ description: 'The objection is recorded; the nomination is on hold.' })
  fileObjection(
    @Param('id') id: string,
    @Body() body: ObjectionDto,
    @Req() request: FastifyRequest,
  ) {
    return this.notices.fileObjection(id, body, { method: request.method, path: request.url });
  }

  @Get('certificates/:code')
  @ApiOperation({
    summary: 'Verify a certificate by its printed code (no sign-in)',
    description:
      'What the printed certificate shows (holder, unit, award, year, decision) and whether it ' +
      'stands or was revoked (date, Art 93(2) ground); the audit record it is bound to.',
  })
  @ApiOkResponse({ type: CertificateCheckDto })
  @ApiProblems({ 404: ['CERTIFICATE.NOT_FOUND'] })
  checkCertificate(@Param('code') code: string) {
    return this.certificates.checkCertificate(code);
  }
}

/** RFC 6266: an ASCII fallback plus the exact (Vietnamese) name, percent-encoded. */
function attachment(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
