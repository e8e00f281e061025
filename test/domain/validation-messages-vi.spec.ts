import { vietnameseMessage } from '../../src/common/validation-messages-vi';

describe('field problems in Vietnamese', () => {
  test.each([
    ['property color should not exist', 'Trường color không có trong yêu cầu này.'],
    ['query parameter dryRun should not exist', 'Tham số dryRun không có trong yêu cầu này.'],
    ['name must be a string', 'name phải là chuỗi ký tự.'],
    ['name must be shorter than or equal to 300 characters', 'name có nhiều nhất 300 ký tự.'],
    ['limit must not be greater than 100', 'limit không được lớn hơn 100.'],
    [
      'kind must be one of the following values: office, party_cell',
      'kind phải là một trong các giá trị: office, party_cell.',
    ],
    [
      'each value in unitIds must be a UUID',
      'Mỗi giá trị của unitIds phải là một mã định danh (UUID).',
    ],
  ])('%s', (english, vietnamese) => {
    expect(vietnameseMessage(english)).toBe(vietnamese);
  });

  test('a message of the app’s own wording keeps its English after a Vietnamese lead', () => {
    expect(vietnameseMessage('dateOfBirth must be YYYY-MM-DD')).toBe(
      'Giá trị không hợp lệ: dateOfBirth must be YYYY-MM-DD',
    );
  });
});
