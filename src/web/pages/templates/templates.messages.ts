import { defineMessages } from '../../i18n/language';

export const templatesMessages = defineMessages(
  {
    title: 'Mẫu văn bản',
    intro:
      'Các mẫu quyết định, tờ trình, giấy khen và biên bản theo thể thức văn bản của Đảng (HD 36-HD/VPTW) và văn bản hành chính (Nghị định 30/2020/NĐ-CP). Đơn vị triển khai chỉnh mẫu bằng cách sửa tệp trong thư mục TEMPLATES_DIR rồi khởi động lại; mẫu sai thì máy chủ không khởi động.',
    kind: 'Loại văn bản',
    format: 'Thể thức',
    version: 'Phiên bản',
    file: 'Tệp',
    source: 'Căn cứ thể thức',
    preview: 'Xem thử',
    previewOf: 'Xem thử: {name}',
    openInNewTab: 'Mở trong thẻ mới',
    previewHelp: 'Mẫu được điền bằng dữ liệu minh họa.',
    kind_proposal_letter: 'Tờ trình đề nghị khen thưởng',
    kind_award_decision: 'Quyết định khen thưởng',
    kind_certificate: 'Giấy khen, bằng khen',
    kind_council_minutes: 'Biên bản họp Hội đồng',
    format_party: 'Văn bản của Đảng',
    format_state: 'Văn bản hành chính',
  },
  {
    title: 'Document templates',
    intro:
      'The templates of award decisions, proposal letters, certificates and minutes, in the Party document format (HD 36-HD/VPTW) and the State administrative format (Decree 30/2020/NĐ-CP). A deployment adjusts a template by editing its file in the TEMPLATES_DIR folder and restarting; the server refuses to start on a bad one.',
    kind: 'Document',
    format: 'Format',
    version: 'Version',
    file: 'File',
    source: 'Format rule',
    preview: 'Preview',
    previewOf: 'Preview: {name}',
    openInNewTab: 'Open in a new tab',
    previewHelp: 'The template filled with sample data.',
    kind_proposal_letter: 'Proposal letter',
    kind_award_decision: 'Award decision',
    kind_certificate: 'Certificate of merit',
    kind_council_minutes: 'Council minutes',
    format_party: 'Party document',
    format_state: 'State document',
  },
);
