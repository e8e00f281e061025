import { defineMessages } from '../../i18n/language';

/** Texts of what a case shows only to readers who need it: objectors, restricted eligibility. */
export const privacyMessages = defineMessages(
  {
    tabObjections: 'Ý kiến phản ánh',
    objectionsTitle: 'Ý kiến phản ánh và người phản ánh',
    objectionsIntro:
      'Họ tên và thông tin liên hệ của người phản ánh chỉ dành cho cơ quan thường trực và kiểm toán viên; chúng không có trong hồ sơ và lịch sử của đề nghị. Mỗi lần xem được ghi vào nhật ký truy cập.',
    objectionsEmpty: 'Chưa có ý kiến phản ánh nào.',
    objectionsForbidden:
      'Chỉ cơ quan thường trực và kiểm toán viên của đơn vị có hồ sơ mới xem được người phản ánh.',
    objectionsTable: 'Các ý kiến phản ánh',
    colFiledAt: 'Thời điểm',
    colObjection: 'Nội dung',
    colObjector: 'Người phản ánh',
    colProof: 'Đối chiếu với hồ sơ',
    anonymous: 'Không để lại tên và liên hệ',
    nameLabel: 'Họ tên',
    contactLabel: 'Liên hệ',
    notGiven: '(không ghi)',
    proofVerified: 'Khớp với cam kết trong lịch sử hồ sơ',
    proofStoredOnly: 'Lưu riêng; bản ghi của phiên bản quy trình này không có cam kết',
    proofBroken: 'Không khớp: thông tin đã bị thay đổi',
    proofInRecord: 'Ghi trong lịch sử hồ sơ (phiên bản quy trình trước 4)',
    proofNone: 'Không có gì để đối chiếu',
    restrictedTag: 'Thông tin hạn chế',
    restrictedHelp:
      'Tiêu chí này dựa trên hồ sơ vi phạm mà không phải ai đọc đề nghị cũng được xem; chỉ nêu ý nghĩa của nó.',
    sealedTitle: 'Tiêu chí hạn chế, đúng như khi xét (bạn được xem hồ sơ vi phạm liên quan)',
    sealedTable: 'Các tiêu chí hạn chế đúng như khi xét',
    colRecord: 'Bản ghi',
    colLine: 'Tiêu chí',
    sealedVerified: 'Khớp với cam kết trong bản ghi số {seq}',
    sealedBroken: 'Không khớp với bản ghi số {seq}',
  },
  {
    tabObjections: 'Objections',
    objectionsTitle: 'Objections and who filed them',
    objectionsIntro:
      'Objectors’ names and contacts are for the secretariat and auditors only; they are not in the nomination or its history. Each look is logged.',
    objectionsEmpty: 'No objection has been filed.',
    objectionsForbidden:
      'Only the secretariat and auditors of the case’s unit can see who filed an objection.',
    objectionsTable: 'Objections',
    colFiledAt: 'Filed',
    colObjection: 'Objection',
    colObjector: 'Objector',
    colProof: 'Checked against the case',
    anonymous: 'Left no name or contact',
    nameLabel: 'Name',
    contactLabel: 'Contact',
    notGiven: '(not given)',
    proofVerified: 'Matches the commitment in the case history',
    proofStoredOnly: 'Kept apart; this workflow version’s record holds no commitment',
    proofBroken: 'Does not match: the stored identity was changed',
    proofInRecord: 'Written in the case history (workflow version before 4)',
    proofNone: 'Nothing to check',
    restrictedTag: 'Restricted',
    restrictedHelp:
      'This criterion rests on a violation case not every reader of the nomination may read; only what it means is shown.',
    sealedTitle: 'Restricted criteria as judged (you may read the violation cases behind them)',
    sealedTable: 'Restricted criteria as judged',
    colRecord: 'Record',
    colLine: 'Criterion',
    sealedVerified: 'Matches the commitment in record {seq}',
    sealedBroken: 'Does not match record {seq}',
  },
);
