import type { OpeningCheck } from '../cases/plugins/opening-checks';
import type { CaseSubject, StoredCase } from '../domain/cases/stored-case';
import type { RuleSet } from '../domain/rules/rule-set';
import type { CasesRepository } from '../persistence/repositories/cases.repository';
import { NOMINATION } from './commendation-facts.service';
import { invalidNominationData } from './nomination-errors';

/** The movement and registration workflows (issue 15: helpers M1 and M2 own them). */
export const MOVEMENT = 'movement';
export const EMULATION_REGISTRATION = 'emulation_registration';
/** The registration state in which its nominee may be nominated from it. */
const REGISTRATION_APPROVED = 'approved';

/** Nomination v7's links, as its dataSchema has already checked their form. */
interface NominationLinks {
  movementId?: string;
  registrationId?: string;
  commendationType?: string;
}

function sameSubject(a: CaseSubject, b: CaseSubject): boolean {
  return a.kind === b.kind && a.id === b.id;
}

/**
 * What nomination v7 links to, checked when a nomination is opened: the commendation type is one
 * the rule set in force knows; the movement is a movement case; the registration is an approved
 * registration of the same nominee for that same movement. Earlier versions carry none of these
 * fields (their dataSchema refuses them), so nothing is checked for them.
 */
export function nominationLinksCheck(
  cases: CasesRepository | undefined,
  ruleSetInForce: () => RuleSet,
): OpeningCheck {
  const find = async (id: string): Promise<StoredCase | null> =>
    cases === undefined ? null : cases.findById(id);
  return {
    name: 'nominationLinks',
    // Only nominations: a registration's data names its movement too, checked by its own plug-in.
    appliesTo: (workflow) => workflow.definition.caseType === NOMINATION,
    check: async ({ subject, data }) => {
      const { movementId, registrationId, commendationType } = data as NominationLinks;
      if (commendationType !== undefined) {
        const ruleSet = ruleSetInForce();
        const known = (ruleSet.commendationTypes ?? []).map((t) => t.code);
        if (!known.includes(commendationType)) {
          throw invalidNominationData('data.commendationType', {
            vi: `Bộ quy tắc ${ruleSet.id} (phiên bản ${ruleSet.version}) không có loại hình khen thưởng "${commendationType}"${known.length === 0 ? '' : ` (có: ${known.join(', ')})`}.`,
            en: `Rule set ${ruleSet.id} version ${ruleSet.version} has no commendation type "${commendationType}"${known.length === 0 ? '' : ` (it has: ${known.join(', ')})`}.`,
          });
        }
      }
      if (movementId !== undefined) {
        const movement = await find(movementId);
        if (movement?.caseType !== MOVEMENT) {
          throw invalidNominationData('data.movementId', {
            vi: `Không có phong trào thi đua ${movementId}.`,
            en: `There is no emulation movement ${movementId}.`,
          });
        }
      }
      if (registrationId === undefined) return;
      const registration = await find(registrationId);
      if (registration?.caseType !== EMULATION_REGISTRATION) {
        throw invalidNominationData('data.registrationId', {
          vi: `Không có bản đăng ký thi đua ${registrationId}.`,
          en: `There is no emulation registration ${registrationId}.`,
        });
      }
      if (registration.state !== REGISTRATION_APPROVED) {
        throw invalidNominationData('data.registrationId', {
          vi: 'Bản đăng ký thi đua chưa được duyệt: chỉ đề nghị khen thưởng từ bản đăng ký đã duyệt.',
          en: 'The emulation registration is not approved: a nomination follows only an approved registration.',
        });
      }
      if (!sameSubject(registration.subject, subject)) {
        throw invalidNominationData('data.registrationId', {
          vi: `Bản đăng ký thi đua là của ${registration.subject.name}, không phải của người (tập thể) được đề nghị.`,
          en: `The emulation registration is ${registration.subject.name}'s, not the nominee's.`,
        });
      }
      const registeredFor = registration.data.movementId;
      if (registeredFor !== movementId) {
        throw invalidNominationData('data.movementId', {
          vi: `Bản đăng ký thi đua thuộc phong trào ${String(registeredFor)}: đề nghị phải nêu đúng phong trào đó (data.movementId).`,
          en: `The emulation registration is for movement ${String(registeredFor)}: the nomination must name that movement (data.movementId).`,
        });
      }
    },
  };
}
