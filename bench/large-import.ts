/**
 * A large people import as a job, for measuring how the rest of the server fares meanwhile (e.g.
 * `/health` p99 while it runs: bench/responsiveness.ts). Usage, against a running server whose
 * registry has the units named in `unitCodes` (the demo organisation has DUK-DL and DUK-CN):
 *
 *   const started = await startLargeImport(base, adminToken, { rows: 300_000 });
 *   // … probe /health until `started.finished` settles …
 *   const job = await started.finished; // { status: 'done', report, progress, … }
 *
 * 300,000 rows make a CSV of about 31 MiB, the size of issue 12's report. The job runs in the
 * server; this process only uploads the file (Prefer: respond-async) and polls the job.
 */
export interface LargeImportOptions {
  rows: number;
  unitCodes?: readonly string[];
  /** Every `invalidEvery`-th row is bad (an unknown unit); 0: none. Imported with skipInvalid. */
  invalidEvery?: number;
  pollMs?: number;
}

export interface StartedImport {
  /** Size of the uploaded CSV. */
  bytes: number;
  /** The job's URL (Location of the 202). */
  location: string;
  /** The job once done or failed. */
  finished: Promise<Record<string, unknown>>;
}

export async function startLargeImport(
  base: string,
  token: string,
  options: LargeImportOptions,
): Promise<StartedImport> {
  const csv = largePeopleCsv(options);
  const response = await fetch(`${base}/api/v1/imports/people?skipInvalid=true`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'text/csv',
      prefer: 'respond-async',
    },
    body: csv,
  });
  if (response.status !== 202) {
    throw new Error(`import not accepted: ${response.status} ${await response.text()}`);
  }
  const location = new URL(response.headers.get('location') ?? '', base).toString();
  const pollMs = options.pollMs ?? 200;
  const finished = (async () => {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      const job = (await (
        await fetch(location, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as Record<string, unknown>;
      if (job.status === 'done' || job.status === 'failed') return job;
    }
  })();
  return { bytes: csv.length, location, finished };
}

/** A staff list in the people import's own headers, every row valid unless `invalidEvery`. */
export function largePeopleCsv(options: LargeImportOptions): Buffer {
  const units = options.unitCodes ?? ['DUK-DL', 'DUK-CN'];
  const lines = [
    'Mã cán bộ,Họ và tên,Mã đơn vị,Chức vụ,Ngày sinh,Đảng viên,Ngày vào Đảng,Đối tượng',
  ];
  for (let i = 0; i < options.rows; i++) {
    const unit =
      options.invalidEvery && i % options.invalidEvery === 0 ? 'KHONG-CO' : units[i % units.length];
    const partyMember = i % 3 === 0;
    lines.push(
      `LI${String(i).padStart(7, '0')},Nguyễn Văn Thử Nghiệm ${i},${unit},Chuyên viên chính,` +
        `${1 + (i % 28)}/${1 + (i % 12)}/${1965 + (i % 35)},${partyMember ? 'x' : ''},` +
        `${partyMember ? `${1995 + (i % 20)}-03-01` : ''},Viên chức`,
    );
  }
  return Buffer.from(lines.join('\r\n'), 'utf8');
}
