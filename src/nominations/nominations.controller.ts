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
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
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
import { AwardDecisionDocuments } from './award-decision-document';
import { DossierDocumentsService } from './dossier-documents.service';
import { EligibilityCheckService } from './eligibility-check.service';
import {
  AnnouncedDecisionDto,
  CertificateCheckDto,
  EligibilityReportDto,
  PublicNoticePageDto,
  RecordedEligibilityDto,
} from './dto/nomination-views.dto';
import { CaseViewDto } from '../cases/dto/case-views.dto';
import { ObservedCaseRead } from '../cases/plugins/case-reads';
import { AwardDecisionsService } from './award-decisions.service';
import {
  AnnounceDecisionDto,
  CertificateQuery,
  DecisionListQuery,
  DecisionPdfQuery,
  ObjectionDto,
  PublicNoticesQuery,
  UploadDocumentQuery,
} from './dto/nomination.dto';
import { PublicNoticesService } from './public-notices.service';
import { CertificateChecksService } from './certificate-checks.service';
import {
  HoldReferenceListDto,
  ObjectionListDto,
  ObjectionReceivedDto,
  SealedLineListDto,
} from './dto/restricted-views.dto';
import { HoldReferencesService } from './hold-references.service';
import { ObjectionsService } from './objections.service';
import { OBJECTOR_IDENTITY_READERS } from './objector-identity-readers';
import {
  CERTIFICATE_CHECKS_LIMIT,
  OBJECTIONS_LIMIT,
  PublicRateLimitGuard,
} from './public-rate-limits';
import { SealedEligibilityService } from './sealed-eligibility.service';
import { fileNameIn } from '../outputs/file-names';

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
    private readonly decisionDocuments: AwardDecisionDocuments,
    private readonly eligibility: EligibilityCheckService,
    private readonly sealedEligibility: SealedEligibilityService,
    private readonly holdReferences: HoldReferencesService,
    private readonly objections: ObjectionsService,
    private readonly config: AppConfig,
  ) {}

  @Post(':id/documents')
  @Idempotent()
  @ApiConsumes(...DOCUMENT_MEDIA_TYPES)
  @ApiBody({
    description: 'The file itself as the body (PDF, PNG or JPEG, at most 10 MiB), not multipart.',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiOperation({
    summary: 'Attach a dossier document (or a case file) to a case',
    description:
      'Stored apart, its SHA-256 recorded by the workflow’s ATTACH_DOCUMENT (or the file event ' +
      'its code names) in the case’s audit chain; the answer is the case after that event.',
  })
  @ApiOkResponse({ type: CaseViewDto })
  @ApiProblems({
    400: ['VALIDATION.FAILED (code, fileName)'],
    ...SIGNED_IN_PROBLEMS,
    403: [...SIGNED_IN_PROBLEMS[403], 'CASE.ROLE_NOT_ALLOWED'],
    404: ['CASE.NOT_FOUND (also out of scope)'],
    409: ['CASE.EVENT_NOT_ALLOWED_IN_STATE', 'CASE.CASE_CLOSED'],
    422: [
      'DOCUMENT.UNKNOWN_CODE',
      'DOCUMENT.NOT_ACCEPTED (not the PDF, PNG or JPEG it says it is, or empty)',
      'UPLOAD.QUOTA_EXCEEDED',
      'CASE.GUARD_FAILED',
      'IDEMPOTENCY.KEY_REUSED',
    ],
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
  @ApiOperation({
    summary: 'Download a document of a case, as it was stored',
    description:
      'With its SHA-256 in X-Content-SHA256 (the hash its audit record carries). For full ' +
      'readers of the case only.',
  })
  @ApiOkResponse({
    description: 'The file',
    content: Object.fromEntries(
      DOCUMENT_MEDIA_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
    ),
  })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    404: ['CASE.NOT_FOUND (also out of scope, or known only to exist)', 'DOCUMENT.NOT_FOUND'],
  })
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

  @Get(':id/eligibility/recorded')
  // One record read, or none before the first check.
  @ObservedCaseRead('recorded_eligibility', (body) =>
    (body as { recorded?: unknown } | null)?.recorded ? 1 : 0,
  )
  @ApiOperation({
    summary: 'The eligibility report the nomination last recorded, from its audit record',
    description:
      'The full report (every line with its outcome, vi/en reason and cited legal source) of the ' +
      'last accepted event that checked the eligibility (SUBMIT, MARK_VERIFIED, RESUBMIT, ' +
      'APPROVE), exactly as its audit record keeps it. From nomination v9 on the case itself ' +
      'keeps only the outcome, the rule set and the lines that did not pass. `recorded` is null ' +
      'until an event has checked it. Auditors’ reads are logged.',
  })
  @ApiOkResponse({ type: RecordedEligibilityDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    404: ['CASE.NOT_FOUND (also out of scope)'],
    409: ['ELIGIBILITY.NOT_JUDGED (not a nomination, or a version that judges no eligibility)'],
  })
  recordedEligibility(@CurrentActor() actor: Principal, @Param('id') id: string) {
    return this.eligibility.recorded(actor, id);
  }

  @Get(':id/eligibility/sealed')
  @ApiOperation({
    summary:
      'Eligibility lines recorded only as a commitment, for readers who may read their sources',
    description:
      'A line that describes a violation case some readers of the nomination may not read (the ' +
      'nominee moved from its unit) is recorded as "discipline in force until …, see the ' +
      'secretariat" plus a commitment. Here: each such line as it was judged, with its nonce, to a ' +
      'caller who may read every violation case it describes (as GET /cases/:id decides); the ' +
      'others are only counted. Each read is logged in the audit reads.',
  })
  @ApiOkResponse({ type: SealedLineListDto })
  @ApiProblems({ ...SIGNED_IN_PROBLEMS, 404: ['CASE.NOT_FOUND (also out of scope)'] })
  sealedEligibilityLines(@CurrentActor() actor: Principal, @Param('id') id: string) {
    return this.sealedEligibility.list(actor, id);
  }

  @Get(':id/holds')
  @ApiOperation({
    summary: 'The violation cases behind a nomination’s holds, for readers who may read them',
    description:
      'A HOLD names the violation case that holds the nomination by a reference (a commitment, ' +
      'written as a UUID), and its RELEASE says only that the matter ended: every reader of the ' +
      'nomination sees that a matter holds it, not which case or how it ended. Here: each hold ' +
      'the nomination has had, with its violation case and the nonce that opens the reference, to ' +
      'a caller who may read that case (as GET /cases/:id decides); the others are only counted. ' +
      'Holds placed before references came in name their case in the record itself and are not ' +
      'listed. Each read is logged in the audit reads.',
  })
  @ApiOkResponse({ type: HoldReferenceListDto })
  @ApiProblems({ ...SIGNED_IN_PROBLEMS, 404: ['CASE.NOT_FOUND (also out of scope)'] })
  holds(@CurrentActor() actor: Principal, @Param('id') id: string) {
    return this.holdReferences.list(actor, id);
  }

  @Get(':id/objections')
  @RequireRoles(...OBJECTOR_IDENTITY_READERS)
  @ApiOperation({
    summary: "A nomination's objections with the objectors' names and contacts",
    description:
      'For the secretariat and auditors with the case in scope. Names and contacts are kept ' +
      'outside the case and its history; each objection gives the commitment its audit record ' +
      'carries and the nonce that opens it. Each read is logged in the audit reads.',
  })
  @ApiOkResponse({ type: ObjectionListDto })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    403: [
      ...SIGNED_IN_PROBLEMS[403],
      'OBJECTIONS.FORBIDDEN (a reader of the case, not its secretariat)',
    ],
    404: ['CASE.NOT_FOUND (also out of scope)'],
  })
  listObjections(@CurrentActor() actor: Principal, @Param('id') id: string) {
    return this.objections.list(actor, id);
  }

  @Get(':id/certificate')
  @ApiOperation({
    summary: 'The certificate (PDF) of an announced award',
    description:
      'Its QR code and printed link open the public verification page ' +
      '(PUBLIC_BASE_URL/public/certificates/<code>), which reads GET /public/certificates/{code}. ' +
      'In Vietnamese, the certificate itself (rendered from the certificate template, cached), or ' +
      'with lang=en an English rendering of the same certificate for reference, made when asked ' +
      'and never stored: English captions, the award’s English name and dates, names, units, ' +
      'the grantor and the number as given, the same QR and verification code, and on it the ' +
      'note that it is a reference translation and the Vietnamese certificate the authentic one.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF', schema: { type: 'string', format: 'binary' } })
  @ApiProblems({
    400: ['VALIDATION.FAILED (lang)'],
    ...SIGNED_IN_PROBLEMS,
    404: ['CASE.NOT_FOUND (also out of scope)'],
    409: ['DECISION.NOT_ANNOUNCED', 'CERTIFICATE.REVOKED'],
    503: ['SERVER.BUSY'],
  })
  async certificate(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Query() query: CertificateQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    // The web app's page (a person scans the QR code), not the JSON it reads.
    const pdf = await this.outputs.certificate(
      actor,
      id,
      `${this.config.publicBaseUrl}/public/certificates`,
      query.lang,
    );
    reply
      .header('content-type', 'application/pdf')
      .header(
        'content-disposition',
        attachment(fileNameIn(query.lang ?? 'vi', `giay-chung-nhan-${id}.pdf`)),
      );
    return pdf;
  }

  @Get(':id/decision.pdf')
  @ApiOperation({
    summary: 'The award decision that announced this nomination, in full (PDF)',
    description:
      'Heading in the issuing body’s format (Party: "ĐẢNG CỘNG SẢN VIỆT NAM", "Số n-QĐ/…"; ' +
      'State: the national heading, "Số: n/QĐ-…"), bases, articles, recipients, the signer’s ' +
      'title block, and the attached list of every award the decision grants. Rendered from ' +
      'the award_decision template (GET /templates) in a worker thread, cached by content. ' +
      'With lang=en, an English rendering of the same record for reference, made when asked and ' +
      'never stored: the same parts with their fixed words in English (headings, articles, ' +
      '"Recipients", award names, dates), names, units and the number as given, and on every ' +
      'page the note that it is a reference translation and the Vietnamese decision the ' +
      'authentic document. Its wording is the standard one, not the deployment’s template.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF', schema: { type: 'string', format: 'binary' } })
  @ApiProblems({
    400: ['VALIDATION.FAILED (lang)'],
    ...SIGNED_IN_PROBLEMS,
    404: ['CASE.NOT_FOUND (also out of scope)'],
    409: ['DECISION.NOT_ANNOUNCED'],
    503: ['SERVER.BUSY'],
  })
  async decisionPdf(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Query() query: DecisionPdfQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const pdf = await this.decisionDocuments.pdf(actor, id, query.lang);
    reply
      .header('content-type', 'application/pdf')
      .header(
        'content-disposition',
        attachment(fileNameIn(query.lang ?? 'vi', `quyet-dinh-khen-thuong-${id}.pdf`)),
      );
    return pdf;
  }

  @Get(':id/decision-list')
  @ApiProduces('text/csv', XLSX)
  @ApiOperation({
    summary: 'The list of awards of the decision that announced this nomination (CSV or XLSX)',
    description:
      'One row per award the decision grants, as the decision’s attached list prints them; in ' +
      'Vietnamese, or with lang=en in English (names and units as given).',
  })
  @ApiOkResponse({
    description: 'The list',
    content: {
      'text/csv': { schema: { type: 'string' } },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems({
    400: ['VALIDATION.FAILED (format, lang)'],
    ...SIGNED_IN_PROBLEMS,
    404: ['CASE.NOT_FOUND (also out of scope)'],
    409: ['DECISION.NOT_ANNOUNCED'],
  })
  async decisionList(
    @CurrentActor() actor: Principal,
    @Param('id') id: string,
    @Query() query: DecisionListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.outputs.decisionList(actor, id, query.format, query.lang);
    reply
      .header('content-type', query.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
      .header(
        'content-disposition',
        attachment(fileNameIn(query.lang ?? 'vi', `danh-sach-khen-thuong.${query.format}`)),
      );
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
  @ApiOperation({
    summary: 'Issue one award decision for several approved nominations, and announce them all',
    description:
      'One number in the issuing unit’s series (its authority’s format), allocated once; every ' +
      'listed nomination is announced under it in one transaction, or none is. signerId names a ' +
      'registered signer of the issuing unit, whose name decision.signer must contain.',
  })
  @ApiCreatedResponse({ type: AnnouncedDecisionDto })
  @ApiProblems({
    400: ['VALIDATION.FAILED'],
    ...SIGNED_IN_PROBLEMS,
    404: ['CASE.NOT_FOUND (also out of scope)'],
    409: ['CASE.EVENT_NOT_ALLOWED_IN_STATE (a nomination not approved)', 'CASE.CASE_CLOSED'],
    422: [
      'DECISION.NOT_A_NOMINATION',
      'DECISION.MIXED_ISSUING_UNITS',
      'DECISION.MIXED_AUTHORITIES',
      'DECISION.NO_ISSUING_UNIT',
      'DECISION.NOT_COMPETENT',
      'DECISION.SIGNER_NOT_ALLOWED',
      'DECISION.SIGNER_MISMATCH',
      'CASE.GUARD_FAILED',
    ],
  })
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
  @ApiOperation({
    summary: 'The nominations under public notice now, for anyone (no sign-in)',
    description:
      'Who is nominated for which award, by which unit, and until when objections are taken. ' +
      'Keyset pages: pass nextCursor back as cursor.',
  })
  @ApiOkResponse({ type: PublicNoticePageDto })
  @ApiProblems({ 400: ['VALIDATION.FAILED'] })
  list(@Query() query: PublicNoticesQuery) {
    return this.notices.list(query.cursor, query.limit ?? 20);
  }

  @Post('notices/:id/objections')
  @UseGuards(PublicRateLimitGuard)
  @SkipThrottle({ [CERTIFICATE_CHECKS_LIMIT]: true })
  @HttpCode(202)
  @ApiOperation({
    summary: 'Object to a nomination under public notice (no sign-in)',
    description:
      'Puts the nomination on hold for the secretariat. The name and contact, if given, are kept ' +
      'outside the case, for the secretariat and auditors only; the objection text is part of ' +
      'the case. Limited per client address (PUBLIC_OBJECTIONS_PER_MINUTE, counted across app ' +
      'instances).',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Repeat a request safely: the first answer is replayed (with Idempotency-Replayed: true), nothing is recorded twice. 1–128 visible ASCII characters.',
  })
  @ApiAcceptedResponse({ type: ObjectionReceivedDto })
  @ApiProblems({
    400: ['VALIDATION.FAILED'],
    404: ['NOTICE.NOT_FOUND'],
    422: ['IDEMPOTENCY.KEY_REUSED'],
    429: ['REQUEST.TOO_MANY'],
  })
  async fileObjection(
    @Param('id') id: string,
    @Body() body: ObjectionDto,
    @CommandRequest() command: IdempotentRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const answer = await this.notices.fileObjection(id, body, command);
    if (answer.replayed) void reply.header('idempotency-replayed', 'true');
    return answer.body;
  }

  @Get('certificates/:code')
  @UseGuards(PublicRateLimitGuard)
  @SkipThrottle({ [OBJECTIONS_LIMIT]: true })
  @ApiOperation({
    summary: 'Verify a certificate by its printed code (no sign-in)',
    description:
      'What the printed certificate shows (holder, unit, award, year, decision) and whether it ' +
      'stands or was revoked (date, Art 93(2) ground); the audit record it is bound to.',
  })
  @ApiOkResponse({ type: CertificateCheckDto })
  @ApiProblems({ 404: ['CERTIFICATE.NOT_FOUND'], 429: ['REQUEST.TOO_MANY'] })
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
