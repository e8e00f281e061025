import type { BallotChoice } from '../domain/council/collegial-vote';
import type { CouncilRole } from '../domain/council/council-roster';
import type { Language } from '../domain/localized';
import { englishLongDate, parseDecisionDate, vietnameseLongDate } from './award-decision';
import {
  BODY_SIZE,
  FOOTER_TEXT,
  INDENT,
  contentWidth,
  drawOfficialHeading,
  drawPageFooters,
  fittedSize,
  keepSpace,
  lineHeight,
  nfc,
  openA4Document,
  section,
  write,
  writeKeptTogether,
  writeSignatureHeading,
  type BlockLine,
  type PdfFont,
} from './pdf-layout';

/**
 * Everything the minutes (biên bản) of one council session print, as plain data for a worker
 * thread: assembled by the application layer from the counted session, with every name already in
 * the document's language. The renderer reads no clock and does no I/O beyond its bundled font.
 */
export interface MinutesInput {
  /** The official document is Vietnamese; English is for readers who need it. */
  language: Language;
  council: { name: string; unitName: string };
  session: { id: string; title: string; meetingDate: string; place: string | null };
  roster: { name: string; role: CouncilRole; present: boolean }[];
  quorum: {
    required: number;
    present: number;
    numerator: number;
    denominator: number;
    ruleSet: { id: string; version: number };
  };
  items: MinutesItem[];
  /** ISO instant the voting closed, recorded by the server: the document's only date-time. */
  countedAt: string;
  /** The session case's audit record that the minutes follow. */
  chain: { caseId: string; headHash: string };
}

export interface MinutesItem {
  nominee: string;
  award: string;
  status: 'voted' | 'deferred';
  deferredBecause: string | null;
  recusals: { name: string; reason: string }[];
  ballot: 'secret' | 'open';
  tally: MinutesTally | null;
  /** Who voted how: an open ballot only. A secret item carrying names is refused, not printed. */
  openVotes: { name: string; choice: BallotChoice }[] | null;
}

export interface MinutesTally {
  approve: number;
  reject: number;
  abstain: number;
  base: number;
  baseKind: 'all_members' | 'present_members';
  ratio: number;
  comparison: 'gt' | 'gte';
  recommended: boolean;
  awardRuleSet: { id: string; version: number };
}

// The margins of Decree 30/2020/NĐ-CP (Annex I): 30 mm left for binding, 20 mm right, 20 mm top;
// the bottom leaves room for the footer under the text.
const MARGIN = { top: 57, bottom: 78, left: 85, right: 57 };
/** Vietnam keeps UTC+7 all year (no daylight saving), so the time printed needs no time-zone data. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Every fixed word of the document, in both languages. */
interface Words {
  nationalHeading: string;
  motto: string;
  title: string;
  dated: (date: string) => string;
  sectionTime: string;
  meetingDate: (date: string) => string;
  place: (place: string) => string;
  sessionTitle: (title: string) => string;
  sectionAttendance: string;
  present: (count: number) => string;
  absent: (count: number) => string;
  nobody: string;
  roles: Record<CouncilRole, string>;
  nonVoting: string;
  quorum: (present: number, voting: number) => string;
  quorumRule: (required: number, numerator: number, denominator: number, ruleSet: string) => string;
  quorumMet: (met: boolean) => string;
  sectionItems: string;
  noItems: string;
  ballot: Record<MinutesItem['ballot'], string>;
  recusals: string;
  count: (approve: number, reject: number, abstain: number) => string;
  approvalShare: (
    approve: number,
    base: number,
    percent: string | null,
    baseName: string,
  ) => string;
  threshold: (comparison: MinutesTally['comparison'], percent: string, baseName: string) => string;
  ruleSet: (ruleSet: string) => string;
  bases: Record<MinutesTally['baseKind'], string>;
  openVotes: string;
  choices: Record<BallotChoice, string>;
  result: (recommended: boolean) => string;
  deferred: string;
  deferredBecause: (reason: string) => string;
  sectionSummary: string;
  summary: (recommended: number, notRecommended: number, deferred: number) => string;
  countedAt: (time: string, date: string) => string;
  record: string;
  secretary: string;
  chair: string;
  viceChair: string;
  signHint: string;
  footerSession: (sessionId: string, caseId: string | null) => string;
  footerHash: (hash: string) => string;
  page: (page: number, pages: number) => string;
  ruleSetName: (id: string, version: number) => string;
}

const VIETNAMESE: Words = {
  nationalHeading: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  title: 'BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG',
  dated: (date) => capitalise(vietnameseLongDate(date)),
  sectionTime: 'I. THỜI GIAN, ĐỊA ĐIỂM',
  meetingDate: (date) => `Thời gian: ${vietnameseLongDate(date)}.`,
  place: (place) => `Địa điểm: ${place}.`,
  sessionTitle: (title) => `Phiên họp: ${title}.`,
  sectionAttendance: 'II. THÀNH PHẦN THAM DỰ',
  present: (count) => `Thành viên có mặt (${count}):`,
  absent: (count) => `Thành viên vắng mặt (${count}):`,
  nobody: 'không có',
  roles: {
    chair: 'Chủ tịch Hội đồng',
    vice_chair: 'Phó Chủ tịch Hội đồng',
    member: 'Ủy viên',
    secretary: 'Thư ký Hội đồng',
  },
  nonVoting: 'không biểu quyết',
  quorum: (present, voting) =>
    `Số thành viên có quyền biểu quyết có mặt: ${present}/${voting} thành viên.`,
  quorumRule: (required, numerator, denominator, ruleSet) =>
    `Số thành viên tối thiểu phải có mặt: ${required} (${numerator}/${denominator} tổng số thành viên Hội đồng, ${ruleSet}).`,
  quorumMet: (met) =>
    met
      ? 'Phiên họp đủ số thành viên tham dự theo quy định.'
      : 'Phiên họp không đủ số thành viên tham dự theo quy định.',
  sectionItems: 'III. NỘI DUNG XÉT VÀ KẾT QUẢ BIỂU QUYẾT',
  noItems: 'Phiên họp không có nội dung đưa ra xét.',
  ballot: { secret: 'Hình thức: bỏ phiếu kín.', open: 'Hình thức: biểu quyết công khai.' },
  recusals: 'Thành viên không tham gia biểu quyết:',
  count: (approve, reject, abstain) =>
    `Kết quả biểu quyết: đồng ý ${approve}; không đồng ý ${reject}; không biểu quyết ${abstain}.`,
  approvalShare: (approve, base, percent, baseName) =>
    percent === null
      ? `Tỷ lệ đồng ý: ${approve}/${base} ${baseName}.`
      : `Tỷ lệ đồng ý: ${approve}/${base} (${percent}) ${baseName}.`,
  // Written out as the decrees word it: the font has no "≥" glyph, and legal text never uses one.
  threshold: (comparison, percent, baseName) =>
    comparison === 'gte'
      ? `Yêu cầu: từ ${percent} trở lên ${baseName}.`
      : `Yêu cầu: trên ${percent} ${baseName}.`,
  ruleSet: (ruleSet) => `Căn cứ: ${ruleSet}.`,
  bases: { all_members: 'tổng số thành viên Hội đồng', present_members: 'số thành viên có mặt' },
  openVotes: 'Biểu quyết của từng thành viên:',
  choices: { approve: 'đồng ý', reject: 'không đồng ý', abstain: 'không biểu quyết' },
  result: (recommended) => (recommended ? 'Kết luận: Đề nghị.' : 'Kết luận: Không đề nghị.'),
  deferred: 'Kết luận: Hoãn xét.',
  deferredBecause: (reason) => `Lý do: ${reason}`,
  sectionSummary: 'IV. TỔNG HỢP',
  summary: (recommended, notRecommended, deferred) =>
    `Hội đồng đề nghị ${recommended} trường hợp; không đề nghị ${notRecommended} trường hợp; hoãn xét ${deferred} trường hợp.`,
  countedAt: (time, date) =>
    `Biểu quyết kết thúc lúc ${time} (giờ Việt Nam) ${vietnameseLongDate(date)}.`,
  record:
    'Biên bản được lập từ kết quả kiểm phiếu đã công bố; mã băm SHA-256 của biên bản được ghi vào chuỗi nhật ký của phiên họp.',
  secretary: 'THƯ KÝ',
  chair: 'CHỦ TỊCH HỘI ĐỒNG',
  viceChair: 'PHÓ CHỦ TỊCH HỘI ĐỒNG',
  signHint: '(Ký, ghi rõ họ tên)',
  footerSession: (sessionId, caseId) =>
    caseId === null ? `Phiên họp ${sessionId}` : `Phiên họp ${sessionId} · hồ sơ ${caseId}`,
  footerHash: (hash) => `Mã băm cuối chuỗi nhật ký: ${hash}`,
  page: (page, pages) => `Trang ${page}/${pages}`,
  ruleSetName: (id, version) => `bộ quy tắc ${id}, phiên bản ${version}`,
};

const ENGLISH: Words = {
  nationalHeading: 'SOCIALIST REPUBLIC OF VIETNAM',
  motto: 'Independence - Freedom - Happiness',
  title: 'MINUTES OF THE MEETING OF THE EMULATION AND COMMENDATION COUNCIL',
  dated: (date) => englishLongDate(date),
  sectionTime: 'I. DATE AND PLACE',
  meetingDate: (date) => `Date: ${englishLongDate(date)}.`,
  place: (place) => `Place: ${place}.`,
  sessionTitle: (title) => `Session: ${title}.`,
  sectionAttendance: 'II. ATTENDANCE',
  present: (count) => `Members present (${count}):`,
  absent: (count) => `Members absent (${count}):`,
  nobody: 'none',
  roles: {
    chair: 'Chair of the Council',
    vice_chair: 'Vice-chair of the Council',
    member: 'Member',
    secretary: 'Secretary of the Council',
  },
  nonVoting: 'does not vote',
  quorum: (present, voting) => `Voting members present: ${present} of ${voting}.`,
  quorumRule: (required, numerator, denominator, ruleSet) =>
    `Quorum: ${required} (${numerator}/${denominator} of all members of the Council, ${ruleSet}).`,
  quorumMet: (met) => (met ? 'The quorum was met.' : 'The quorum was not met.'),
  sectionItems: 'III. ITEMS CONSIDERED AND VOTES',
  noItems: 'No item was put to the Council.',
  ballot: { secret: 'Voting: secret ballot.', open: 'Voting: open vote.' },
  recusals: 'Members recused:',
  count: (approve, reject, abstain) =>
    `Votes: in favour ${approve}; against ${reject}; abstaining ${abstain}.`,
  approvalShare: (approve, base, percent, baseName) =>
    percent === null
      ? `In favour: ${approve}/${base} ${baseName}.`
      : `In favour: ${approve}/${base} (${percent}) ${baseName}.`,
  threshold: (comparison, percent, baseName) =>
    comparison === 'gte'
      ? `Required: at least ${percent} ${baseName}.`
      : `Required: more than ${percent} ${baseName}.`,
  ruleSet: (ruleSet) => `Under: ${ruleSet}.`,
  bases: {
    all_members: 'of all members of the Council',
    present_members: 'of the members present',
  },
  openVotes: 'Votes by member:',
  choices: { approve: 'in favour', reject: 'against', abstain: 'abstaining' },
  result: (recommended) =>
    recommended ? 'Conclusion: Recommended.' : 'Conclusion: Not recommended.',
  deferred: 'Conclusion: Deferred.',
  deferredBecause: (reason) => `Reason: ${reason}`,
  sectionSummary: 'IV. SUMMARY',
  summary: (recommended, notRecommended, deferred) =>
    `Recommended: ${recommended}; not recommended: ${notRecommended}; deferred: ${deferred}.`,
  countedAt: (time, date) => `Voting closed at ${time} (Vietnam time) on ${englishLongDate(date)}.`,
  // Never filed: GET …/minutes?lang=en renders it from the record when asked.
  record:
    'An English rendering, for reference, of the minutes drawn from the published count; the Vietnamese minutes are the official document, and their SHA-256 hash is recorded in the session’s audit chain.',
  secretary: 'SECRETARY',
  chair: 'CHAIR OF THE COUNCIL',
  viceChair: 'VICE-CHAIR OF THE COUNCIL',
  signHint: '(Signature and full name)',
  footerSession: (sessionId, caseId) =>
    caseId === null ? `Session ${sessionId}` : `Session ${sessionId} · case ${caseId}`,
  footerHash: (hash) => `Audit chain head hash: ${hash}`,
  page: (page, pages) => `Page ${page} of ${pages}`,
  ruleSetName: (id, version) => `rule set ${id}, version ${version}`,
};

const WORDS: Record<Language, Words> = { vi: VIETNAMESE, en: ENGLISH };

/**
 * The minutes of a counted council session, as an A4 PDF in Vietnamese administrative style (or
 * English): heading, date and place, who attended in which role, the quorum, each item with its
 * ballot mode, recusals, count, base, threshold and conclusion (or why it was deferred), the
 * summary, the signature blocks, and on every page the session and its audit chain head.
 * Deterministic: the same input gives the same bytes (the SHA-256 of the PDF enters the session's
 * hash chain), dated from the close of voting rather than the clock. A secret ballot's item never
 * prints who voted how.
 */
export async function renderCouncilMinutes(input: MinutesInput): Promise<Buffer> {
  const countedAt = checkedInput(input);
  const words = WORDS[input.language];

  const { doc, rendered } = openA4Document({
    margins: MARGIN,
    lang: input.language === 'vi' ? 'vi-VN' : 'en',
    info: {
      Title: nfc(`${words.title} – ${input.session.title}`),
      Author: nfc(input.council.name),
      Subject: nfc(`${input.council.unitName} – ${words.dated(input.session.meetingDate)}`),
      Keywords: input.session.id,
      Creator: 'thidua-workflow',
      CreationDate: countedAt,
      ModDate: countedAt,
    },
  });

  drawHeading(doc, input, words);
  drawTimeAndPlace(doc, input, words);
  drawAttendance(doc, input, words);
  drawItems(doc, input, words);
  drawSummary(doc, input, words, countedAt);
  drawSignatures(doc, input, words);
  drawFooters(doc, input, words);

  doc.end();
  return rendered;
}

function drawHeading(doc: PDFKit.PDFDocument, input: MinutesInput, words: Words): void {
  const headingBottom = drawOfficialHeading(doc, {
    parentBody: input.council.unitName,
    issuer: input.council.name,
    nationalHeading: words.nationalHeading,
    motto: words.motto,
    placeAndDate: words.dated(input.session.meetingDate),
  });

  const titleSize = fittedSize(doc, words.title, 'bold', contentWidth(doc), 14, 10);
  write(doc, words.title, {
    y: headingBottom + 24,
    font: 'bold',
    size: titleSize,
    align: 'center',
  });
  write(doc, input.session.title, { font: 'italic', size: BODY_SIZE, align: 'center' });
  doc.y += 12;
}

function drawTimeAndPlace(doc: PDFKit.PDFDocument, input: MinutesInput, words: Words): void {
  section(doc, words.sectionTime);
  write(doc, words.meetingDate(input.session.meetingDate), { indent: INDENT });
  if (input.session.place !== null && input.session.place.trim() !== '') {
    write(doc, words.place(input.session.place), { indent: INDENT });
  }
  write(doc, words.sessionTitle(input.session.title), { indent: INDENT });
}

function drawAttendance(doc: PDFKit.PDFDocument, input: MinutesInput, words: Words): void {
  section(doc, words.sectionAttendance);
  const present = input.roster.filter((member) => member.present);
  const absent = input.roster.filter((member) => !member.present);
  for (const [heading, members] of [
    [words.present(present.length), present],
    [words.absent(absent.length), absent],
  ] as const) {
    write(doc, members.length === 0 ? `${heading} ${words.nobody}.` : heading, { indent: INDENT });
    members.forEach((member, index) => {
      const role =
        member.role === 'secretary'
          ? `${words.roles.secretary} (${words.nonVoting})`
          : words.roles[member.role];
      write(doc, `${index + 1}. ${member.name} – ${role}`, { indent: 2 * INDENT });
    });
  }

  const voting = input.roster.filter((member) => member.role !== 'secretary').length;
  const { quorum } = input;
  const ruleSet = words.ruleSetName(quorum.ruleSet.id, quorum.ruleSet.version);
  doc.y += 4;
  write(doc, words.quorum(quorum.present, voting), { indent: INDENT });
  write(doc, words.quorumRule(quorum.required, quorum.numerator, quorum.denominator, ruleSet), {
    indent: INDENT,
  });
  write(doc, words.quorumMet(quorum.present >= quorum.required), { indent: INDENT });
}

function drawItems(doc: PDFKit.PDFDocument, input: MinutesInput, words: Words): void {
  section(doc, words.sectionItems);
  if (input.items.length === 0) {
    write(doc, words.noItems, { indent: INDENT });
    return;
  }
  input.items.forEach((item, index) => {
    // An open vote of a very large council may be longer than a page, and flows on.
    writeKeptTogether(doc, itemLines(item, index, words, input.language));
  });
}

function itemLines(
  item: MinutesItem,
  index: number,
  words: Words,
  language: Language,
): BlockLine[] {
  const body = (text: string, font?: PdfFont): BlockLine => ({ text, font, indent: 2 * INDENT });
  const listed = (text: string): BlockLine => ({ text, indent: 3 * INDENT });
  const lines: BlockLine[] = [
    { text: `${index + 1}. ${item.nominee} – ${item.award}`, font: 'bold', indent: INDENT },
    body(words.ballot[item.ballot]),
  ];
  if (item.recusals.length > 0) {
    lines.push(body(words.recusals));
    lines.push(...item.recusals.map((recusal) => listed(`– ${recusal.name}: ${recusal.reason}`)));
  }
  if (item.status === 'deferred') {
    lines.push(body(words.deferred, 'bold'));
    if (item.deferredBecause !== null && item.deferredBecause.trim() !== '') {
      lines.push(body(words.deferredBecause(item.deferredBecause)));
    }
    return lines;
  }
  const tally = item.tally as MinutesTally; // checkedInput: a voted item has its tally
  const baseName = words.bases[tally.baseKind];
  const share = tally.base > 0 ? percent(tally.approve / tally.base, language) : null;
  lines.push(
    body(words.count(tally.approve, tally.reject, tally.abstain)),
    body(words.approvalShare(tally.approve, tally.base, share, baseName)),
    body(words.threshold(tally.comparison, percent(tally.ratio, language), baseName)),
    body(words.ruleSet(words.ruleSetName(tally.awardRuleSet.id, tally.awardRuleSet.version))),
  );
  // checkedInput refuses names on a secret item; the mode is checked again where they print.
  if (item.ballot === 'open' && item.openVotes !== null && item.openVotes.length > 0) {
    lines.push(body(words.openVotes));
    lines.push(
      ...item.openVotes.map((vote) => listed(`– ${vote.name}: ${words.choices[vote.choice]}`)),
    );
  }
  lines.push(body(words.result(tally.recommended), 'bold'));
  return lines;
}

function drawSummary(
  doc: PDFKit.PDFDocument,
  input: MinutesInput,
  words: Words,
  countedAt: Date,
): void {
  const voted = input.items.filter((item) => item.status === 'voted');
  const recommended = voted.filter((item) => item.tally?.recommended === true).length;
  keepSpace(doc, 5 * lineHeight(doc));
  section(doc, words.sectionSummary);
  write(
    doc,
    words.summary(recommended, voted.length - recommended, input.items.length - voted.length),
    { indent: INDENT },
  );
  const { time, date } = vietnamTime(countedAt);
  write(doc, words.countedAt(time, date), { indent: INDENT });
  write(doc, words.record, { indent: INDENT });
}

const SIGNATURE_BLOCK_HEIGHT = 130;

function drawSignatures(doc: PDFKit.PDFDocument, input: MinutesInput, words: Words): void {
  keepSpace(doc, SIGNATURE_BLOCK_HEIGHT);
  const top = doc.y + 18;
  const columnWidth = contentWidth(doc) / 2;
  const present = (role: CouncilRole): string | undefined =>
    input.roster.find((member) => member.role === role && member.present)?.name;
  // Those who sat sign: with the chair absent, the vice-chair who presided signs in their place.
  const chair = present('chair');
  const viceChair = present('vice_chair');
  const presiding =
    chair === undefined && viceChair !== undefined
      ? { title: words.viceChair, name: viceChair }
      : { title: words.chair, name: chair ?? '' };
  const blocks = [
    { x: MARGIN.left, title: words.secretary, name: present('secretary') ?? '' },
    { x: MARGIN.left + columnWidth, ...presiding },
  ];
  for (const block of blocks) {
    writeSignatureHeading(
      doc,
      { x: block.x, y: top, width: columnWidth },
      block.title,
      words.signHint,
    );
    // The space between is left for the handwritten signature (and the seal, beside the chair's).
    if (block.name !== '') {
      write(doc, block.name, {
        x: block.x,
        y: top + 90,
        width: columnWidth,
        font: 'bold',
        align: 'center',
      });
    }
  }
}

function drawFooters(doc: PDFKit.PDFDocument, input: MinutesInput, words: Words): void {
  const chainCase = input.chain.caseId === input.session.id ? null : input.chain.caseId;
  drawPageFooters(doc, (y, page, pages) => {
    write(doc, words.footerSession(input.session.id, chainCase), { ...FOOTER_TEXT, y });
    write(doc, words.page(page, pages), { ...FOOTER_TEXT, y, align: 'right' });
    write(doc, words.footerHash(input.chain.headHash), { ...FOOTER_TEXT, y: y + 11 });
  });
}

/** "70%", "66,67%" in Vietnamese, "66.67%" in English: at most two decimals, none when whole. */
function percent(ratio: number, language: Language): string {
  const hundredths = Math.round(ratio * 10_000);
  const whole = Math.trunc(hundredths / 100);
  const fraction = String(hundredths % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  const separator = language === 'vi' ? ',' : '.';
  return fraction === '' ? `${whole}%` : `${whole}${separator}${fraction}%`;
}

/** "10:35" and "2026-01-05": the close of voting as a clock in Vietnam showed it. */
function vietnamTime(instant: Date): { time: string; date: string } {
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return { time: local.slice(11, 16), date: local.slice(0, 10) };
}

/**
 * Input that would print a false or unreadable record is a bug in the caller: it is refused
 * before anything is drawn. Returns the close of voting, the document's date.
 */
function checkedInput(input: MinutesInput): Date {
  try {
    parseDecisionDate(input.session.meetingDate);
  } catch {
    throw new Error(
      `renderCouncilMinutes: meetingDate "${input.session.meetingDate}" is not a YYYY-MM-DD date`,
    );
  }
  const countedAt = new Date(input.countedAt);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(input.countedAt) || Number.isNaN(countedAt.getTime())) {
    throw new Error(`renderCouncilMinutes: countedAt "${input.countedAt}" is not an ISO instant`);
  }
  if (!SHA256_HEX.test(input.chain.headHash)) {
    throw new Error('renderCouncilMinutes: chain.headHash is not a lower-case SHA-256 hex');
  }
  input.items.forEach((item, index) => {
    const where = `renderCouncilMinutes: item ${index + 1} (${item.nominee})`;
    if (item.ballot === 'secret' && item.openVotes !== null) {
      throw new Error(`${where} is a secret ballot: who voted how must never be printed`);
    }
    if (item.status === 'voted' && item.tally === null) {
      throw new Error(`${where} was voted but has no tally`);
    }
    if (item.status === 'deferred' && item.tally !== null) {
      throw new Error(`${where} was deferred but has a tally`);
    }
  });
  return countedAt;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
