import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OpeningChecks, type OpeningCheck } from '../cases/plugins/opening-checks';
import { AppError } from '../common/errors';
import { COUNCIL_BODY_NAMES, EMULATION_COUNCIL } from '../domain/council/council-roster';
import { CouncilFacts } from './council-facts.service';
import { COUNCIL_SESSION, type CouncilSessionData } from './council-session-case';

/**
 * Council sessions vote on nominations, so they belong to the Emulation-Commendation Council; a
 * Party cell or a discipline council votes on a violation inside its case. A session naming its
 * unit's council of another body is refused with that reason. A council of another unit (or none)
 * is left to the unit check, whose answer is the same whatever the id names, so this one says
 * nothing about councils out of the session's unit.
 */
@Injectable()
export class SessionCouncilBodyCheck implements OnModuleInit {
  constructor(
    private readonly council: CouncilFacts,
    private readonly openingChecks: OpeningChecks,
  ) {}

  onModuleInit(): void {
    this.openingChecks.register(this.sessionOfTheEmulationCouncil);
  }

  private readonly sessionOfTheEmulationCouncil: OpeningCheck = {
    name: 'sessionOfTheEmulationCouncil',
    appliesTo: (workflow) => workflow.definition.caseType === COUNCIL_SESSION,
    check: async ({ subject, data }) => {
      const { councilId } = data as unknown as CouncilSessionData;
      const council = await this.council.councilById(councilId);
      if (council === null || subject.kind !== 'unit' || council.unitId !== subject.id) return;
      if (council.body === EMULATION_COUNCIL) return;
      const body = COUNCIL_BODY_NAMES[council.body];
      throw new AppError(
        'CASE.INVALID_DATA',
        'unprocessable',
        `data.councilId: council sessions are the Emulation-Commendation Council's; this council is a ${body.en}.`,
        {
          problems: ['data/councilId must be the unit’s Emulation-Commendation Council'],
          body: council.body,
        },
        {
          vi: `Phiên họp hội đồng là của Hội đồng Thi đua – Khen thưởng; hội đồng đã chọn là ${body.vi}. ${body.vi} biểu quyết ngay trong hồ sơ vụ việc vi phạm.`,
          en: `Council sessions belong to the Emulation and Commendation Council; the council chosen is a ${body.en}. A ${body.en} votes inside the violation's case.`,
        },
      );
    },
  };
}
