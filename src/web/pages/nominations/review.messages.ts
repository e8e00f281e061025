import { defineMessages } from '../../i18n/language';

/** The resolution of eligibility lines left for review, at verification and approval. */
export const reviewMessages = defineMessages(
  {
    intro:
      'Kiểm tra điều kiện còn {count} dòng cần người xem xét kết luận. Với mỗi dòng, chọn kết luận và ghi căn cứ (văn bản, hồ sơ đã đối chiếu); kết luận được lưu cùng tên người gửi trong nhật ký hồ sơ.',
    lineCode: 'Mã dòng kiểm tra: {code}',
    outcome: 'Kết luận',
    outcomeRequired: 'Chọn kết luận cho dòng này',
    pass: 'Đạt',
    fail: 'Không đạt',
    evidence: 'Căn cứ',
    evidenceHelp: 'Ví dụ: số, ngày quyết định xếp loại; biên bản, xác nhận của đơn vị.',
    evidenceRequired: 'Ghi căn cứ của kết luận',
    evidenceLength: 'Căn cứ từ {min} đến {max} ký tự',
    nothingToResolve: 'Không có dòng kiểm tra nào cần xem xét thêm.',
    linesUnavailable:
      'Không tải được kết quả kiểm tra điều kiện; gửi bây giờ, hệ thống sẽ nêu các dòng cần kết luận.',
    refused: 'Chưa chuyển bước được:',
  },
  {
    intro:
      'The eligibility check leaves {count} line(s) for a person to resolve. For each, choose the outcome and give the evidence (the documents or records checked); the resolution is recorded with the sender in the case history.',
    lineCode: 'Line code: {code}',
    outcome: 'Outcome',
    outcomeRequired: 'Choose an outcome for this line',
    pass: 'Met',
    fail: 'Not met',
    evidence: 'Evidence',
    evidenceHelp:
      'E.g. the number and date of the rating decision; the unit’s minutes or confirmation.',
    evidenceRequired: 'Give the evidence for the outcome',
    evidenceLength: 'Evidence of {min} to {max} characters',
    nothingToResolve: 'No eligibility line needs review.',
    linesUnavailable:
      'The eligibility result could not be loaded; send now and the system will name the lines to resolve.',
    refused: 'The step was not taken:',
  },
);
