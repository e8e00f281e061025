import type { RegistrationSides, RegistrationTerms } from '../registrations/registration-rules';
import { targetsFit, targetsOf } from '../registrations/registration-rules';
import { isIsoDate } from '../calendar/iso-date';
import type { CaseEvent } from './case-event';
import type { ActionImplementation, GuardImplementation } from './implementation-types';

/**
 * Guards and actions of an emulation registration (workflows/emulation-registration.v1.json).
 * They read what the registration plug-in established: where the sender stands (the movement's
 * launching unit, or the registrant's own side) and the movement's terms as they stand now.
 */

interface RegistrationFacts {
  registrationSides?: RegistrationSides;
  registrationTerms?: RegistrationTerms;
}

function factsOf(event: CaseEvent): RegistrationFacts {
  return event.facts as RegistrationFacts;
}

export const REGISTRATION_GUARDS: Readonly<Record<string, GuardImplementation>> = {
  senderLaunchedMovement: {
    description: {
      vi: 'Người gửi là lãnh đạo hoặc văn phòng của đơn vị phát động phong trào (hoặc đơn vị cấp trên)',
      en: "The sender is the leader or secretariat of the movement's launching unit (or of a unit above it)",
    },
    refusal: {
      vi: 'Chỉ đơn vị phát động phong trào (lãnh đạo hoặc văn phòng) mới được duyệt, trả lại hoặc không chấp thuận đăng ký thi đua; đơn vị trung gian không có quyền này.',
      en: 'Only the unit that launched the movement (its leader or secretariat) decides registrations; a unit in between may not.',
    },
    check: ({ event }) => factsOf(event).registrationSides?.launcher === true,
  },
  senderIsRegistrant: {
    description: {
      vi: 'Người gửi là lãnh đạo hoặc văn phòng của đơn vị đăng ký',
      en: "The sender is the leader or secretariat of the registrant's unit",
    },
    refusal: {
      vi: 'Chỉ đơn vị đã đăng ký (lãnh đạo hoặc văn phòng) mới được đăng ký lại hoặc rút đăng ký.',
      en: "Only the registrant's unit (its leader or secretariat) resubmits or withdraws a registration.",
    },
    check: ({ event }) => factsOf(event).registrationSides?.registrant === true,
  },
  registrationStillOpen: {
    description: {
      vi: 'Phong trào vẫn đang nhận đăng ký (đã phát động, chưa sơ kết)',
      en: 'The movement still takes registrations (launched, before the mid-term review)',
    },
    refusal: {
      vi: 'Phong trào không còn nhận đăng ký thi đua.',
      en: 'The movement no longer takes registrations.',
    },
    check: ({ event }) => factsOf(event).registrationTerms?.registrationOpen === true,
  },
  registeredByDeadline: {
    description: {
      vi: 'Ngày đăng ký (payload.registeredOn) không sau hạn đăng ký của phong trào',
      en: "The day of registration (payload.registeredOn) is not after the movement's registration deadline",
    },
    refusal: {
      vi: 'Ngày đăng ký sau hạn đăng ký của phong trào.',
      en: "The registration is dated after the movement's registration deadline.",
    },
    check: ({ event }) => {
      const terms = factsOf(event).registrationTerms;
      const registeredOn = event.payload.registeredOn;
      return (
        terms !== undefined && isIsoDate(registeredOn) && registeredOn <= terms.registrationDeadline
      );
    },
  },
  targetsOnOffer: {
    description: {
      vi: 'Các danh hiệu đăng ký thuộc danh hiệu phong trào đưa ra, các cam kết theo tiêu chí của phong trào',
      en: "The awards aimed at are among the movement's awards on offer, the pledges answer its criteria",
    },
    refusal: {
      vi: 'Có danh hiệu không thuộc các danh hiệu phong trào đưa ra, hoặc cam kết theo tiêu chí không thuộc phong trào.',
      en: "An award is not among the movement's awards on offer, or a pledge names a criterion the movement does not have.",
    },
    check: ({ event }) => {
      const terms = factsOf(event).registrationTerms;
      const targets = targetsOf(event.payload.targets);
      return terms !== undefined && targets !== undefined && targetsFit(targets, terms);
    },
  },
};

export const REGISTRATION_ACTIONS: Readonly<Record<string, ActionImplementation>> = {
  recordRegistrationTargets: {
    description: {
      vi: 'Lưu các mục tiêu, cam kết và ngày đăng ký mới (thay cho lần đăng ký trước)',
      en: 'Records the new targets, pledges and day of registration (replacing the earlier ones)',
    },
    assign: ({ event }) => ({
      targets: event.payload.targets ?? null,
      registeredOn: event.payload.registeredOn ?? null,
    }),
  },
};
