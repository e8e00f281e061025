import { defineMessages } from '../../i18n/language';

export const publicMessages = defineMessages(
  {
    // Public notices
    noticesTitle: 'Công khai đề nghị khen thưởng',
    noticesIntro:
      'Các cá nhân, tập thể dưới đây đang được đề nghị khen thưởng và được công khai để lấy ý kiến của cán bộ, đảng viên và nhân dân. Nếu bạn biết điều gì cho thấy đề nghị chưa đúng (thành tích không đúng sự thật, vi phạm chưa được xem xét…), hãy gửi ý kiến phản ánh trong thời gian lấy ý kiến.',
    noticesList: 'Danh sách đề nghị khen thưởng đang công khai',
    noticesEmpty: 'Hiện không có đề nghị khen thưởng nào đang công khai lấy ý kiến.',
    noticesCount: 'Đang hiển thị {n} đề nghị.',
    loadMore: 'Xem thêm',
    retry: 'Thử lại',
    nomineePerson: 'Cá nhân',
    nomineeUnit: 'Tập thể',
    award: 'Hình thức khen thưởng',
    evaluationYear: 'Thành tích năm',
    unit: 'Đơn vị',
    period: 'Thời gian lấy ý kiến',
    periodValue: '{from} – {to}',
    periodDays: '({n} ngày làm việc)',
    periodUnknown: 'Chưa xác định',
    statusOpen: 'Đang lấy ý kiến',
    statusOnHold: 'Tạm dừng: đang xem xét ý kiến phản ánh',
    statusEnded: 'Đã hết thời gian lấy ý kiến',
    objectButton: 'Gửi ý kiến phản ánh',
    closeForm: 'Đóng biểu mẫu',

    // Objection form
    formLabel: 'Ý kiến phản ánh về đề nghị khen thưởng {name}',
    objection: 'Nội dung phản ánh',
    objectionHelp:
      'Nêu rõ điều bạn phản ánh và lý do, căn cứ (nếu có). Từ 10 đến 4.000 ký tự. Nội dung này được đưa vào hồ sơ đề nghị và những người xử lý hồ sơ (kể cả đơn vị của người được đề nghị) đều đọc được: đừng ghi tên bạn hay điều gì cho biết bạn là ai.',
    identityNotice:
      'Họ tên và thông tin liên hệ (nếu bạn ghi) được lưu riêng, chỉ cơ quan thường trực Hội đồng Thi đua – Khen thưởng và kiểm toán viên được xem; người được đề nghị và đơn vị đề nghị không xem được.',
    objectionRequired: 'Hãy nhập nội dung phản ánh.',
    objectionTooShort: 'Nội dung phản ánh cần ít nhất 10 ký tự.',
    objectionTooLong: 'Nội dung phản ánh tối đa 4.000 ký tự.',
    name: 'Họ và tên (không bắt buộc)',
    nameTooLong: 'Họ và tên tối đa 200 ký tự.',
    contact: 'Cách liên hệ với bạn (không bắt buộc)',
    contactHelp:
      'Số điện thoại hoặc thư điện tử, để cơ quan thường trực liên hệ khi cần làm rõ. Thông tin này không hiển thị trên trang công khai và không có trong hồ sơ đề nghị.',
    contactTooLong: 'Thông tin liên hệ tối đa 200 ký tự.',
    send: 'Gửi ý kiến',
    cancel: 'Hủy',
    receivedTitle: 'Đã nhận ý kiến phản ánh của bạn',
    receivedText:
      'Đề nghị khen thưởng này được tạm dừng để cơ quan thường trực xem xét ý kiến của bạn. Cảm ơn bạn đã đóng góp ý kiến.',
    receivedAt: 'Thời điểm tiếp nhận: {at}',
    errorInvalid: 'Ý kiến chưa hợp lệ. Hãy xem lại các ô được đánh dấu.',
    errorTooMany:
      'Có quá nhiều ý kiến được gửi từ kết nối của bạn trong thời gian ngắn. Vui lòng đợi khoảng một phút rồi gửi lại.',
    errorGone:
      'Đề nghị này không còn nhận ý kiến phản ánh (thời gian công khai có thể đã kết thúc, hoặc hồ sơ đã chuyển sang bước khác). Hãy tải lại danh sách.',
    errorNetwork: 'Không gửi được ý kiến. Hãy kiểm tra kết nối mạng rồi thử lại.',
    errorServer: 'Máy chủ chưa nhận được ý kiến của bạn. Vui lòng thử lại sau ít phút.',
    reloadList: 'Tải lại danh sách',

    // Certificate check
    certTitle: 'Kiểm tra giấy khen, bằng khen',
    codeLabel: 'Mã xác thực',
    checking: 'Đang kiểm tra mã xác thực…',
    validHeadline: 'HỢP LỆ',
    validText: 'Khen thưởng này đã được quyết định và đang có hiệu lực.',
    revokedHeadline: 'ĐÃ BỊ THU HỒI',
    revokedText: 'Khen thưởng này đã bị hủy bỏ, thu hồi ngày {date}.',
    revokedTextNoDate: 'Khen thưởng này đã bị hủy bỏ, thu hồi.',
    unconfirmedHeadline: 'CHƯA XÁC NHẬN ĐƯỢC',
    unconfirmedText:
      'Hồ sơ gốc của khen thưởng này không vượt qua kiểm tra toàn vẹn. Hãy liên hệ cơ quan ban hành quyết định để xác minh.',
    notFoundHeadline: 'KHÔNG TÌM THẤY',
    notFoundText:
      'Không có giấy khen, bằng khen nào mang mã xác thực này. Hãy kiểm tra lại mã (in cạnh mã QR trên giấy khen, bằng khen) hoặc liên hệ cơ quan ban hành.',
    errorCheck: 'Chưa kiểm tra được mã xác thực. Hãy kiểm tra kết nối mạng rồi thử lại.',
    detailsTitle: 'Thông tin khen thưởng',
    holderPerson: 'Cá nhân được khen thưởng',
    holderUnit: 'Tập thể được khen thưởng',
    decisionNumber: 'Số quyết định',
    decisionDate: 'Ngày ký quyết định',
    signer: 'Người ký',
    issuingUnit: 'Cơ quan ban hành',
    revocationTitle: 'Quyết định thu hồi',
    revocationNumber: 'Số quyết định thu hồi',
    revocationDate: 'Ngày ký quyết định thu hồi',
    ground: 'Căn cứ thu hồi',
    reason: 'Lý do',
    ground_fraudulent_achievements:
      'Gian dối trong việc kê khai thành tích (Điều 93 khoản 2 điểm a Luật Thi đua, khen thưởng)',
    ground_false_dossier:
      'Thông tin không đúng sự thật hoặc làm giả hồ sơ (Điều 93 khoản 2 điểm b Luật Thi đua, khen thưởng)',
    ground_unlawful_procedure:
      'Thẩm định, xét duyệt, đề nghị khen thưởng trái pháp luật (Điều 93 khoản 2 điểm c Luật Thi đua, khen thưởng)',
    ground_violation_in_period:
      'Kết luận, quyết định, bản án cho thấy vi phạm trong thời gian được đề nghị khen thưởng (Điều 93 khoản 2 điểm d Luật Thi đua, khen thưởng)',
    integrityTitle: 'Tính toàn vẹn của hồ sơ gốc',
    integrityOk: 'Chuỗi nhật ký của hồ sơ gốc còn nguyên vẹn và khớp với giấy khen, bằng khen này.',
    integrityBad: 'Chuỗi nhật ký của hồ sơ gốc KHÔNG khớp với giấy khen, bằng khen này.',
    recordHash: 'Mã băm bản ghi quyết định',
    checkAnother: 'Kiểm tra mã khác',
    lookupIntro:
      'Nhập mã xác thực in trên giấy khen, bằng khen (cạnh mã QR), hoặc quét mã QR bằng điện thoại.',
    codeRequired: 'Hãy nhập mã xác thực.',
    check: 'Kiểm tra',
  },
  {
    noticesTitle: 'Nominations under public notice',
    noticesIntro:
      'The individuals and collectives below are nominated for an award and are published so that officials, Party members and the public can comment. If you know something that shows a nomination is not right (false achievements, a violation not yet considered…), send an objection while the comment period runs.',
    noticesList: 'Nominations under public notice',
    noticesEmpty: 'No nomination is under public notice at the moment.',
    noticesCount: 'Showing {n} nominations.',
    loadMore: 'Show more',
    retry: 'Try again',
    nomineePerson: 'Individual',
    nomineeUnit: 'Collective',
    award: 'Award',
    evaluationYear: 'For the year',
    unit: 'Unit',
    period: 'Comment period',
    periodValue: '{from} – {to}',
    periodDays: '({n} working days)',
    periodUnknown: 'Not set',
    statusOpen: 'Open for comments',
    statusOnHold: 'Paused: an objection is being reviewed',
    statusEnded: 'The comment period has ended',
    objectButton: 'Send an objection',
    closeForm: 'Close the form',

    formLabel: 'Objection to the nomination of {name}',
    objection: 'Your objection',
    objectionHelp:
      'Say what you object to and why, with any evidence you have. 10 to 4,000 characters. This text becomes part of the nomination’s file and everyone handling it (the nominee’s unit included) reads it: do not put your name or anything that shows who you are in it.',
    identityNotice:
      'Your name and contact (if you give them) are kept apart: only the emulation and commendation secretariat and auditors can see them, not the nominee or the nominating unit.',
    objectionRequired: 'Enter your objection.',
    objectionTooShort: 'The objection needs at least 10 characters.',
    objectionTooLong: 'The objection can have at most 4,000 characters.',
    name: 'Your name (optional)',
    nameTooLong: 'The name can have at most 200 characters.',
    contact: 'How to reach you (optional)',
    contactHelp:
      'A phone number or an e-mail address, so the secretariat can ask you for details. It is not shown on the public pages and is not part of the nomination’s file.',
    contactTooLong: 'The contact details can have at most 200 characters.',
    send: 'Send the objection',
    cancel: 'Cancel',
    receivedTitle: 'Your objection was received',
    receivedText:
      'This nomination is paused while the secretariat reviews your objection. Thank you for your comment.',
    receivedAt: 'Received at: {at}',
    errorInvalid: 'The objection is not valid yet. Check the highlighted fields.',
    errorTooMany:
      'Too many objections were sent from your connection in a short time. Please wait about a minute and try again.',
    errorGone:
      'This nomination no longer takes objections (its comment period may have ended, or it has moved to another step). Reload the list.',
    errorNetwork: 'The objection could not be sent. Check your network connection and try again.',
    errorServer: 'The server did not take your objection. Please try again in a few minutes.',
    reloadList: 'Reload the list',

    certTitle: 'Certificate check',
    codeLabel: 'Verification code',
    checking: 'Checking the verification code…',
    validHeadline: 'VALID',
    validText: 'This award was granted and is in force.',
    revokedHeadline: 'REVOKED',
    revokedText: 'This award was cancelled and revoked on {date}.',
    revokedTextNoDate: 'This award was cancelled and revoked.',
    unconfirmedHeadline: 'CANNOT BE CONFIRMED',
    unconfirmedText:
      'The original record of this award failed its integrity check. Contact the issuing body to verify it.',
    notFoundHeadline: 'NOT FOUND',
    notFoundText:
      'No certificate has this verification code. Check the code (printed next to the QR code on the certificate) or contact the issuing body.',
    errorCheck: 'The code could not be checked. Check your network connection and try again.',
    detailsTitle: 'Award details',
    holderPerson: 'Awarded to (individual)',
    holderUnit: 'Awarded to (collective)',
    decisionNumber: 'Decision number',
    decisionDate: 'Decision signed on',
    signer: 'Signed by',
    issuingUnit: 'Issued by',
    revocationTitle: 'Revocation decision',
    revocationNumber: 'Revocation decision number',
    revocationDate: 'Revocation signed on',
    ground: 'Ground for revocation',
    reason: 'Reason',
    ground_fraudulent_achievements:
      'Achievements were fraudulently declared (Law on Emulation and Commendation, Art 93(2)(a))',
    ground_false_dossier:
      'False information or a forged dossier (Law on Emulation and Commendation, Art 93(2)(b))',
    ground_unlawful_procedure:
      'The appraisal, review or proposal breached the law (Law on Emulation and Commendation, Art 93(2)(c))',
    ground_violation_in_period:
      'A conclusion, decision or judgment shows violations in the period evaluated (Law on Emulation and Commendation, Art 93(2)(d))',
    integrityTitle: 'Integrity of the original record',
    integrityOk: 'The original record’s audit chain is intact and matches this certificate.',
    integrityBad: 'The original record’s audit chain does NOT match this certificate.',
    recordHash: 'Hash of the decision record',
    checkAnother: 'Check another code',
    lookupIntro:
      'Enter the verification code printed on the certificate (next to the QR code), or scan the QR code with a phone.',
    codeRequired: 'Enter the verification code.',
    check: 'Check',
  },
);

export type PublicText = (typeof publicMessages)['vi'];
