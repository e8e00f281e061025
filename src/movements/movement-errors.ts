import { AppError } from '../common/errors';

/** A movement the caller cannot see answers exactly like one that does not exist. */
export function movementNotFound(id: string): AppError {
  return new AppError(
    'MOVEMENT.NOT_FOUND',
    'not_found',
    `No movement ${id}.`,
    { movementId: id },
    { vi: `Không tìm thấy phong trào thi đua ${id}.`, en: `No movement ${id}.` },
  );
}

/** Who has acknowledged is the launching unit's to follow, not each participant's. */
export function notTheLauncher(id: string): AppError {
  return new AppError(
    'MOVEMENT.FORBIDDEN',
    'forbidden',
    'Only the launching unit (and those above it) follows who has acknowledged the movement.',
    { movementId: id },
    {
      vi: 'Chỉ đơn vị phát động phong trào (và cấp trên) theo dõi được việc tiếp nhận của các đơn vị.',
      en: 'Only the launching unit (and those above it) follows who has acknowledged the movement.',
    },
  );
}
