import { toVietnameseDate } from '../domain/calendar/iso-date';
import type { Localized } from '../domain/localized';
import type { StoredTimer } from './case-timers.sql';

/**
 * The texts of the notifications a timer causes. Like every notification they carry no
 * need-to-know detail: the timer's label, its due day and a link to the case, nothing of what the
 * case is about (a violation's subject is not named).
 */
interface CaseRef {
  id: string;
  caseType: string;
  subjectName: string;
}

function about(found: CaseRef): Localized | null {
  return found.caseType === 'violation'
    ? null
    : { vi: `Hồ sơ: ${found.subjectName}\n`, en: `Case: ${found.subjectName}\n` };
}

function dueText(timer: Pick<StoredTimer, 'dueOn'>): Localized {
  return timer.dueOn === null
    ? { vi: '', en: '' }
    : { vi: ` (hạn ngày ${toVietnameseDate(timer.dueOn)})`, en: ` (due ${timer.dueOn})` };
}

function body(lines: Localized, found: CaseRef, baseUrl: string): Localized {
  const link = `${baseUrl}/cases/${found.id}`;
  const what = about(found);
  return {
    vi: `${lines.vi}\n${what?.vi ?? ''}Xem hồ sơ: ${link}`,
    en: `${lines.en}\n${what?.en ?? ''}Open the case: ${link}`,
  };
}

/** To the holders of the timer's `remind` roles: its time has come. */
export function reminderMessage(timer: StoredTimer, found: CaseRef, baseUrl: string) {
  const due = dueText(timer);
  return {
    subject: { vi: `Nhắc việc: ${timer.label.vi}`, en: `Reminder: ${timer.label.en}` },
    body: body(
      {
        vi: `Đã đến hạn "${timer.label.vi}"${due.vi}. Đề nghị đồng chí xử lý hồ sơ.`,
        en: `"${timer.label.en}" has come due${due.en}. Please act on the case.`,
      },
      found,
      baseUrl,
    ),
  };
}

/** To the holders of the timer's `escalate` roles: the case is overdue. */
export function escalationMessage(timer: StoredTimer, found: CaseRef, baseUrl: string) {
  const due = dueText(timer);
  return {
    subject: { vi: `Quá hạn: ${timer.label.vi}`, en: `Overdue: ${timer.label.en}` },
    body: body(
      {
        vi: `Hồ sơ đã quá hạn "${timer.label.vi}"${due.vi} và được chuyển lên đồng chí để chỉ đạo xử lý.`,
        en: `The case is past "${timer.label.en}"${due.en} and is escalated to you.`,
      },
      found,
      baseUrl,
    ),
  };
}

/** To administrators: a timer's due day cannot be computed (a calendar year, a time limit). */
export function timerFailedMessage(
  timer: Pick<StoredTimer, 'label'>,
  problem: Localized,
  found: CaseRef,
  baseUrl: string,
) {
  return {
    subject: {
      vi: `Không tính được thời hạn: ${timer.label.vi}`,
      en: `A deadline could not be computed: ${timer.label.en}`,
    },
    body: body(
      {
        vi: `${problem.vi}\nSau khi khắc phục, chọn "Tính lại" trong danh sách thời hạn.`,
        en: `${problem.en}\nOnce fixed, retry it from the deadlines list.`,
      },
      found,
      baseUrl,
    ),
  };
}
