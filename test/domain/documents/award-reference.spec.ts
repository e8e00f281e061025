import { awardDecisionData } from '../../../src/nominations/award-decision-document';
import { certificateData } from '../../../src/nominations/certificate-document';
import {
  renderAwardCertificateReference,
  renderAwardDecisionReference,
  signerLines,
} from '../../../src/documents/award-reference';
import {
  renderCertificateReference,
  renderDecisionReference,
} from '../../../src/documents/award-reference.worker';
import type { AwardDecision } from '../../../src/outputs/award-decision';
import { readPdf, type PdfReading } from '../outputs/read-pdf';
import {
  ISSUER,
  PARTY_DECISION,
  PERSON_ENTRY,
  STANDARD_14_FONTS,
  STATE_DECISION,
  UNIT_ENTRY,
  verifyUrlFor,
} from '../outputs/sample-decision';

/** Every page's lines as one text, spaces collapsed: wrapped sentences read whole. */
const textOf = (lines: string[]) => lines.join(' ').replace(/\s+/g, ' ');

function decisionPdf(decision: AwardDecision): Promise<Buffer> {
  return renderAwardDecisionReference({
    data: awardDecisionData(decision, ISSUER, 'en'),
    documentNumber: decision.number,
  });
}

function certificatePdf(decision: AwardDecision, entry = PERSON_ENTRY): Promise<Buffer> {
  return renderAwardCertificateReference({
    data: certificateData(decision, entry, ISSUER, verifyUrlFor(entry), 'en'),
    documentNumber: decision.number,
  });
}

/**
 * The English renderings, for reference, of the award decision and the certificate
 * (GET …/decision.pdf?lang=en, GET …/certificate?lang=en): the fixed words in English, what the
 * record holds as given, and on them that they are reference translations of the Vietnamese
 * documents, which are the authentic ones.
 */
describe('the award decision in English, for reference', () => {
  let party: PdfReading;
  let state: PdfReading;

  beforeAll(async () => {
    party = readPdf(await decisionPdf(PARTY_DECISION));
    state = readPdf(await decisionPdf(STATE_DECISION));
  });

  it('prints the Party heading, the English words and what the record holds as given', () => {
    const first = textOf(party.pages[0]);
    expect(party.pages[0]).toContain('COMMUNIST PARTY OF VIETNAM');
    expect(party.pages[0]).toContain('No. 125-QĐ/ĐUK');
    expect(party.pages[0]).toContain('5 January 2026');
    expect(party.pages[0]).toContain('DECISION');
    expect(party.pages[0]).toContain('DECIDES:');
    expect(first).toContain(
      'On awarding Grassroots emulation fighter, Advanced worker, Excellent labour collective for 2025',
    );
    expect(first).toContain('BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH QUẢNG NGÃI');
    expect(first).toContain(
      '- Pursuant to the Charter of the Communist Party of Vietnam and Guidance No. 06-HD/TW',
    );
    expect(first).toContain('criteria set emulation-titles-2024 (version 3);');
    expect(first).toContain(
      'Article 1. To commend the collectives and individuals named in the list attached to this Decision.',
    );
    expect(first).toContain('Article 2. This Decision takes effect from the date of signing.');
    expect(first).toContain('Article 3. The collectives and individuals named in Article 1');
    expect(party.pages[0]).toContain('Recipients:');
    expect(party.pages[0]).toContain('- As in Article 1;');
    expect(party.pages[0]).toContain('ON BEHALF OF BAN THƯỜNG VỤ');
    expect(party.pages[0]).toContain('BÍ THƯ');
    expect(party.pages[0]).toContain('Trần Xuân Lâm');
  });

  it('says on it that it is a reference translation and the Vietnamese decision is authentic', () => {
    expect(textOf(party.pages[0])).toContain(
      'Reference translation: an English rendering of Decision No. 125-QĐ/ĐUK, drawn from the ' +
        'recorded decision for readers who need it. It is not an official document and bears no ' +
        'signature or seal. The Vietnamese decision is the authentic document, and its wording prevails.',
    );
    for (const [index, page] of party.pages.entries()) {
      const text = textOf(page);
      expect(text).toContain(
        'Reference translation of Decision No. 125-QĐ/ĐUK. The Vietnamese decision is the authentic document.',
      );
      expect(text).toContain(`Page ${index + 1} of ${party.pages.length}`);
    }
  });

  it('attaches the list on its own page: names and units as given, awards in English', () => {
    expect(party.pageCount).toBe(2);
    const list = textOf(party.pages[1]);
    expect(list).toContain('LIST');
    expect(list).toContain('of awards attached to Decision No. 125-QĐ/ĐUK of 5 January 2026');
    expect(list).toContain('No. Name / Collective Unit Award Year Verification code');
    expect(list).toContain('Nguyễn Thị Ngọc Ánh');
    expect(list).toContain('Văn phòng Đảng ủy Khối Doanh nghiệp tỉnh');
    expect(list).toContain('Grassroots emulation fighter');
    expect(list).toContain('Advanced worker (annulled)');
    expect(list).toContain(PERSON_ENTRY.verificationCode);
  });

  it('prints the State heading and the deputy signing for the director', () => {
    expect(state.pages[0]).toContain('SOCIALIST REPUBLIC OF VIETNAM');
    expect(state.pages[0]).toContain('Independence - Freedom - Happiness');
    expect(state.pages[0]).toContain('No. 37/QĐ-ĐLQN');
    expect(state.pages[0]).toContain('FOR GIÁM ĐỐC');
    expect(state.pages[0]).toContain('PHÓ GIÁM ĐỐC');
    expect(state.pages[0]).toContain('Lê Thị Hồng Nhung');
    expect(textOf(state.pages[0])).toContain(
      'Pursuant to the Law on Emulation and Commendation of 15 June 2022;',
    );
    expect(state.pages[0]).not.toContain('COMMUNIST PARTY OF VIETNAM');
  });

  it('has none of the Vietnamese fixed words, and embeds its font', () => {
    for (const reading of [party, state]) {
      const all = textOf(reading.pages.flat());
      for (const vietnamese of [
        'QUYẾT ĐỊNH',
        'Điều 1',
        'Nơi nhận',
        'Căn cứ',
        'DANH SÁCH',
        'tháng',
        'đã hủy bỏ',
        'T/M',
        'KT.',
      ]) {
        expect(all).not.toContain(vietnamese);
      }
      for (const font of reading.fonts) {
        expect(font.embedded).toBe(true);
        expect(font.name).not.toMatch(STANDARD_14_FONTS);
      }
    }
  });

  it('is the same bytes from the worker thread as on the calling thread', async () => {
    const input = {
      data: awardDecisionData(PARTY_DECISION, ISSUER, 'en'),
      documentNumber: PARTY_DECISION.number,
    };
    const direct = await renderAwardDecisionReference(input);
    const inWorker = Buffer.from(await renderDecisionReference(input));
    expect(Buffer.compare(inWorker, direct)).toBe(0);
  });
});

describe('the certificate in English, for reference', () => {
  let state: PdfReading;
  let party: PdfReading;

  beforeAll(async () => {
    state = readPdf(await certificatePdf(STATE_DECISION));
    party = readPdf(await certificatePdf(PARTY_DECISION));
  });

  it('is one landscape page with English captions and the holder as given', () => {
    expect(state.pageCount).toBe(1);
    expect(state.width).toBeGreaterThan(state.height);
    const text = textOf(state.lines);
    expect(state.lines).toContain('SOCIALIST REPUBLIC OF VIETNAM');
    expect(state.lines).toContain('GIÁM ĐỐC CÔNG TY ĐIỆN LỰC QUẢNG NGÃI');
    expect(state.lines).toContain('AWARDS');
    expect(state.lines).toContain('GRASSROOTS EMULATION FIGHTER');
    expect(state.lines).toContain('Nguyễn Thị Ngọc Ánh');
    expect(state.lines).toContain('Unit: Văn phòng Đảng ủy Khối Doanh nghiệp tỉnh');
    expect(state.lines).toContain('For the year 2025');
    expect(state.lines).toContain('Decision No. 37/QĐ-ĐLQN of 5 January 2026');
    expect(state.lines).toContain('5 January 2026');
    expect(state.lines).toContain('FOR GIÁM ĐỐC');
    expect(state.lines).toContain('Lê Thị Hồng Nhung');
    expect(text).toContain(`Verification code ${PERSON_ENTRY.verificationCode}`);
    expect(text).toContain(`Check at ${verifyUrlFor(PERSON_ENTRY)}`);
    expect(text).toContain(`Audit log hash: ${PERSON_ENTRY.auditHash}`);
  });

  it('says on it that it is a reference translation and the Vietnamese one is authentic', () => {
    const text = textOf(state.lines);
    expect(state.lines).toContain('REFERENCE TRANSLATION – NOT THE AUTHENTIC DOCUMENT');
    expect(text).toContain(
      'English rendering, for reference, of the certificate awarded by Decision No. 37/QĐ-ĐLQN; ' +
        'not an official document. The Vietnamese certificate is the authentic one.',
    );
  });

  it('prints the Party heading for a Party issuer, and no unit line for a collective', async () => {
    expect(party.lines).toContain('COMMUNIST PARTY OF VIETNAM');
    expect(party.lines).not.toContain('SOCIALIST REPUBLIC OF VIETNAM');
    expect(party.lines).toContain('ON BEHALF OF BAN THƯỜNG VỤ');
    const collective = readPdf(await certificatePdf(PARTY_DECISION, UNIT_ENTRY));
    expect(collective.lines).toContain('EXCELLENT LABOUR COLLECTIVE');
    expect(collective.lines).toContain('Đoàn Thanh niên Công ty Điện lực Quảng Ngãi');
    expect(collective.lines).not.toContain('Unit: Đoàn Thanh niên Công ty Điện lực Quảng Ngãi');
  });

  it('has none of the Vietnamese captions', () => {
    const text = textOf(state.lines);
    for (const vietnamese of ['TẶNG', 'Đơn vị:', 'Năm 2025', 'Quyết định số', 'Mã xác thực']) {
      expect(text).not.toContain(vietnamese);
    }
  });

  it('is the same bytes from the worker thread as on the calling thread', async () => {
    const input = {
      data: certificateData(STATE_DECISION, PERSON_ENTRY, ISSUER, verifyUrlFor(PERSON_ENTRY), 'en'),
      documentNumber: STATE_DECISION.number,
    };
    const direct = await renderAwardCertificateReference(input);
    const inWorker = Buffer.from(await renderCertificateReference(input));
    expect(Buffer.compare(inWorker, direct)).toBe(0);
  });
});

describe('the data of the Vietnamese documents, unchanged by their English renderings', () => {
  it('fills the decision template with the Vietnamese words it always had', () => {
    const vi = awardDecisionData(PARTY_DECISION, ISSUER);
    expect(vi.subject).toBe(
      'Về việc khen thưởng Chiến sĩ thi đua cơ sở, Lao động tiên tiến, Tập thể lao động xuất sắc năm 2025',
    );
    expect(vi.basis).toEqual([
      'Điều lệ Đảng Cộng sản Việt Nam và Hướng dẫn số 06-HD/TW của Ban Bí thư',
      'Tiêu chuẩn khen thưởng theo bộ tiêu chí emulation-titles-2024 (phiên bản 3)',
    ]);
    expect(vi.articles).toEqual([
      'Các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.',
    ]);
    expect(vi.recipients).toEqual(['Như Điều 1']);
    expect(vi.items.map((item) => item.award)).toEqual([
      'Chiến sĩ thi đua cơ sở',
      'Lao động tiên tiến (đã hủy bỏ)',
      'Tập thể lao động xuất sắc',
    ]);
    expect(awardDecisionData(STATE_DECISION, ISSUER).basis[0]).toBe(
      'Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
    );
  });

  it('changes only the words in English: names, units, codes, number and signer as recorded', () => {
    const vi = awardDecisionData(PARTY_DECISION, ISSUER);
    const en = awardDecisionData(PARTY_DECISION, ISSUER, 'en');
    expect(en.issuer).toEqual(vi.issuer);
    expect(en.number).toBe(vi.number);
    expect(en.date).toBe(vi.date);
    expect(en.signer).toEqual(vi.signer);
    expect(en.items.map(({ award: _award, ...rest }) => rest)).toEqual(
      vi.items.map(({ award: _award, ...rest }) => rest),
    );

    const url = verifyUrlFor(PERSON_ENTRY);
    const certificateVi = certificateData(PARTY_DECISION, PERSON_ENTRY, ISSUER, url);
    const certificateEn = certificateData(PARTY_DECISION, PERSON_ENTRY, ISSUER, url, 'en');
    expect(certificateVi.title).toBe('Chiến sĩ thi đua cơ sở');
    expect(certificateEn).toEqual({
      ...certificateVi,
      title: 'Grassroots emulation fighter',
      award: 'Grassroots emulation fighter',
    });
  });
});

describe('the signer’s title block in English', () => {
  it.each([
    [
      { capacity: 'T/M', body: 'Ban Thường vụ', position: 'Bí thư' },
      ['ON BEHALF OF BAN THƯỜNG VỤ', 'BÍ THƯ'],
    ],
    [
      { capacity: 'KT.', body: 'Giám đốc', position: 'Phó Giám đốc' },
      ['FOR GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
    ],
    [
      { capacity: 'TL.', body: 'Giám đốc', position: 'Chánh Văn phòng' },
      ['BY ORDER OF GIÁM ĐỐC', 'CHÁNH VĂN PHÒNG'],
    ],
    [{ capacity: 'Q.', position: 'Giám đốc' }, ['ACTING GIÁM ĐỐC']],
    [{ capacity: null, position: 'Giám đốc' }, ['GIÁM ĐỐC']],
    [{ capacity: null, position: '' }, []],
  ] as const)('%j', (signer, lines) => {
    expect(signerLines({ ...signer, name: 'Trần Xuân Lâm' })).toEqual(lines);
  });
});
