/**
 * The Vietnamese of a field problem's English message, for `messagesVi` beside `messages` in
 * VALIDATION.FAILED (the web app shows the language its user reads). class-validator writes its
 * messages in English only; these are its own wordings (and the few this app writes the same
 * way), matched whole. A message of the app's own wording ("dateOfBirth must be YYYY-MM-DD")
 * keeps its English after a Vietnamese lead: never an empty or half-translated sentence.
 */
/** The kinds of code the app's own wordings name ("type must be an event name such as …"). */
const CODE_KINDS: Readonly<Record<string, string>> = {
  'event name': 'tên thao tác',
  'case type': 'loại hồ sơ',
  'state name': 'tên trạng thái',
  'award code': 'mã danh hiệu',
  'rating code': 'mã xếp loại',
  'document code': 'mã tài liệu',
  'authority code': 'mã thẩm quyền',
  'authority code of the rule set': 'mã thẩm quyền của bộ quy tắc',
};

const PATTERNS: readonly [RegExp, (...parts: string[]) => string][] = [
  [/^property (\S+) should not exist$/, (f) => `Trường ${f} không có trong yêu cầu này.`],
  [/^query parameter (\S+) should not exist$/, (f) => `Tham số ${f} không có trong yêu cầu này.`],
  [/^this operation takes no body$/, () => 'Thao tác này không nhận nội dung gửi kèm.'],
  [/^(\S+) must be a string$/, (f) => `${f} phải là chuỗi ký tự.`],
  [/^(\S+) must be a boolean value$/, (f) => `${f} phải là true hoặc false.`],
  [/^(\S+) must be an integer number$/, (f) => `${f} phải là số nguyên.`],
  [/^(\S+) must be a number conforming to the specified constraints$/, (f) => `${f} phải là số.`],
  [/^(\S+) must be a positive number$/, (f) => `${f} phải là số dương.`],
  [/^(\S+) must not be less than (\S+)$/, (f, n) => `${f} không được nhỏ hơn ${n}.`],
  [/^(\S+) must not be greater than (\S+)$/, (f, n) => `${f} không được lớn hơn ${n}.`],
  [
    /^(\S+) must be longer than or equal to (\d+) characters?$/,
    (f, n) => `${f} phải có ít nhất ${n} ký tự.`,
  ],
  [
    /^(\S+) must be shorter than or equal to (\d+) characters?$/,
    (f, n) => `${f} có nhiều nhất ${n} ký tự.`,
  ],
  [
    /^(\S+) must be one of the following values: (.*)$/,
    (f, values) => `${f} phải là một trong các giá trị: ${values}.`,
  ],
  [/^(\S+) must be a UUID$/, (f) => `${f} phải là một mã định danh (UUID).`],
  [/^(\S+) should not be empty$/, (f) => `${f} không được để trống.`],
  [/^(\S+) should not be null or undefined$/, (f) => `${f} là bắt buộc.`],
  [/^(\S+) must be an array$/, (f) => `${f} phải là một danh sách.`],
  [
    /^(\S+) must contain no more than (\d+) elements?$/,
    (f, n) => `${f} có nhiều nhất ${n} phần tử.`,
  ],
  [/^(\S+) must contain at least (\d+) elements?$/, (f, n) => `${f} phải có ít nhất ${n} phần tử.`],
  [/^All (\S+)'s elements must be unique$/, (f) => `Các phần tử của ${f} không được trùng nhau.`],
  [
    /^nested property (\S+) must be either object or array$/,
    (f) => `${f} phải là một đối tượng JSON.`,
  ],
  [/^(\S+) must be an object$/, (f) => `${f} phải là một đối tượng JSON.`],
  [/^(\S+) must be an email$/, (f) => `${f} phải là một địa chỉ thư điện tử.`],
  [/^(\S+) must be a valid ISO 8601 date string$/, (f) => `${f} phải là ngày giờ theo ISO 8601.`],
  [/^(\S+) must match .* regular expression$/, (f) => `${f} không đúng định dạng.`],
  // The app's own wordings, where they follow a pattern.
  [
    /^(\S+) must be (?:a date |a date written |written )?YYYY-MM-DD$/,
    (f) => `${f} phải là ngày viết theo dạng YYYY-MM-DD.`,
  ],
  [/^(\S+) must be a (?:real|calendar) date$/, (f) => `${f} phải là một ngày có thật.`],
  [/^(\S+) must be true or false$/, (f) => `${f} phải là true hoặc false.`],
  [
    /^(\S+) must be an ISO 8601 date or date-time with a zone$/,
    (f) => `${f} phải là ngày hoặc ngày giờ ISO 8601 có múi giờ.`,
  ],
  [/^(\S+) must be a nextCursor value$/, (f) => `${f} phải là giá trị nextCursor của trang trước.`],
  [
    /^(\S+) must be an integer from (\d+) to (\d+)$/,
    (f, from, to) => `${f} phải là số nguyên từ ${from} đến ${to}.`,
  ],
  [
    new RegExp(
      `^(\\S+) must be an? (${Object.keys(CODE_KINDS).join('|')})(?: such as "([^"]+)")?$`,
    ),
    (f, kind, example) =>
      `${f} phải là ${CODE_KINDS[kind]}${example === undefined ? '' : ` (ví dụ "${example}")`}.`,
  ],
  [/^(\S+) must be (\w+) or (\w+)$/, (f, a, b) => `${f} phải là ${a} hoặc ${b}.`],
  [/^(\S+) must not be blank$/, (f) => `${f} không được để trống.`],
  [/^(\S+) must be an e-mail address$/, (f) => `${f} phải là một địa chỉ thư điện tử.`],
  [
    /^(\S+) must contain a letter or a digit$/,
    (f) => `${f} phải có ít nhất một chữ cái hoặc chữ số.`,
  ],
];

const EACH = /^each value in /;

export function vietnameseMessage(message: string): string {
  const each = EACH.test(message);
  const text = message.replace(EACH, '');
  for (const [pattern, say] of PATTERNS) {
    const match = pattern.exec(text);
    if (match === null) continue;
    const said = say(...match.slice(1));
    return each ? `Mỗi giá trị của ${said}` : said;
  }
  return `Giá trị không hợp lệ: ${message}`;
}
