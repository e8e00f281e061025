import type {
  DocumentDataByKind,
  DocumentFormat,
  DocumentIssuer,
  DocumentKind,
  DocumentSigner,
} from './document-kinds';

/**
 * The data a template preview is rendered from, and against which every placeholder of a template
 * is checked at start-up (so every optional field is present here). Invented names and numbers.
 */
const ISSUERS: Record<DocumentFormat, DocumentIssuer> = {
  party: {
    format: 'party',
    parentBody: 'Đảng bộ tỉnh Quảng Nam',
    name: 'Đảng ủy Khối Doanh nghiệp tỉnh',
    series: 'ĐUK',
    place: 'Tam Kỳ',
  },
  state: {
    format: 'state',
    parentBody: 'UBND tỉnh Quảng Nam',
    name: 'Sở Nội vụ',
    series: 'SNV',
    place: 'Tam Kỳ',
  },
};

const SIGNERS: Record<DocumentFormat, DocumentSigner> = {
  party: { capacity: 'T/M', body: 'Ban Thường vụ', position: 'Bí thư', name: 'Nguyễn Văn Ánh' },
  state: {
    capacity: 'KT.',
    body: 'Giám đốc',
    position: 'Phó Giám đốc',
    name: 'Trần Thị Ngọc Hằng',
  },
};

const ITEMS = [
  {
    nominee: 'Lê Thị Hồng Nhung',
    unit: 'Chi bộ Công ty Điện lực Quảng Nam',
    award: 'Giấy khen',
    achievement: 'Đảng viên hoàn thành xuất sắc nhiệm vụ năm 2025',
    year: 2025,
    verificationCode: '7K2M-Q9XD-4TBW-H0RC',
  },
  {
    nominee: 'Chi bộ Công ty Cấp nước Quảng Nam',
    unit: 'Đảng bộ Khối Doanh nghiệp',
    award: 'Giấy khen',
    achievement: 'Tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ năm 2025',
    year: 2025,
    verificationCode: 'A1B2-C3D4-E5F6-G7H8',
  },
];

export function sampleDocument<K extends DocumentKind>(
  kind: K,
  format: DocumentFormat,
): DocumentDataByKind[K] {
  return SAMPLES[kind](format) as DocumentDataByKind[K];
}

const SAMPLES: { [K in DocumentKind]: (format: DocumentFormat) => DocumentDataByKind[K] } = {
  proposal_letter: (format) => ({
    issuer: ISSUERS[format],
    number: '12',
    date: '2026-12-03',
    recipient: format === 'party' ? 'Ban Thường vụ Tỉnh ủy' : 'Chủ tịch UBND tỉnh',
    subject: 'Đề nghị tặng Bằng khen năm 2025',
    basis: [
      'Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
      'Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ',
    ],
    items: ITEMS.map(({ nominee, unit, achievement }) => ({
      nominee,
      unit,
      award: 'Bằng khen của Chủ tịch UBND tỉnh',
      achievement,
    })),
    signer: SIGNERS[format],
    recipients: ['Như trên', 'Ban Tổ chức Tỉnh ủy'],
  }),
  award_decision: (format) => ({
    issuer: ISSUERS[format],
    number: '125',
    date: '2026-12-03',
    subject: 'Về việc tặng Giấy khen năm 2025',
    basis: [
      format === 'party'
        ? 'Điều lệ Đảng Cộng sản Việt Nam'
        : 'Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
      'Hướng dẫn số 06-HD/TW ngày 15 tháng 5 năm 2025 của Ban Bí thư',
      'Đề nghị của Hội đồng Thi đua – Khen thưởng',
    ],
    articles: ['Các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.'],
    items: ITEMS.map(({ nominee, unit, award, year, verificationCode }) => ({
      nominee,
      unit,
      award,
      year,
      verificationCode,
      revoked: false,
    })),
    signer: SIGNERS[format],
    recipients: ['Như Điều 1', 'Ban Tổ chức Tỉnh ủy'],
  }),
  certificate: (format) => ({
    issuer: ISSUERS[format],
    number: '125',
    date: '2026-12-03',
    title: 'GIẤY KHEN',
    grantor:
      format === 'party'
        ? 'Ban Thường vụ Đảng ủy Khối Doanh nghiệp tỉnh'
        : 'Giám đốc Sở Nội vụ tỉnh Quảng Nam',
    nominee: ITEMS[0].nominee,
    unit: ITEMS[0].unit,
    award: 'Giấy khen',
    achievement: ITEMS[0].achievement,
    year: 2025,
    verificationCode: ITEMS[0].verificationCode,
    verifyUrl: `https://thidua.example.gov.vn/verify/${ITEMS[0].verificationCode}`,
    auditHash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    signer: SIGNERS[format],
  }),
  council_minutes: (format) => ({
    issuer: ISSUERS[format],
    number: '7',
    date: '2026-11-28',
    council: 'Hội đồng Thi đua – Khen thưởng',
    place: 'Phòng họp số 2',
    chair: 'Nguyễn Văn Ánh',
    secretary: 'Phạm Quốc Dũng',
    attendees: ['Nguyễn Văn Ánh, Chủ tịch Hội đồng', 'Trần Thị Ngọc Hằng, Phó Chủ tịch Hội đồng'],
    items: ITEMS.map(({ nominee, unit, award }) => ({
      nominee,
      unit,
      award,
      result: 'Tán thành 7/7',
    })),
    conclusion: 'Hội đồng thống nhất đề nghị khen thưởng các tập thể, cá nhân nêu trên.',
    signer: { capacity: null, position: 'Chủ tịch Hội đồng', name: 'Nguyễn Văn Ánh' },
  }),
};
