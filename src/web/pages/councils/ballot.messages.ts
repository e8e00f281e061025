import { defineMessages } from '../../i18n/language';

/** The ballot: one screen, one tap per item, a receipt code after. */
export const ballotMessages = defineMessages(
  {
    title: 'Phiếu biểu quyết',
    session: '{title}, họp ngày {date}',
    intro: 'Chạm một nút để biểu quyết từng hồ sơ. Phiếu được ghi nhận ngay và không sửa được.',
    secretNote:
      'Phiếu kín: hệ thống chỉ ghi bạn đã bỏ phiếu; nội dung phiếu được niêm phong và không gắn với tên bạn.',
    backToSession: 'Về trang phiên họp',
    notOpen:
      'Phiên họp không ở thời gian biểu quyết: chỉ biểu quyết khi chủ tọa đã khai mạc và chưa kết thúc biểu quyết.',
    notVoter:
      'Bạn không phải thành viên có quyền biểu quyết của hội đồng vào ngày họp, hoặc tài khoản của bạn chưa gắn với hồ sơ cán bộ.',
    noItems: 'Chương trình không có hồ sơ nào.',
    itemsLabel: 'Các hồ sơ biểu quyết',
    ballotSecret: 'Bỏ phiếu kín',
    ballotOpen: 'Biểu quyết công khai (có ghi tên)',
    choicesOf: 'Biểu quyết hồ sơ {nominee}',
    approve: 'Đồng ý',
    reject: 'Không đồng ý',
    abstain: 'Không biểu quyết',
    cast: 'Đã ghi nhận phiếu của bạn.',
    receipt: 'Mã xác nhận:',
    receiptHint:
      'Hãy ghi lại mã này: mã chỉ hiện một lần. Sau khi công bố kết quả, nhập mã ở trang phiên họp để kiểm tra phiếu của bạn đã được kiểm.',
    done: 'Bạn đã biểu quyết hồ sơ này.',
    deferred: 'Hoãn xét, không biểu quyết: {reason}',
    deferredNoReason: 'Hoãn xét, không biểu quyết.',
    recused: 'Bạn không tham gia biểu quyết hồ sơ này: {reason}',
    notForYou: 'Bạn không biểu quyết được hồ sơ này.',
    progress: 'Đã biểu quyết {done}/{total} hồ sơ',
  },
  {
    title: 'Ballot',
    session: '{title}, meeting of {date}',
    intro: 'Tap one button per case to vote. A ballot is recorded at once and cannot be changed.',
    secretNote:
      'Secret ballot: the system records only that you voted; the content is sealed and not linked to your name.',
    backToSession: 'Back to the session',
    notOpen:
      'The session is not taking votes: voting runs from the opening until the chair closes it.',
    notVoter:
      "You are not a voting member of the council on the meeting date, or your account is not linked to a person's record.",
    noItems: 'The agenda holds no case.',
    itemsLabel: 'Cases to vote on',
    ballotSecret: 'Secret ballot',
    ballotOpen: 'Open vote (names recorded)',
    choicesOf: 'Vote on {nominee}',
    approve: 'Approve',
    reject: 'Reject',
    abstain: 'Abstain',
    cast: 'Your ballot is recorded.',
    receipt: 'Receipt code:',
    receiptHint:
      'Note this code down: it is shown once. After the result is published, enter it on the session page to check that your ballot was counted.',
    done: 'You have voted on this case.',
    deferred: 'Deferred, not voted on: {reason}',
    deferredNoReason: 'Deferred, not voted on.',
    recused: 'You are recused from this case: {reason}',
    notForYou: 'You cannot vote on this case.',
    progress: '{done} of {total} cases voted',
  },
);
