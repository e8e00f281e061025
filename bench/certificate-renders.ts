import { repeatUntil } from './load-clients';
import BetterSqlite3 from 'better-sqlite3';

/**
 * Loads for the responsiveness benchmark (responsiveness.ts: `probeWhile(base, pid, seconds, load)`
 * probes `/health` while one runs): certificates rendered anew, certificates served from their
 * stored render, and public checks of printed codes. Each load takes the deadline and returns one
 * description per answer ("200", "503 SERVER.BUSY"…), for the row's requests column.
 *
 * A certificate is rendered once and then served from `certificate_renders`, so downloading the
 * same few certificates again measures the cache, not the renderer. `forgetRendersIn` (the
 * server's SQLite file) makes every download a real render: the case's stored render is deleted
 * just before it is asked for.
 */
export interface CertificateDownloadLoad {
  base: string;
  /** A reader of the cases (the demo's secretariat). */
  token: string;
  /** Announced awards (a revoked one answers 409: it shows in the requests column). */
  caseIds: readonly string[];
  clients: number;
  /** The server's SQLite file, to render every download anew; null: the cache serves repeats. */
  forgetRendersIn: string | null;
}

export function certificateDownloads(
  load: CertificateDownloadLoad,
): (until: number) => Promise<string[]> {
  return async (until) => {
    const database = load.forgetRendersIn === null ? null : new BetterSqlite3(load.forgetRendersIn);
    database?.pragma('busy_timeout = 5000');
    const forget = database?.prepare('DELETE FROM certificate_renders WHERE case_id = ?');
    let next = 0;
    try {
      return await repeatUntil(until, load.clients, async () => {
        const caseId = load.caseIds[next++ % load.caseIds.length];
        forget?.run(caseId);
        const response = await fetch(`${load.base}/api/v1/cases/${caseId}/certificate`, {
          headers: { authorization: `Bearer ${load.token}` },
        });
        return describe(response);
      });
    } finally {
      database?.close();
    }
  };
}

/**
 * Public checks (no sign-in) of these printed codes: each reads the case's stored chain
 * verification; the first check of a case after its head moved hashes its chain in a worker.
 */
export function publicCertificateChecks(
  base: string,
  codes: readonly string[],
  clients: number,
): (until: number) => Promise<string[]> {
  return async (until) => {
    let next = 0;
    return repeatUntil(until, clients, async () => {
      const code = codes[next++ % codes.length];
      return describe(await fetch(`${base}/api/v1/public/certificates/${code}`));
    });
  };
}

/** The printed verification code of each announced award (from its decision list). */
export async function verificationCodes(
  base: string,
  token: string,
  caseIds: readonly string[],
): Promise<string[]> {
  const codes = new Set<string>();
  for (const caseId of caseIds) {
    const response = await fetch(`${base}/api/v1/cases/${caseId}/decision-list?format=csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    for (const [code] of (await response.text()).matchAll(/[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}/g)) {
      codes.add(code);
    }
  }
  return [...codes];
}

/** "200", or the status and the problem's code ("503 SERVER.BUSY"). */
async function describe(response: Response): Promise<string> {
  const body = Buffer.from(await response.arrayBuffer());
  if (response.ok) return String(response.status);
  try {
    return `${response.status} ${(JSON.parse(body.toString('utf8')) as { code?: string }).code}`;
  } catch {
    return String(response.status);
  }
}
