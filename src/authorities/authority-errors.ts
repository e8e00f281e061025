import { AppError, fieldProblem } from '../common/errors';
import type { Localized } from '../domain/localized';

export const unknownAuthority = (field: string, code: string, ruleSet: string) =>
  new AppError(
    'AUTHORITY.UNKNOWN_CODE',
    'unprocessable',
    `${field}: the rule set in force (${ruleSet}) has no authority "${code}".`,
    {
      errors: [
        fieldProblem(field, { vi: `không có thẩm quyền ${code}`, en: `no authority ${code}` }),
      ],
      code,
    },
    {
      vi: `Bộ quy tắc đang áp dụng (${ruleSet}) không có thẩm quyền "${code}".`,
      en: `The rule set in force (${ruleSet}) has no authority "${code}".`,
    },
  );

export const duplicateAuthority = (code: string) =>
  new AppError(
    'AUTHORITY.DUPLICATE',
    'unprocessable',
    `The authority "${code}" is listed twice.`,
    { code },
    {
      vi: `Thẩm quyền "${code}" được liệt kê hai lần.`,
      en: `The authority "${code}" is listed twice.`,
    },
  );

/** Issue 17: one body, one numbering format (a unit's decisions are all Party or all State). */
export const mixedFormats = (party: string[], state: string[]) =>
  new AppError(
    'AUTHORITY.MIXED_FORMATS',
    'unprocessable',
    `One unit issues its documents in one format: ${party.join(', ')} (Party) and ${state.join(', ')} (State) cannot both be recorded on it; record the other on the unit that acts as it.`,
    { party, state },
    {
      vi: `Một đơn vị chỉ ban hành văn bản theo một thể thức: không thể cùng ghi ${party.join(', ')} (thể thức Đảng) và ${state.join(', ')} (thể thức Nhà nước); hãy ghi thẩm quyền kia cho đơn vị thực hiện nó.`,
      en: `One unit issues its documents in one format: ${party.join(', ')} (Party) and ${state.join(', ')} (State) cannot both be recorded on it; record the other on the unit that acts as it.`,
    },
  );

export const signerNotFound = (id: string) =>
  new AppError(
    'SIGNER.NOT_FOUND',
    'not_found',
    `No signer ${id}.`,
    { signerId: id },
    { vi: `Không tìm thấy người ký ${id}.`, en: `No signer ${id}.` },
  );

export const authorityNotRecorded = (code: string, unitName: string) =>
  new AppError(
    'SIGNER.AUTHORITY_NOT_RECORDED',
    'unprocessable',
    `${unitName} does not act as "${code}": record the authority on the unit first.`,
    {
      errors: [
        fieldProblem('authorityCode', {
          vi: 'đơn vị không được ghi nhận thẩm quyền này',
          en: 'not an authority of the unit',
        }),
      ],
      code,
    },
    {
      vi: `${unitName} không được ghi nhận thẩm quyền "${code}": hãy ghi thẩm quyền cho đơn vị trước.`,
      en: `${unitName} does not act as "${code}": record the authority on the unit first.`,
    },
  );

export const capacityNotAllowed = (capacity: string | null, message: Localized) =>
  new AppError(
    'SIGNER.CAPACITY_NOT_ALLOWED',
    'unprocessable',
    message.en,
    { errors: [fieldProblem('capacity', message)], capacity },
    message,
  );

export const signerPersonUnknown = (personId: string) =>
  new AppError(
    'SIGNER.PERSON_UNKNOWN',
    'unprocessable',
    `personId: no person ${personId} in this unit's scope.`,
    {
      errors: [
        fieldProblem('personId', {
          vi: `không có cán bộ ${personId}`,
          en: `no person ${personId}`,
        }),
      ],
    },
    {
      vi: `Không có cán bộ ${personId}.`,
      en: `No person ${personId}.`,
    },
  );

/** A head signing in their own name (no capacity) prints no capacity line to name a body in. */
export const onBehalfOfWithoutCapacity = () =>
  new AppError(
    'SIGNER.ON_BEHALF_OF_UNUSED',
    'unprocessable',
    'onBehalfOf is printed only with a capacity (T/M, KT., Q., TL.); a head signing in their own name has none.',
    {
      errors: [
        fieldProblem('onBehalfOf', {
          vi: 'chỉ dùng khi ký thay (T/M, KT., Q., TL.)',
          en: 'only with a capacity (T/M, KT., Q., TL.)',
        }),
      ],
    },
    {
      vi: 'Chỉ ghi "thay mặt/ký thay" khi người ký có tư cách T/M, KT., Q. hoặc TL.; người đứng đầu tự ký không có dòng này.',
      en: 'onBehalfOf is printed only with a capacity (T/M, KT., Q., TL.); a head signing in their own name has none.',
    },
  );

export const signerNameRequired = () =>
  new AppError(
    'SIGNER.NAME_REQUIRED',
    'unprocessable',
    'fullName is required for a signer who is not a person of the registry (personId).',
    {
      errors: [
        fieldProblem('fullName', {
          vi: 'bắt buộc khi không chọn cán bộ (personId)',
          en: 'required without personId',
        }),
      ],
    },
    {
      vi: 'Cần họ tên người ký khi người ký không có trong danh sách cán bộ (personId).',
      en: 'The full name is required for a signer who is not a person of the registry (personId).',
    },
  );

/** A unit code that cannot serve as a decision series (too long, or an underscore in it). */
export const seriesCodeRequired = (field: string, unitCode: string) =>
  new AppError(
    'AUTHORITY.SERIES_CODE_REQUIRED',
    'invalid',
    `${field}: the unit code "${unitCode}" cannot be a series code (1–32 letters, digits, . or -); give seriesCode.`,
    {
      errors: [
        {
          field,
          messages: [`the unit code "${unitCode}" cannot be a series code; give one`],
          messagesVi: [`mã đơn vị "${unitCode}" không dùng làm ký hiệu sổ được; hãy nhập ký hiệu`],
        },
      ],
    },
    {
      vi: `Mã đơn vị "${unitCode}" không dùng làm ký hiệu sổ quyết định được (1–32 chữ, số, . hoặc -); hãy nhập ký hiệu.`,
      en: `The unit code "${unitCode}" cannot be a series code (1–32 letters, digits, . or -); give seriesCode.`,
    },
  );
