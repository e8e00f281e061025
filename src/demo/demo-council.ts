import { Injectable } from '@nestjs/common';
import { CaseCommands } from '../cases/case-commands.service';
import { Clock } from '../common/clock';
import type { Principal } from '../domain/org/principal';
import { CouncilSessionsService } from '../councils/council-sessions.service';
import { CouncilsService } from '../councils/councils.service';

export type DemoBallotChoice = 'approve' | 'reject' | 'abstain';

/** Who sits on the committee's council in the demo; the voters are demo users linked to them. */
export const DEMO_COUNCIL = {
  name: 'Hội đồng Thi đua – Khen thưởng Đảng ủy Khối Doanh nghiệp tỉnh',
  termFrom: '2025-01-01',
  members: [
    { person: 'DUK-0001', role: 'chair' },
    { person: 'DUK-0002', role: 'member' },
    { person: 'DUK-0010', role: 'member' },
    { person: 'DUK-0011', role: 'secretary' },
  ],
} as const;

export interface DemoCouncilPeople {
  secretariat: Principal;
  /** The voting members' own accounts: the roster, not a grant, lets them vote. */
  voters: Principal[];
  personIds: Map<string, string>;
  committeeId: string;
}

export interface DemoSessionResult {
  councilId: string;
  sessionId: string;
  state: string;
}

/**
 * The committee's Emulation-Commendation Council and one session of it, built through the same
 * services as the API (`POST /councils`, the session's case events, ballots, the close), so the
 * session has a real audit chain, sealed ballots published without voters, and minutes in every
 * voted dossier.
 */
@Injectable()
export class DemoCouncilLoader {
  constructor(
    private readonly councils: CouncilsService,
    private readonly sessions: CouncilSessionsService,
    private readonly cases: CaseCommands,
    private readonly clock: Clock,
  ) {}

  /** The council of the committee, created with its roster the first time. */
  async council(people: DemoCouncilPeople): Promise<string> {
    const { items } = await this.councils.list(people.secretariat);
    const existing = items.find(
      (council) => council.unit.id === people.committeeId && council.name === DEMO_COUNCIL.name,
    );
    if (existing) return existing.id;
    const created = await this.councils.create(people.secretariat, {
      unitId: people.committeeId,
      name: DEMO_COUNCIL.name,
    });
    for (const member of DEMO_COUNCIL.members) {
      await this.councils.addMember(people.secretariat, created.id, {
        personId: people.personIds.get(member.person)!,
        role: member.role,
        from: DEMO_COUNCIL.termFrom,
      });
    }
    return created.id;
  }

  /**
   * A session today: the secretariat draws the agenda (every nomination awaiting the council in
   * the committee's tree), records everyone present and opens it; each voter votes on each item as
   * `choose` says; the secretariat closes it, which sends every nomination its recommendation.
   */
  async holdSession(
    people: DemoCouncilPeople,
    evaluationYear: number,
    choose: (caseId: string, voter: number) => DemoBallotChoice,
  ): Promise<DemoSessionResult> {
    const councilId = await this.council(people);
    const secretariat = people.secretariat;
    const opened = await this.cases.open(
      secretariat,
      {
        type: 'council_session',
        subject: { kind: 'unit', unitId: people.committeeId },
        data: {
          councilId,
          meetingDate: this.clock.todayInVietnam(),
          title: `Phiên họp xét khen thưởng năm ${evaluationYear}`,
          place: 'Phòng họp Văn phòng Đảng ủy Khối',
        },
      },
      { method: 'POST', path: '/api/v1/cases' },
    );
    const sessionId = opened.body.id;
    const send = (type: string, payload: Record<string, unknown>) =>
      this.cases.sendEvent(
        secretariat,
        sessionId,
        { type, payload },
        { method: 'POST', path: `/api/v1/cases/${sessionId}/events` },
      );
    await send('SET_AGENDA', {});
    await send('RECORD_ATTENDANCE', {
      present: DEMO_COUNCIL.members.map((member) => people.personIds.get(member.person)!),
    });
    await send('OPEN', {});
    const view = await this.sessions.view(secretariat, sessionId);
    const items = (view.agenda ?? []).filter((item) => item.status === 'to_vote');
    for (const [index, voter] of people.voters.entries()) {
      for (const item of items) {
        await this.sessions.cast(voter, sessionId, {
          caseId: item.caseId,
          choice: choose(item.caseId, index),
        });
      }
    }
    const closed = await this.sessions.close(secretariat, sessionId);
    return { councilId, sessionId, state: closed.state };
  }
}
