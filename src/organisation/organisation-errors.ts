import { MAX_UNIT_DEPTH } from '../domain/org/scope';
import { AppError, notFound } from '../common/errors';

export const unitNotFound = (id: string) =>
  new AppError(
    'UNIT.NOT_FOUND',
    'not_found',
    `No unit ${id}.`,
    { unitId: id },
    {
      vi: `Không tìm thấy đơn vị ${id}.`,
      en: `No unit ${id}.`,
    },
  );

export const personNotFound = (id: string) =>
  notFound(
    'PERSON.NOT_FOUND',
    `No person ${id}.`,
    { personId: id },
    `Không tìm thấy cán bộ ${id}.`,
  );

export const codeTaken = (entity: 'UNIT' | 'PERSON', code: string) =>
  new AppError(
    `${entity}.CODE_TAKEN`,
    'conflict',
    `The code "${code}" is already used.`,
    { code },
    {
      vi: `Mã "${code}" đã được sử dụng.`,
      en: `The code "${code}" is already used.`,
    },
  );

export const unknownUnit = (field: string, id: string) =>
  new AppError(
    'UNIT.UNKNOWN',
    'unprocessable',
    `${field}: no unit ${id}.`,
    { errors: [{ field, messages: [`no unit ${id}`], messagesVi: [`không có đơn vị ${id}`] }] },
    { vi: `${field}: không có đơn vị ${id}.`, en: `${field}: no unit ${id}.` },
  );

export const moveIntoOwnSubtree = () =>
  new AppError(
    'UNIT.MOVE_INTO_OWN_SUBTREE',
    'unprocessable',
    'A unit cannot be moved under itself or one of its own sub-units.',
    {},
    {
      vi: 'Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.',
      en: 'A unit cannot be moved under itself or one of its own sub-units.',
    },
  );

export const tooDeep = () =>
  new AppError(
    'UNIT.TOO_DEEP',
    'unprocessable',
    `Units can be at most ${MAX_UNIT_DEPTH} levels deep.`,
    {},
    {
      vi: `Cây đơn vị tối đa ${MAX_UNIT_DEPTH} cấp.`,
      en: `Units can be at most ${MAX_UNIT_DEPTH} levels deep.`,
    },
  );
