import type { Localized } from '../localized';

/**
 * What a state means to code outside its own workflow. Eligibility, the public notice list, the
 * certificate and every other reader of other cases ask "is this case granted?", never "is it in
 * the state called announced?": a new workflow version may rename or split its states, and only
 * its tags say what they mean. The vocabulary is closed; a workflow file naming any other tag is
 * refused at start-up.
 */
export const STATE_TAGS = {
  granted: {
    vi: 'Đã được khen thưởng (quyết định có hiệu lực)',
    en: 'The award stands (counts as held)',
  },
  revoked: {
    vi: 'Khen thưởng đã bị thu hồi (không còn được tính)',
    en: 'The award was revoked (counts for nothing)',
  },
  rejected: { vi: 'Đề nghị không được chấp thuận', en: 'The nomination was refused' },
  withdrawn: { vi: 'Đề nghị đã được rút', en: 'The nomination was withdrawn' },
  under_public_notice: {
    vi: 'Đang công khai lấy ý kiến (có trên danh sách công khai)',
    en: 'Under public notice (on the public list)',
  },
  objection_under_review: {
    vi: 'Đang xem xét ý kiến phản ánh (việc công khai tạm dừng)',
    en: 'An objection is being reviewed (the notice is on hold)',
  },
  awaiting_council: {
    vi: 'Chờ Hội đồng Thi đua – Khen thưởng xét (được đưa vào chương trình phiên họp)',
    en: 'Awaiting the Emulation-Commendation Council (drawn onto a session agenda)',
  },
  ballot_open: {
    vi: 'Phiên họp đang biểu quyết (nhận phiếu của thành viên)',
    en: 'A council session is voting (ballots are accepted)',
  },
  pending_matter: {
    vi: 'Vụ việc đang được xem xét, xử lý (tạm dừng xét khen thưởng người liên quan)',
    en: 'A matter still being handled (commendation of its subject is on hold)',
  },
  appeal_pending: {
    vi: 'Đang giải quyết khiếu nại (kỷ luật vẫn được thi hành)',
    en: 'An appeal is being decided (the discipline stays in force)',
  },
  discipline_in_force: {
    vi: 'Đã có quyết định kỷ luật (tính thời hạn theo bộ quy tắc)',
    en: 'A discipline decision stands (its bar runs for the rule set’s period)',
  },
  dismissed: { vi: 'Kết luận không có vi phạm', en: 'No violation was found' },
  closed: { vi: 'Hồ sơ đã kết thúc', en: 'The case is finished' },
  with_superior: {
    vi: 'Đã trình cấp có thẩm quyền, chờ quyết định',
    en: 'Proposed to the competent level, awaiting its decision',
  },
  movement_live: {
    vi: 'Phong trào thi đua đang diễn ra (đã phát động, chưa kết thúc)',
    en: 'An emulation movement is under way (launched, not yet ended)',
  },
  registration_open: {
    vi: 'Phong trào đang nhận đăng ký thi đua',
    en: 'The movement takes emulation registrations',
  },
  results_midterm: {
    vi: 'Phong trào đang sơ kết (nhận báo cáo kết quả sơ kết)',
    en: 'The movement is in its mid-term review (mid-term results are reported)',
  },
  results_final: {
    vi: 'Phong trào đang tổng kết (nhận báo cáo kết quả tổng kết)',
    en: 'The movement is in its final review (final results are reported)',
  },
} as const satisfies Record<string, Localized>;

export type StateTag = keyof typeof STATE_TAGS;

export function isStateTag(value: unknown): value is StateTag {
  return typeof value === 'string' && Object.hasOwn(STATE_TAGS, value);
}
