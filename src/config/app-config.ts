import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { loadBallotSealingKey } from './ballot-sealing-key';
import { loadSigningKey, type SigningKey } from './checkpoint-signing-key';
import type { Environment } from './environment';

export type DatabaseOptions =
  | { kind: 'sqlite'; file: string; synchronous: 'NORMAL' | 'FULL' | 'EXTRA' }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

/** The typed configuration services receive (injected by class token). */
export class AppConfig {
  readonly production: boolean;
  readonly http: { host: string; port: number };
  readonly database: DatabaseOptions;
  readonly auth: {
    jwtSecret: string;
    /** True when no JWT_SECRET was configured: tokens die with the process. */
    jwtSecretGenerated: boolean;
    jwtTtlSeconds: number;
    admin: { username: string; password?: string };
    login: { maxFailures: number; lockoutSeconds: number };
    /** Browser sessions (cookies); see src/auth/sessions.service.ts for the policy. */
    session: {
      accessTtlSeconds: number;
      idleTtlSeconds: number;
      maxTtlSeconds: number;
      refreshGraceSeconds: number;
    };
  };
  /** Reverse proxies whose X-Forwarded-For is believed; empty: none. */
  readonly trustedProxies: string[];
  /** Origins allowed by CORS; empty = CORS closed. */
  readonly corsOrigins: string[];
  /** How long a connection may take over each part of a request (see src/web-server/). */
  readonly httpTimeouts: {
    headersMs: number;
    requestMs: number;
    keepAliveMs: number;
    idleMs: number;
  };
  /** Dossier uploads: per user over any 24 hours, and per case in all. */
  readonly uploadQuota: { userBytesPerDay: number; caseBytes: number };
  readonly logLevel: string;
  readonly workflowsDir: string;
  readonly ruleSetsDir: string;
  /** Official document templates (src/documents). */
  readonly templatesDir: string;
  readonly calendarFile: string;
  readonly violationCategoriesFile: string;
  readonly publicBaseUrl: string;
  readonly publicObjectionsPerMinute: number;
  /** The worker pool for CPU-heavy tasks (src/workers/). */
  readonly workers: { threads: number; queueLimit: number };
  readonly demoPassword: string;
  /** AES-256 key sealing secret ballots until their session's voting closes. */
  readonly ballotSealingKey: Buffer;
  readonly checkpoints: {
    /** Null: checkpoints are written unsigned (a warning at start-up says so). */
    signingKey: SigningKey | null;
    everyEvents: number;
    /** 0: only the event count makes a checkpoint due. */
    everyMinutes: number;
    /** How often the server checks whether one is due; 0: it never does (the CLI still can). */
    checkSeconds: number;
  };

  /** Notifications (src/notifications): SMTP (null: e-mail off) and the delivery loop. */
  readonly notifications: {
    smtp: SmtpSettings | null;
    from: string;
    deliverySeconds: number;
    maxAttempts: number;
  };

  /** The deadline scheduler's loop (src/deadlines), in seconds; 0: off. */
  readonly timerSchedulerSeconds: number;

  constructor(environment: Environment, projectRoot = process.cwd()) {
    const fromRoot = (path: string) => (isAbsolute(path) ? path : resolve(projectRoot, path));
    this.production = environment.NODE_ENV === 'production';
    this.http = { host: environment.HOST, port: environment.PORT };
    this.database = environment.DATABASE_URL
      ? {
          kind: 'postgres',
          url: environment.DATABASE_URL,
          schema: environment.DATABASE_SCHEMA,
          poolSize: environment.DATABASE_POOL_SIZE,
        }
      : {
          kind: 'sqlite',
          file:
            environment.SQLITE_FILE === ':memory:' ? ':memory:' : fromRoot(environment.SQLITE_FILE),
          synchronous: environment.SQLITE_SYNCHRONOUS,
        };
    this.auth = {
      jwtSecret: environment.JWT_SECRET ?? randomBytes(48).toString('base64url'),
      jwtSecretGenerated: environment.JWT_SECRET === undefined,
      jwtTtlSeconds: environment.JWT_TTL_SECONDS,
      admin: { username: environment.ADMIN_USERNAME, password: environment.ADMIN_PASSWORD },
      login: {
        maxFailures: environment.LOGIN_MAX_FAILURES,
        lockoutSeconds: environment.LOGIN_LOCKOUT_SECONDS,
      },
      session: {
        accessTtlSeconds: environment.SESSION_ACCESS_TTL_SECONDS,
        idleTtlSeconds: environment.SESSION_IDLE_TTL_SECONDS,
        maxTtlSeconds: environment.SESSION_MAX_TTL_SECONDS,
        refreshGraceSeconds: environment.SESSION_REFRESH_GRACE_SECONDS,
      },
    };
    this.trustedProxies = commaSeparated(environment.TRUST_PROXY);
    this.corsOrigins = commaSeparated(environment.CORS_ORIGINS);
    this.httpTimeouts = {
      headersMs: environment.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
      requestMs: environment.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
      keepAliveMs: environment.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
      idleMs: environment.HTTP_IDLE_TIMEOUT_SECONDS * 1000,
    };
    this.uploadQuota = {
      userBytesPerDay: environment.UPLOAD_QUOTA_USER_MIB_PER_DAY * MIB,
      caseBytes: environment.UPLOAD_QUOTA_CASE_MIB * MIB,
    };
    this.logLevel = environment.LOG_LEVEL;
    this.workflowsDir = fromRoot(environment.WORKFLOWS_DIR);
    this.ruleSetsDir = fromRoot(environment.RULESETS_DIR);
    this.templatesDir = fromRoot(environment.TEMPLATES_DIR);
    this.calendarFile = fromRoot(environment.CALENDAR_FILE);
    this.violationCategoriesFile = fromRoot(environment.VIOLATION_CATEGORIES_FILE);
    this.publicObjectionsPerMinute = environment.PUBLIC_OBJECTIONS_PER_MINUTE;
    this.workers = {
      threads: environment.WORKER_THREADS ?? Math.max(1, availableParallelism() - 1),
      queueLimit: environment.WORKER_QUEUE_LIMIT,
    };
    this.publicBaseUrl = environment.PUBLIC_BASE_URL.replace(/\/+$/, '');
    this.demoPassword = environment.DEMO_PASSWORD;
    this.ballotSealingKey = loadBallotSealingKey(
      environment.BALLOT_SEALING_KEY,
      fromRoot('data/ballot-sealing.key'),
    );
    this.checkpoints = {
      signingKey: loadSigningKey(
        environment.AUDIT_SIGNING_KEY,
        environment.AUDIT_SIGNING_KEY_FILE === undefined
          ? undefined
          : fromRoot(environment.AUDIT_SIGNING_KEY_FILE),
      ),
      everyEvents: environment.CHECKPOINT_EVERY_EVENTS,
      everyMinutes: environment.CHECKPOINT_EVERY_MINUTES,
      checkSeconds:
        environment.CHECKPOINT_CHECK_SECONDS ?? (environment.NODE_ENV === 'test' ? 0 : 30),
    };
    this.timerSchedulerSeconds =
      environment.TIMER_SCHEDULER_INTERVAL_SECONDS ?? (environment.NODE_ENV === 'test' ? 0 : 60);
    this.notifications = {
      smtp: smtpSettings(environment),
      from: environment.SMTP_FROM,
      deliverySeconds:
        environment.NOTIFICATION_DELIVERY_SECONDS ?? (environment.NODE_ENV === 'test' ? 0 : 30),
      maxAttempts: environment.NOTIFICATION_MAX_ATTEMPTS,
    };
  }
}

/** How to reach the SMTP server: a URL, or its parts. */
export type SmtpSettings =
  | { url: string }
  | { host: string; port: number; secure: boolean; user?: string; password?: string };

function smtpSettings(environment: Environment): SmtpSettings | null {
  if (environment.SMTP_URL !== undefined) return { url: environment.SMTP_URL };
  if (environment.SMTP_HOST === undefined) return null;
  const secure = environment.SMTP_SECURE === 'true';
  return {
    host: environment.SMTP_HOST,
    port: environment.SMTP_PORT ?? (secure ? 465 : 587),
    secure,
    user: environment.SMTP_USER,
    password: environment.SMTP_PASSWORD,
  };
}

const MIB = 1024 * 1024;

function commaSeparated(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
