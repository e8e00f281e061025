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
    // The event route's compiled body check (every action of the web app goes through it).
    ['type must be an event name such as "SUBMIT"', 'type phải là tên thao tác (ví dụ "SUBMIT").'],
    [
      'expectedVersion must be an integer from 1 to 2147483647',
      'expectedVersion phải là số nguyên từ 1 đến 2147483647.',
    ],
    [
      'type must be a case type such as "nomination"',
      'type phải là loại hồ sơ (ví dụ "nomination").',
    ],
    ['state must be a state name', 'state phải là tên trạng thái.'],
    [
      'authorityCode must be an authority code of the rule set',
      'authorityCode phải là mã thẩm quyền của bộ quy tắc.',
    ],
  ])('the app’s own wording %s', (english, vietnamese) => {
    expect(vietnameseMessage(english)).toBe(vietnamese);
  });

  test('a wording of no known pattern keeps its English after a Vietnamese lead', () => {
    expect(vietnameseMessage('code must be 1–64 letters, digits, . _ -')).toBe(
      'Giá trị không hợp lệ: code must be 1–64 letters, digits, . _ -',
    );
  });
});
