import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { CASE_READERS, canRead, memberAccess } from '../cases/case-access';
import { CaseCommands } from '../cases/case-commands.service';
import { caseNotFound } from '../cases/case-errors';
import { caseViewFor } from '../cases/case-queries.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors';
import { checkQuorum } from '../domain/council/collegial-vote';
import type { StoredCase } from '../domain/cases/stored-case';
import { scopesFor, type Principal } from '../domain/org/principal';
import { rolesAt } from '../domain/org/scope';
import type { CouncilRosterFact, MinutesFact } from '../domain/workflow/event-facts';
import { WorkflowCatalogue } from '../domain/workflow/workflow-catalogue';
import type { Language, Localized } from '../domain/localized';
import type { MinutesInput } from '../outputs/council-minutes';
import { workerTask } from '../workers/worker-task';
import { WorkerPool } from '../workers/worker-pool';
import { BALLOT_BOX, type BallotBox } from '../persistence/repositories/ballot-box.repository';
import {
  CASES_REPOSITORY,
  type CasesRepository,
  type StoredDocument,
} from '../persistence/repositories/cases.repository';
import {
  COUNCILS_REPOSITORY,
  type CouncilsRepository,
} from '../persistence/repositories/councils.repository';
import {
  ORGANISATION_REPOSITORY,
  type OrganisationRepository,
} from '../persistence/repositories/organisation.repository';
import { CouncilFacts, recusalReason } from './council-facts.service';
import { COUNCIL_SESSION, recordedSession, type RecordedSession } from './council-session-case';
import { MINUTES_DOCUMENT_CODE } from './council.plugin';
import type {
  BallotReceiptDto,
  CastBallotDto,
  ReceiptCheckResultDto,
  SessionSummaryDto,
  SessionViewDto,
} from './dto/council.dto';
import { fileNameIn } from '../outputs/file-names';

const RENDER_MINUTES = workerTask<MinutesInput, Uint8Array>(
  require.resolve('../outputs/council-minutes.worker'),
  'renderMinutes',
);

function refused(
  code: string,
  kind: 'conflict' | 'forbidden' | 'unprocessable',
  vi: string,
  en: string,
) {
  return new AppError(code, kind, en, {}, { vi, en });
}

/**
 * Council sessions as their members and the secretariat use them: the session's view, ballots
 * (never case events: the ballot box keeps who took part apart from what was chosen), the close
 * (count, minutes, recommendations), receipts and the minutes file.
 */
/**
 * Why an item was deferred, as the minutes say it. The minutes are filed in every voted
 * nomination's dossier and read by those nominations' units: they do not say that a matter about
 * another unit's nominee is pending (the session's agenda, read by the council, says why).
 */
const DEFERRED_IN_MINUTES: Localized = {
  vi: 'Hồ sơ chưa đủ điều kiện đưa ra xét tại phiên họp này.',
  en: 'The nomination could not be considered at this meeting.',
};

@Injectable()
export class CouncilSessionsService {
  constructor(
    @Inject(CASES_REPOSITORY) private readonly cases: CasesRepository,
    @Inject(ORGANISATION_REPOSITORY) private readonly organisation: OrganisationRepository,
    @Inject(COUNCILS_REPOSITORY) private readonly councils: CouncilsRepository,
    @Inject(BALLOT_BOX) private readonly ballots: BallotBox,
    private readonly commands: CaseCommands,
    private readonly workflows: WorkflowCatalogue,
    private readonly council: CouncilFacts,
    private readonly pool: WorkerPool,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, state?: string): Promise<{ items: SessionSummaryDto[] }> {
    const page = await this.cases.list({
      scopes: scopesFor(principal, CASE_READERS),
      caseType: COUNCIL_SESSION,
      state,
      limit: 200,
    });
    const sessions = await Promise.all(page.items.map((listed) => this.cases.findById(listed.id)));
    const summaries = await Promise.all(
      sessions.filter((s): s is StoredCase => s !== null).map((s) => this.summary(s)),
    );
    return { items: summaries.sort((a, b) => b.meetingDate.localeCompare(a.meetingDate)) };
  }

  async view(principal: Principal, id: string): Promise<SessionViewDto> {
    const stored = await this.readable(principal, id);
    const session = recordedSession(stored);
    const roster = session.roster ?? (await this.council.roster(stored));
    const names = new Map((roster?.members ?? []).map((m) => [m.personId, m.name]));
    const voters = (roster?.members ?? []).filter((m) => m.votes).map((m) => m.personId);
    const participation = await this.ballots.participationOf(stored.id);
    const me = principal.personId;
    const votedOn = participation.filter((p) => p.personId === me).map((p) => p.itemCaseId);
    const workflow = this.workflows.get(stored.workflow.id, stored.workflow.version);
    const voting = workflow.tagsOf(stored.state).includes('ballot_open');
    const rules = roster?.rules ?? null;
    const quorum = rules && checkQuorum(voters, session.present, rules.quorum);
    const published = session.tally ? await this.ballots.published(stored.id) : [];
    return {
      ...(await this.summary(stored)),
      place: session.data.place ?? null,
      version: stored.version,
      allowedEvents: caseViewFor(stored, workflow, principal).allowedEvents.map((e) => ({
        type: e.type,
        label: e.label,
      })),
      roster: (roster?.members ?? []).map(({ personId, name, role, votes }) => ({
        personId,
        name,
        role,
        votes,
      })),
      quorum: rules && quorum ? { ...quorum, ...rules.quorum, ruleSet: rules.ruleSet } : null,
      attendance: stored.context.attendance ? { present: session.present } : null,
      agenda:
        session.agenda?.map((item) => ({
          caseId: item.caseId,
          nominee: item.nominee,
          award: item.award,
          status: item.status,
          deferredBecause: item.deferredBecause,
          recusals: session.recusals
            .filter((r) => r.caseId === item.caseId)
            .map((r) => ({
              personId: r.personId,
              name: names.get(r.personId) ?? r.personId,
              reason: recusalReason(r.reason, r.automatic),
              automatic: r.automatic,
            })),
          ballot: item.vote.ballot,
        })) ?? null,
      me: {
        personId: me,
        votes: me !== null && voters.includes(me),
        votedOn,
        mayVoteOn: voting && me !== null ? this.openItemsFor(session, roster, me, votedOn) : [],
      },
      tally:
        session.tally?.map((item) => ({
          ...item,
          receipts: published
            .filter((b) => b.itemCaseId === item.caseId)
            .map(({ receiptHash, choice }) => ({ receiptHash, choice })),
          openVotes:
            item.openVotes?.map((v) => ({ ...v, name: names.get(v.personId) ?? v.personId })) ??
            null,
        })) ?? null,
      minutes: session.minutes,
    };
  }

  /**
   * One ballot on one item, in a transaction that holds the session's lock, so the close cannot
   * count while it is being cast. Who may vote is the roster recorded at the opening, not a grant.
   */
  async cast(principal: Principal, id: string, input: CastBallotDto): Promise<BallotReceiptDto> {
    const receipt = await this.cases.transaction(async (tx) => {
      const current = await tx.findForUpdate(id);
      if (!current || current.caseType !== COUNCIL_SESSION || !this.mayRead(principal, current)) {
        throw caseNotFound(id);
      }
      const workflow = this.workflows.get(current.workflow.id, current.workflow.version);
      if (!workflow.tagsOf(current.state).includes('ballot_open')) {
        throw refused(
          'COUNCIL.VOTING_CLOSED',
          'conflict',
          'Phiên họp không ở giai đoạn biểu quyết: chưa khai mạc hoặc đã kết thúc biểu quyết.',
          'The session is not voting: it has not opened, or the voting has closed.',
        );
      }
      const session = recordedSession(current);
      const me = principal.personId;
      const member = session.roster?.members.find((m) => m.personId === me && m.votes);
      if (me === null || member === undefined) {
        throw refused(
          'COUNCIL.NOT_A_VOTER',
          'forbidden',
          'Bạn không phải thành viên biểu quyết của hội đồng vào ngày họp.',
          'You are not a voting member of the council on the meeting date.',
        );
      }
      if (!session.present.includes(me) && session.roster?.rules?.writtenVotes !== true) {
        throw refused(
          'COUNCIL.NOT_PRESENT',
          'conflict',
          'Bạn không có mặt tại phiên họp và quy định không cho biểu quyết bằng văn bản.',
          'You are not present, and the rules do not allow written votes.',
        );
      }
      const item = session.agenda?.find((i) => i.caseId === input.caseId);
      if (item === undefined || item.status !== 'to_vote') {
        throw refused(
          'COUNCIL.NOT_ON_AGENDA',
          'unprocessable',
          'Hồ sơ này không có trong danh sách biểu quyết của phiên họp (hoặc đã hoãn xét).',
          'This item is not on the session’s list to vote (or it was deferred).',
        );
      }
      if (session.recusals.some((r) => r.caseId === item.caseId && r.personId === me)) {
        throw refused(
          'COUNCIL.RECUSED',
          'conflict',
          'Bạn không tham gia biểu quyết hồ sơ này.',
          'You are recused from this item.',
        );
      }
      return this.ballots.castIn(tx, {
        sessionId: current.id,
        itemCaseId: item.caseId,
        personId: me,
        choice: input.choice,
        mode: item.vote.ballot,
      });
    });
    return { caseId: input.caseId, receipt: receipt.receipt };
  }

  /**
   * Closes the voting (CLOSE_VOTING: quorum, count, published ballots), renders the minutes from
   * the recorded count in the worker pool, then records them (RECORD_MINUTES), which files them in
   * every voted dossier and sends each nomination its recommendation, in one transaction. A close
   * interrupted after the count carries on from it when asked again.
   */
  async close(principal: Principal, id: string): Promise<SessionViewDto> {
    const request = { method: 'POST', path: `/council-sessions/${id}/close` };
    let stored = await this.readable(principal, id);
    const workflowOf = (s: StoredCase) => this.workflows.get(s.workflow.id, s.workflow.version);
    // Who may close is asked first: nobody else makes the server count or render anything.
    const closers = workflowOf(stored).definition.events.RECORD_MINUTES?.roles ?? [];
    if (!rolesAt(principal.grants, stored.unitPath).some((role) => closers.includes(role))) {
      throw new AppError(
        'CASE.ROLE_NOT_ALLOWED',
        'forbidden',
        `Closing a session takes one of the roles: ${closers.join(', ')}.`,
        { allowedRoles: closers },
        {
          vi: `Kết thúc phiên họp cần một trong các vai trò: ${closers.join(', ')}.`,
          en: `Closing a session takes one of the roles: ${closers.join(', ')}.`,
        },
      );
    }
    if (workflowOf(stored).tagsOf(stored.state).includes('ballot_open')) {
      await this.commands.applyEvent(
        { caseId: id, type: 'CLOSE_VOTING', payload: {}, access: memberAccess(principal) },
        request,
        { type: 'CLOSE_VOTING' },
      );
      stored = await this.readable(principal, id);
    }
    const session = recordedSession(stored);
    if (session.tally === null || session.minutes !== null) {
      throw refused(
        'COUNCIL.NOT_COUNTED',
        'conflict',
        'Chỉ kết thúc được phiên họp đang biểu quyết hoặc đã kiểm phiếu.',
        'Only a session that is voting or counted can be closed.',
      );
    }
    const pdf = await this.renderMinutes(stored, session);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const fileName = `bien-ban-hop-hoi-dong-${session.data.meetingDate}.pdf`;
    const minutes: MinutesFact = {
      sha256,
      size: pdf.length,
      fileName,
      sessionDocumentId: uuidv7(),
      documentIds: Object.fromEntries(session.tally.map((item) => [item.caseId, uuidv7()])),
    };
    const at = this.clock.nowIso();
    const documentFor = (caseId: string, documentId: string): StoredDocument => ({
      id: documentId,
      caseId,
      code: MINUTES_DOCUMENT_CODE,
      fileName,
      mediaType: 'application/pdf',
      size: pdf.length,
      sha256,
      uploadedBy: principal.userId,
      uploadedAt: at,
    });
    await this.commands.applyEvent(
      {
        caseId: id,
        type: 'RECORD_MINUTES',
        payload: {},
        access: memberAccess(principal),
        suppliedFacts: { minutes },
        beforeStep: async (tx) => {
          await tx.insertDocument(documentFor(id, minutes.sessionDocumentId), pdf);
          for (const [caseId, documentId] of Object.entries(minutes.documentIds)) {
            await tx.insertDocument(documentFor(caseId, documentId), pdf);
          }
        },
      },
      request,
      { type: 'RECORD_MINUTES', sha256 },
    );
    return this.view(principal, id);
  }

  async checkReceipt(
    principal: Principal,
    id: string,
    receipt: string,
  ): Promise<ReceiptCheckResultDto> {
    const stored = await this.readable(principal, id);
    const found = await this.ballots.checkReceipt(stored.id, receipt);
    return found === null
      ? { counted: false }
      : { counted: true, caseId: found.itemCaseId, choice: found.choice };
  }

  /** The minutes as filed: the Vietnamese document whose hash the session's record carries. */
  async minutesFile(principal: Principal, id: string) {
    const stored = await this.readable(principal, id);
    const minutes = recordedSession(stored).minutes;
    const found = minutes && (await this.cases.findDocument(stored.id, minutes.documentId));
    if (!found) throw noMinutes();
    return found;
  }

  /**
   * The same minutes in English, rendered from the session's record when asked (not filed: the
   * Vietnamese document is the official one), once the session has closed.
   */
  async minutesInEnglish(
    principal: Principal,
    id: string,
  ): Promise<{ fileName: string; content: Buffer }> {
    const stored = await this.readable(principal, id);
    const session = recordedSession(stored);
    if (session.minutes === null || session.tally === null) throw noMinutes();
    return {
      fileName: fileNameIn('en', `bien-ban-hop-hoi-dong-${session.data.meetingDate}.pdf`),
      content: await this.renderMinutes(stored, session, 'en'),
    };
  }

  /** Case readers in scope, and the council's own members on the meeting date (they vote). */
  private async readable(principal: Principal, id: string): Promise<StoredCase> {
    const stored = /^[0-9a-f-]{36}$/.test(id) ? await this.cases.findById(id) : null;
    if (!stored || stored.caseType !== COUNCIL_SESSION) throw caseNotFound(id);
    if (this.mayRead(principal, stored)) return stored;
    const roster = await this.council.roster(stored);
    if (roster?.members.some((m) => m.personId === principal.personId)) return stored;
    throw caseNotFound(id);
  }

  private mayRead(principal: Principal, stored: StoredCase): boolean {
    if (canRead(principal, stored)) return true;
    const roster = recordedSession(stored).roster;
    return (
      principal.personId !== null &&
      !!roster?.members.some((m) => m.personId === principal.personId)
    );
  }

  private openItemsFor(
    session: RecordedSession,
    roster: CouncilRosterFact | null,
    me: string,
    votedOn: string[],
  ): string[] {
    if (!roster?.members.some((m) => m.personId === me && m.votes)) return [];
    if (!session.present.includes(me) && roster.rules?.writtenVotes !== true) return [];
    return (session.agenda ?? [])
      .filter((item) => item.status === 'to_vote')
      .filter((item) => !votedOn.includes(item.caseId))
      .filter(
        (item) => !session.recusals.some((r) => r.caseId === item.caseId && r.personId === me),
      )
      .map((item) => item.caseId);
  }

  private async summary(stored: StoredCase): Promise<SessionSummaryDto> {
    const data = recordedSession(stored).data;
    const [council, unit] = await Promise.all([
      this.councils.findCouncil(data.councilId),
      this.organisation.findUnitById(stored.unitId ?? ''),
    ]);
    return {
      id: stored.id,
      state: stored.state,
      title: data.title,
      meetingDate: data.meetingDate,
      council: council && { id: council.id, name: council.name },
      unit: { id: stored.unitId ?? '', code: unit?.code ?? '', name: unit?.name ?? '' },
    };
  }

  /** The minutes of the counted session, rendered off the request thread (Vietnamese: filed). */
  private async renderMinutes(
    stored: StoredCase,
    session: RecordedSession,
    language: Language = 'vi',
  ): Promise<Buffer> {
    const roster = session.roster!;
    const names = new Map(roster.members.map((m) => [m.personId, m.name]));
    const council = await this.councils.findCouncil(session.data.councilId);
    const unit = await this.organisation.findUnitById(stored.unitId ?? '');
    const voters = roster.members.filter((m) => m.votes).map((m) => m.personId);
    const quorum = checkQuorum(voters, session.present, roster.rules!.quorum);
    const input: MinutesInput = {
      language,
      council: { name: council?.name ?? '', unitName: unit?.name ?? '' },
      session: {
        id: stored.id,
        title: session.data.title,
        meetingDate: session.data.meetingDate,
        place: session.data.place ?? null,
      },
      roster: roster.members.map((m) => ({
        name: m.name,
        role: m.role,
        present: session.present.includes(m.personId),
      })),
      quorum: {
        required: quorum.required,
        present: quorum.present,
        numerator: roster.rules!.quorum.numerator,
        denominator: roster.rules!.quorum.denominator,
        ruleSet: roster.rules!.ruleSet,
      },
      items: (session.agenda ?? []).map((item) => {
        const tally = session.tally?.find((t) => t.caseId === item.caseId) ?? null;
        return {
          nominee: item.nominee.name,
          award: item.award.name[language],
          status: item.status === 'to_vote' ? 'voted' : 'deferred',
          deferredBecause: item.status === 'deferred' ? DEFERRED_IN_MINUTES[language] : null,
          recusals: session.recusals
            .filter((r) => r.caseId === item.caseId)
            .map((r) => ({
              name: names.get(r.personId) ?? r.personId,
              reason: recusalReason(r.reason, r.automatic)[language],
            })),
          ballot: item.vote.ballot,
          tally: tally && {
            approve: tally.approve,
            reject: tally.reject,
            abstain: tally.abstain,
            base: tally.base,
            baseKind: tally.baseKind,
            ratio: tally.ratio,
            comparison: tally.comparison,
            recommended: tally.recommended,
            awardRuleSet: tally.ruleSets.award,
          },
          openVotes:
            tally?.openVotes?.map((v) => ({
              name: names.get(v.personId) ?? v.personId,
              choice: v.choice,
            })) ?? null,
        };
      }),
      countedAt: stored.updatedAt,
      chain: { caseId: stored.id, headHash: stored.headHash },
    };
    const bytes = await this.pool.run(RENDER_MINUTES, input);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}

function noMinutes(): AppError {
  return new AppError(
    'COUNCIL.NO_MINUTES',
    'not_found',
    'The session has no minutes yet (they are made when it closes).',
    {},
    {
      vi: 'Phiên họp chưa có biên bản (biên bản được lập khi kết thúc phiên họp).',
      en: 'The session has no minutes yet (they are made when it closes).',
    },
  );
}
