import type { Localized } from '../domain/localized';
import type { PasswordStrengthVerdict, StrengthFeedback } from './password-strength.tasks';

/**
 * The estimator's feedback in Vietnamese, by its stable key (zxcvbn-ts translationKeys); the
 * English is the library's own. A key missing here (a newer library version) reads in English.
 */
const VIETNAMESE_FEEDBACK: Record<string, string> = {
  // Warnings
  straightRow: 'Một hàng phím liền nhau trên bàn phím rất dễ đoán.',
  keyPattern: 'Các mẫu phím ngắn trên bàn phím rất dễ đoán.',
  simpleRepeat: 'Ký tự lặp lại như "aaa" rất dễ đoán.',
  extendedRepeat: 'Chuỗi ký tự lặp lại như "abcabcabc" rất dễ đoán.',
  sequences: 'Dãy ký tự quen thuộc như "abc" hay "123" rất dễ đoán.',
  recentYears: 'Các năm gần đây rất dễ đoán.',
  dates: 'Ngày tháng rất dễ đoán.',
  topTen: 'Đây là một trong những mật khẩu bị dùng nhiều nhất.',
  topHundred: 'Đây là mật khẩu bị dùng rất phổ biến.',
  common: 'Đây là mật khẩu phổ biến.',
  similarToCommon: 'Mật khẩu này gần giống một mật khẩu phổ biến.',
  wordByItself: 'Một từ đơn lẻ rất dễ đoán.',
  namesByThemselves: 'Chỉ có họ hoặc tên thì rất dễ đoán.',
  commonNames: 'Họ và tên phổ biến rất dễ đoán.',
  userInputs: 'Mật khẩu không nên chứa tên đăng nhập, họ tên hay tên đơn vị của bạn.',
  pwned: 'Mật khẩu này đã bị lộ trong một vụ rò rỉ dữ liệu trên Internet.',
  // Suggestions
  l33t: 'Tránh thay chữ bằng ký hiệu dễ đoán, như "@" thay cho "a".',
  reverseWords: 'Tránh viết ngược các từ thông dụng.',
  allUppercase: 'Viết hoa một vài chữ, không phải tất cả.',
  capitalization: 'Viết hoa nhiều hơn chữ cái đầu.',
  associatedYears: 'Tránh các năm gắn với bạn.',
  repeated: 'Tránh lặp lại từ và ký tự.',
  longerKeyboardPattern: 'Dùng mẫu phím dài hơn và đổi hướng gõ nhiều lần.',
  anotherWord: 'Thêm vài từ ít gặp hơn.',
  useWords: 'Dùng nhiều từ, nhưng tránh các câu quen thuộc.',
  noNeed: 'Không cần ký hiệu, chữ số hay chữ hoa: một cụm nhiều từ là đủ mạnh.',
};

/** Keys that are both a warning and a suggestion, with a different text for each. */
const VIETNAMESE_SUGGESTIONS: Record<string, string> = {
  dates: 'Tránh ngày tháng và năm gắn với bạn.',
  recentYears: 'Tránh các năm gần đây.',
  sequences: 'Tránh các dãy ký tự quen thuộc.',
  pwned: 'Nếu bạn dùng mật khẩu này ở nơi khác, hãy đổi nó.',
};

const LONGER_PASSPHRASE: Localized = {
  vi: 'Hãy dùng một cụm từ dài hơn, gồm vài từ ít gặp.',
  en: 'Use a longer passphrase of a few uncommon words.',
};

/** What to tell the user about a password judged too weak: why, and what would help. */
export function describeWeakness(verdict: PasswordStrengthVerdict): Localized {
  const lines = [
    ...(verdict.warning ? [inBoth(verdict.warning, VIETNAMESE_FEEDBACK)] : []),
    ...verdict.suggestions.map((suggestion) =>
      inBoth(suggestion, { ...VIETNAMESE_FEEDBACK, ...VIETNAMESE_SUGGESTIONS }),
    ),
  ];
  const head = {
    vi: 'Mật khẩu quá dễ đoán.',
    en: 'The password is too easy to guess.',
  };
  if (lines.length === 0) lines.push(LONGER_PASSPHRASE);
  return {
    vi: [head.vi, ...lines.map((line) => line.vi)].join(' '),
    en: [head.en, ...lines.map((line) => line.en)].join(' '),
  };
}

function inBoth(feedback: StrengthFeedback, vietnamese: Record<string, string>): Localized {
  return { vi: vietnamese[feedback.key] ?? feedback.en, en: feedback.en };
}
