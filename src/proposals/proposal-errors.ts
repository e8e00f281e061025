import { AppError, fieldProblem } from '../common/errors';
import type { Localized } from '../domain/localized';

/** The problems a proposal answers with (RFC 9457 bodies through the global filter). */

/** One nomination the proposal may not carry, and why. */
export interface NominationRefusal {
  index: number;
  nominationId: string;
  code: string;
  message: Localized;
}

/** A proposal the caller may not see answers exactly like one that does not exist. */
export const proposalNotFound = (proposalId: string) =>
  new AppError(
    'PROPOSAL.NOT_FOUND',
    'not_found',
    `No proposal ${proposalId}.`,
    { proposalId },
    { vi: `Không tìm thấy tờ trình ${proposalId}.`, en: `No proposal ${proposalId}.` },
  );

/** A proposing unit out of the caller's scope answers exactly like one that does not exist. */
export const proposingUnitNotFound = (unitId: string) =>
  new AppError(
    'PROPOSAL.UNIT_NOT_FOUND',
    'not_found',
    `No unit ${unitId} in your scope.`,
    { unitId },
    { vi: `Không tìm thấy đơn vị ${unitId}.`, en: `No unit ${unitId} in your scope.` },
  );

export const proposerNotUnit = () =>
  new AppError(
    'PROPOSAL.PROPOSER_NOT_UNIT',
    'unprocessable',
    'A proposal is made by a unit: its subject must be the proposing unit.',
    { field: 'subject' },
    {
      vi: 'Tờ trình do một đơn vị lập: đối tượng của hồ sơ phải là đơn vị trình.',
      en: 'A proposal is made by a unit: its subject must be the proposing unit.',
    },
  );

export const unknownAuthority = (code: string, ruleSet: string) =>
  new AppError(
    'PROPOSAL.UNKNOWN_AUTHORITY',
    'unprocessable',
    `The rule set ${ruleSet} has no authority "${code}".`,
    {
      errors: [
        fieldProblem('data.to.authority', {
          vi: `Không có cấp có thẩm quyền "${code}"`,
          en: `No authority "${code}"`,
        }),
      ],
    },
    {
      vi: `Bộ quy tắc ${ruleSet} không có cấp có thẩm quyền "${code}".`,
      en: `The rule set ${ruleSet} has no authority "${code}".`,
    },
  );

export const grantedHere = (authority: Localized, unitName: string) =>
  new AppError(
    'PROPOSAL.GRANTED_HERE',
    'unprocessable',
    `${unitName} acts as the ${authority.en} itself: it decides, it does not propose.`,
    {
      errors: [
        fieldProblem('data.to.authority', {
          vi: 'Đơn vị trình chính là cấp có thẩm quyền này',
          en: 'The proposing unit acts as it',
        }),
      ],
    },
    {
      vi: `${unitName} có thẩm quyền ${authority.vi}: đơn vị tự quyết định, không trình lên.`,
      en: `${unitName} acts as the ${authority.en} itself: it decides, it does not propose.`,
    },
  );

export const receiverNotAbove = (unitId: string) =>
  new AppError(
    'PROPOSAL.RECEIVER_NOT_ABOVE',
    'unprocessable',
    `Unit ${unitId} is not above the proposing unit.`,
    {
      errors: [
        fieldProblem('data.to.unitId', {
          vi: 'Không phải đơn vị cấp trên của đơn vị trình',
          en: 'Not a unit above the proposing unit',
        }),
      ],
    },
    {
      vi: `Đơn vị ${unitId} không phải cấp trên của đơn vị trình.`,
      en: `Unit ${unitId} is not above the proposing unit.`,
    },
  );

export const receiverNotAuthority = (unitName: string, authority: Localized) =>
  new AppError(
    'PROPOSAL.RECEIVER_NOT_AUTHORITY',
    'unprocessable',
    `${unitName} does not act as the ${authority.en}.`,
    {
      errors: [
        fieldProblem('data.to.unitId', {
          vi: 'Đơn vị này không phải cấp có thẩm quyền đó',
          en: 'Does not act as that authority',
        }),
      ],
    },
    {
      vi: `${unitName} không được ghi nhận là ${authority.vi}.`,
      en: `${unitName} does not act as the ${authority.en}.`,
    },
  );

export const receiverRequired = (unitId: string, unitName: string, authority: Localized) =>
  new AppError(
    'PROPOSAL.RECEIVER_REQUIRED',
    'unprocessable',
    `${unitName} acts as the ${authority.en} in this system: name it as data.to.unitId, so the proposal reaches its queue.`,
    {
      receivingUnitId: unitId,
      errors: [
        fieldProblem('data.to.unitId', {
          vi: `${unitName} là cấp có thẩm quyền đó trong hệ thống này`,
          en: `${unitName} acts as that authority here`,
        }),
      ],
    },
    {
      vi: `${unitName} là ${authority.vi} trong hệ thống này: cần ghi đơn vị nhận (data.to.unitId) để tờ trình đến đơn vị đó.`,
      en: `${unitName} acts as the ${authority.en} in this system: name it as data.to.unitId, so the proposal reaches its queue.`,
    },
  );

export const nominationsRefused = (refusals: NominationRefusal[]) =>
  new AppError(
    'PROPOSAL.NOMINATIONS_REFUSED',
    'unprocessable',
    refusals.map((r) => `${r.nominationId}: ${r.message.en}`).join(' '),
    {
      nominations: refusals.map(({ index, nominationId, code }) => ({ index, nominationId, code })),
      errors: refusals.map((r) => fieldProblem(`data.nominationIds.${r.index}`, r.message)),
    },
    {
      vi: refusals.map((r) => `${r.nominationId}: ${r.message.vi}`).join(' '),
      en: refusals.map((r) => `${r.nominationId}: ${r.message.en}`).join(' '),
    },
  );

/** Why one nomination may not go up with a proposal. */
export const NOMINATION_REFUSALS = {
  notFound: {
    code: 'NOT_FOUND',
    message: {
      vi: 'không có hồ sơ đề nghị này trong phạm vi của đơn vị trình.',
      en: "no such nomination in the proposing unit's subtree.",
    },
  },
  alreadyProposed: {
    code: 'ALREADY_PROPOSED',
    message: {
      vi: 'hồ sơ đã được trình cấp có thẩm quyền.',
      en: 'it is already with the competent level.',
    },
  },
  notRecommended: {
    code: 'NOT_RECOMMENDED',
    message: {
      vi: 'hồ sơ chưa được Hội đồng kiến nghị khen thưởng (hoặc đã có kết quả), nên chưa thể trình lên.',
      en: 'it is not at the stage where the council has recommended it, so it cannot be proposed.',
    },
  },
  wrongAuthority: (authority: Localized, award: Localized) => ({
    code: 'WRONG_AUTHORITY',
    message: {
      vi: `${award.vi} không thuộc thẩm quyền của ${authority.vi}.`,
      en: `${award.en} is not granted by the ${authority.en}.`,
    },
  }),
  unknownAward: {
    code: 'UNKNOWN_AWARD',
    message: {
      vi: 'bộ quy tắc hiện hành không có danh hiệu, hình thức khen thưởng của hồ sơ.',
      en: "the rule set in force does not know the nomination's award.",
    },
  },
} as const;
