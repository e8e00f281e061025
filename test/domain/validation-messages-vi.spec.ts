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

  test.each([
    ['dateOfBirth must be YYYY-MM-DD', 'dateOfBirth phải là ngày viết theo dạng YYYY-MM-DD.'],
    [
      'registeredOn must be a date YYYY-MM-DD',
      'registeredOn phải là ngày viết theo dạng YYYY-MM-DD.',
    ],
    ['dateOfBirth must be a real date', 'dateOfBirth phải là một ngày có thật.'],
    ['skipInvalid must be true or false', 'skipInvalid phải là true hoặc false.'],
    ['format must be xlsx or csv', 'format phải là xlsx hoặc csv.'],
    ['q must contain a letter or a digit', 'q phải có ít nhất một chữ cái hoặc chữ số.'],
  ])('the app’s own wording %s', (english, vietnamese) => {
    expect(vietnameseMessage(english)).toBe(vietnamese);
  });

  test('a wording of no known pattern keeps its English after a Vietnamese lead', () => {
    expect(vietnameseMessage('code must be 1–64 letters, digits, . _ -')).toBe(
      'Giá trị không hợp lệ: code must be 1–64 letters, digits, . _ -',
    );
  });
});
