import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signerTitleLines } from '../../../src/documents/document-context';
import type { DocumentFormat, DocumentKind } from '../../../src/documents/document-kinds';
import { renderTemplate } from '../../../src/documents/document-layout';
import { fill } from '../../../src/documents/placeholders';
import { sampleDocument } from '../../../src/documents/sample-documents';
import {
  InvalidTemplateError,
  loadTemplates,
  type LoadedTemplate,
} from '../../../src/documents/template-files';
import { readPdf } from '../outputs/read-pdf';

const TEMPLATES_DIR = join(__dirname, '../../../data/templates');

/** What each format prints at the head, in its number and over the signature (sample data). */
const EXPECTED: Record<
  DocumentFormat,
  { heading: string[]; notHeading: string; signer: string[]; name: string; series: string }
> = {
  party: {
    heading: ['ĐẢNG CỘNG SẢN VIỆT NAM'],
    notHeading: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    signer: ['T/M BAN THƯỜNG VỤ', 'BÍ THƯ'],
    name: 'Nguyễn Văn Ánh',
    series: 'ĐUK',
  },
  state: {
    heading: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
    notHeading: 'ĐẢNG CỘNG SẢN VIỆT NAM',
    signer: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
    name: 'Trần Thị Ngọc Hằng',
    series: 'SNV',
  },
};

/** The number as each kind and format writes it for the sample's sequence. */
const NUMBERS: Record<DocumentKind, Record<DocumentFormat, string>> = {
  award_decision: { party: 'Số 125-QĐ/ĐUK', state: 'Số: 125/QĐ-SNV' },
  proposal_letter: { party: 'Số 12-TTr/ĐUK', state: 'Số: 12/TTr-SNV' },
  certificate: { party: 'Quyết định số 125-QĐ/ĐUK', state: 'Quyết định số 125/QĐ-SNV' },
  council_minutes: { party: 'Số 7-BB/ĐUK', state: 'Số: 7/BB-SNV' },
};

describe('official document templates (data/templates)', () => {
  const templates = loadTemplates(TEMPLATES_DIR);

  test('there is one template per kind and format, each with a version and its file hash', () => {
    expect(templates.map((t) => `${t.template.kind}.${t.template.format}`).sort()).toEqual([
      'award_decision.party',
      'award_decision.state',
      'certificate.party',
      'certificate.state',
      'council_minutes.party',
      'council_minutes.state',
      'proposal_letter.party',
      'proposal_letter.state',
    ]);
    for (const loaded of templates) {
      expect(loaded.template.version).toBeGreaterThanOrEqual(1);
      expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  describe.each(templates.map((loaded): [string, LoadedTemplate] => [basename(loaded), loaded]))(
    '%s',
    (_name, { template }) => {
      const { kind, format } = template;
      const expected = EXPECTED[format];
      let text: string;
      let pages: string[][];

      beforeAll(async () => {
        const reading = readPdf(await renderTemplate(template, sampleDocument(kind, format)));
        pages = reading.pages;
        text = reading.pages.flat().join('\n');
        // Every glyph from the embedded font: no viewer substitutes a font without ư, ơ, đ.
        expect(reading.fonts.every((font) => font.embedded)).toBe(true);
      });

      test('carries the heading of its format and not the other', () => {
        for (const line of expected.heading) expect(pages[0]).toContain(line);
        expect(text).not.toContain(expected.notHeading);
      });

      test('writes the number in its format', () => {
        expect(text).toContain(NUMBERS[kind][format]);
      });

      test("prints the signer's title block and name, with every diacritic (NFC)", () => {
        const lines = pages.flat();
        if (kind === 'council_minutes') {
          expect(lines).toContain('CHỦ TỊCH HỘI ĐỒNG');
          expect(lines).toContain('THƯ KÝ');
          expect(lines).toContain('Nguyễn Văn Ánh');
        } else {
          for (const line of expected.signer) expect(lines).toContain(line);
          expect(lines).toContain(expected.name);
        }
        expect(text).toBe(text.normalize('NFC'));
      });

      test('writes the place and date as administrative documents do', () => {
        const date =
          kind === 'council_minutes' ? 'ngày 28 tháng 11 năm 2026' : 'ngày 03 tháng 12 năm 2026';
        expect(text).toContain(`Tam Kỳ, ${date}`);
      });
    },
  );

  test('the award decision has bases, articles, recipients and the attached list', async () => {
    const { template } = templates.find(
      (t) => t.template.kind === 'award_decision' && t.template.format === 'party',
    )!;
    const { pages } = readPdf(
      await renderTemplate(template, sampleDocument('award_decision', 'party')),
    );
    const first = pages[0].join('\n');
    expect(first).toContain('BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI DOANH NGHIỆP TỈNH');
    expect(first).toContain('- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;');
    expect(first).toContain('Điều 1. Khen thưởng các tập thể, cá nhân có tên trong danh sách');
    expect(first).toContain('Điều 3. Các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm');
    expect(first).toContain('Nơi nhận:');
    expect(first).toContain('- Như Điều 1,');
    // The list starts on a page of its own.
    const list = pages.slice(1).flat().join(' ').replace(/\s+/g, ' ');
    expect(list).toContain('DANH SÁCH');
    expect(list).toContain('Lê Thị Hồng Nhung');
    expect(list).toContain('7K2M-Q9XD-4TBW-H0RC');
  });

  test('text typed decomposed (NFD) is printed composed', async () => {
    const { template } = templates.find(
      (t) => t.template.kind === 'proposal_letter' && t.template.format === 'state',
    )!;
    const data = sampleDocument('proposal_letter', 'state');
    const nfd = {
      ...data,
      signer: { ...data.signer, name: 'Trần Thị Ngọc Hằng'.normalize('NFD') },
    };
    const { pages } = readPdf(await renderTemplate(template, nfd));
    expect(pages.flat()).toContain('Trần Thị Ngọc Hằng'.normalize('NFC'));
  });

  test('the same template and data give the same bytes', async () => {
    const { template } = templates[0];
    const data = sampleDocument(template.kind, template.format);
    expect(
      (await renderTemplate(template, data)).equals(await renderTemplate(template, data)),
    ).toBe(true);
  });
});

describe("a signer's title block", () => {
  test.each([
    [
      { capacity: 'T/M', body: 'Ban Thường vụ', position: 'Bí thư' },
      ['T/M BAN THƯỜNG VỤ', 'BÍ THƯ'],
    ],
    [{ capacity: 'T/M', body: 'Chi bộ', position: 'Phó Bí thư' }, ['T/M CHI BỘ', 'PHÓ BÍ THƯ']],
    [
      { capacity: 'KT.', body: 'Giám đốc', position: 'Phó Giám đốc' },
      ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
    ],
    [
      { capacity: 'TL.', body: 'Giám đốc', position: 'Chánh Văn phòng' },
      ['TL. GIÁM ĐỐC', 'CHÁNH VĂN PHÒNG'],
    ],
    [{ capacity: 'Q.', position: 'Giám đốc' }, ['Q. GIÁM ĐỐC']],
    [{ capacity: null, position: 'Giám đốc' }, ['GIÁM ĐỐC']],
  ] as const)('%j → %j', (signer, lines) => {
    expect(signerTitleLines({ name: 'Nguyễn Văn Ánh', ...signer })).toEqual(lines);
  });
});

describe('placeholders', () => {
  test('fill names own fields only, upper-cases on request, and never evaluates', () => {
    const context = { issuer: { name: 'Đảng ủy Khối' }, n: 3 };
    expect(fill('{{issuer.name | upper}} – {{n}}', context).text).toBe('ĐẢNG ỦY KHỐI – 3');
    expect(fill('{{constructor}}{{issuer.toString}}{{issuer.name.length}}', context)).toEqual({
      text: '',
      someEmpty: true,
    });
    expect(fill('{{ 1 + 1 }} {{process.env}}', context).text).toBe('{{ 1 + 1 }} ');
  });
});

describe('a bad template refuses start-up', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'templates-'));
    cpSync(TEMPLATES_DIR, directory, { recursive: true });
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const edit = (file: string, change: (template: Record<string, unknown>) => void) => {
    const path = join(directory, file);
    const template = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    change(template);
    writeFileSync(path, JSON.stringify(template));
  };
  const problemsOf = (): string => {
    try {
      loadTemplates(directory);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTemplateError);
      return (error as Error).message;
    }
    throw new Error('the templates loaded');
  };

  test('an unknown placeholder, naming the block and the field', () => {
    edit('award_decision.party.json', (t) => {
      (t.blocks as { type: string; lines?: { text: string }[] }[])[1].lines![0].text =
        'QUYẾT ĐỊNH {{soQuyetDinh}}';
    });
    expect(problemsOf()).toMatch(
      /award_decision\.party\.json: invalid document template:\n {2}- blocks\[1\]\.lines\[0\]\.text: unknown placeholder \{\{soQuyetDinh\}\}/,
    );
  });

  test('a key the format does not have', () => {
    edit('certificate.state.json', (t) => {
      t.script = 'alert(1)';
    });
    expect(problemsOf()).toContain('(unsupported key "script")');
  });

  test('a list source that is not a list, and a malformed placeholder', () => {
    edit('proposal_letter.state.json', (t) => {
      t.title = 'Tờ trình {{subject';
      const table = (t.blocks as { type: string; source?: string }[]).find(
        (b) => b.type === 'table',
      )!;
      table.source = 'subject';
    });
    const message = problemsOf();
    expect(message).toContain('malformed placeholder in "Tờ trình {{subject"');
    expect(message).toContain('.source: "subject" is not a list of this kind of document');
  });

  test('a template whose kind does not match its file, not JSON, or missing', () => {
    edit('council_minutes.party.json', (t) => {
      t.format = 'state';
    });
    expect(problemsOf()).toContain('do not match the file name council_minutes.party.json');

    writeFileSync(join(directory, 'council_minutes.party.json'), '{ not json');
    expect(problemsOf()).toContain(
      'council_minutes.party.json: invalid document template:\n  - not JSON',
    );

    unlinkSync(join(directory, 'council_minutes.party.json'));
    expect(problemsOf()).toContain(
      'council_minutes.party.json: invalid document template:\n  - the template is missing',
    );
  });
});

function basename(loaded: LoadedTemplate): string {
  return `${loaded.template.kind}.${loaded.template.format}`;
}
