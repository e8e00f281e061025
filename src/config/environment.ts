import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/**
 * Every environment variable the server reads, parsed once at start-up. Nothing else reads
 * `process.env`; a bad value stops the server with a message naming the variable.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST: string = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  /** Unset: the embedded SQLite file. A postgres:// URL: PostgreSQL. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /**
   * PostgreSQL: connections each app instance keeps open at most. A request's reads before its
   * transaction take a connection of their own, so with the database on another machine
   * requests queue for connections well before the database is busy; size it with the database's
   * max_connections ÷ instances.
   */
  @IsInt()
  @Min(1)
  @Max(1000)
  DATABASE_POOL_SIZE: number = 10;

  /** PostgreSQL schema to use (tests give each suite its own). */
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/)
  DATABASE_SCHEMA?: string;

  @IsString()
  SQLITE_FILE: string = 'data/thidua.sqlite';

  /** FULL by default: an acknowledged audit record must survive a power cut. */
  @IsIn(['NORMAL', 'FULL', 'EXTRA'])
  SQLITE_SYNCHRONOUS: 'NORMAL' | 'FULL' | 'EXTRA' = 'FULL';

  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsInt()
  @Min(60)
  JWT_TTL_SECONDS: number = 3600;

  /** Consecutive failed logins for one username from one address before that pair is locked. */
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES: number = 5;

  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_SECONDS: number = 900;

  /**
   * Browser sessions (POST /auth/session): the access cookie is a signed token this many seconds
   * long, renewed through POST /auth/refresh; short, so a stolen one is worth little.
   */
  @IsInt()
  @Min(30)
  SESSION_ACCESS_TTL_SECONDS: number = 900;

  /** A browser session not refreshed for this long ends (sliding: each refresh starts it again). */
  @IsInt()
  @Min(60)
  SESSION_IDLE_TTL_SECONDS: number = 8 * 3600;

  /**
   * However busy, a browser session ends this long after its sign-in: one password a working day,
   * and a stolen refresh cookie cannot be kept alive for ever.
   */
  @IsInt()
  @Min(60)
  SESSION_MAX_TTL_SECONDS: number = 24 * 3600;

  /**
   * A refresh token replaced less than this many seconds ago still gives an access token (not a
   * new refresh token), so two tabs refreshing at once do not end the session; after that, it
   * ends the whole session as a replayed token.
   */
  @IsInt()
  @Min(0)
  @Max(60)
  SESSION_REFRESH_GRACE_SECONDS: number = 10;

  /**
   * The reverse proxies in front of the server (comma-separated addresses or CIDR ranges), whose
   * X-Forwarded-For is believed; unset: none, the client address is the connection's. Login
   * lockouts are per username and client address, so behind a proxy this must be set.
   */
  @IsOptional()
  @Matches(/^[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*$/, {
    message: 'TRUST_PROXY must be comma-separated IP addresses or CIDR ranges',
  })
  TRUST_PROXY?: string;

  /** Browser origins allowed to call the API (comma-separated); none by default. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  /**
   * A client must have sent a request's headers this many seconds after it began (a few hundred
   * bytes: 20 s is ample on any link); otherwise 408 and the connection is closed, so a client
   * dripping its headers cannot hold a connection for minutes.
   */
  @IsInt()
  @Min(1)
  @Max(600)
  HTTP_HEADERS_TIMEOUT_SECONDS: number = 20;

  /**
   * The whole request, body included, within this many seconds: the largest upload (a 32 MiB
   * spreadsheet) needs about 2 Mbit/s to make it. Otherwise 408 and the connection is closed.
   */
  @IsInt()
  @Min(1)
  @Max(3600)
  HTTP_REQUEST_TIMEOUT_SECONDS: number = 120;

  /**
   * An idle kept-alive connection is closed after this many seconds. Above the 60 s of common
   * reverse proxies (nginx, load balancers), so the proxy, not the server, closes first.
   */
  @IsInt()
  @Min(1)
  @Max(3600)
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: number = 65;

  /**
   * A connection on which nothing moves either way for this many seconds is closed: a client
   * that stops reading an answer, or a peer that vanished. Longer than any request takes.
   */
  @IsInt()
  @Min(1)
  @Max(3600)
  HTTP_IDLE_TIMEOUT_SECONDS: number = 300;

  /** Dossier documents one user may upload in any 24 hours, in MiB (beyond it: 413). */
  @IsInt()
  @Min(1)
  UPLOAD_QUOTA_USER_MIB_PER_DAY: number = 500;

  /** Dossier documents one case may hold in all, in MiB (documents are never deleted). */
  @IsInt()
  @Min(1)
  UPLOAD_QUOTA_CASE_MIB: number = 100;

  @Matches(/^[a-z0-9._-]{3,64}$/)
  ADMIN_USERNAME: string = 'admin';

  @IsOptional()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @IsString()
  WORKFLOWS_DIR: string = 'workflows';

  /** Versioned award catalogues and legal thresholds (see data/rulesets/README.md). */
  @IsString()
  RULESETS_DIR: string = 'data/rulesets';

  /** Official document templates, one `<kind>.<format>.json` each (see README, "Official documents"). */
  @IsString()
  TEMPLATES_DIR: string = 'data/templates';

  /**
   * Where the public pages are reached: printed (the verification link and QR code) on every
   * certificate, so in production it is required and may not point at this machine.
   */
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'must be an http(s) URL such as https://thidua.example.gov.vn' },
  )
  PUBLIC_BASE_URL: string = 'http://localhost:3000';

  /** Objections one client address may file per minute through the public notice page. */
  @IsInt()
  @Min(1)
  PUBLIC_OBJECTIONS_PER_MINUTE: number = 10;

  /**
   * Threads for CPU-heavy work (PDF rendering, spreadsheet parsing, chain verification), so a
   * heavy request never blocks the event loop. Unset: one less than the CPU count, at least one.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_THREADS?: number;

  /** Tasks waiting for a worker thread; beyond it a request is answered 503 with Retry-After. */
  @IsInt()
  @Min(1)
  WORKER_QUEUE_LIMIT: number = 64;

  /** Public holidays and make-up working days (see data/calendars/README.md). */
  @IsString()
  CALENDAR_FILE: string = 'data/calendars/vn-public-holidays.json';

  /** What kinds of violation are reported, and which count against the traffic criterion. */
  @IsString()
  VIOLATION_CATEGORIES_FILE: string = 'data/catalogues/violation-categories.json';

  /** Ed25519 private key (PEM, PKCS#8) that signs audit checkpoints; unset: unsigned. */
  @IsOptional()
  @IsString()
  AUDIT_SIGNING_KEY?: string;

  /** Or the path of a PEM file holding that key. */
  @IsOptional()
  @IsString()
  AUDIT_SIGNING_KEY_FILE?: string;

  /**
   * Seals secret ballots until their session's voting closes (at least 32 characters, the same on
   * every instance). Unset outside production: a random key kept in data/ballot-sealing.key.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'BALLOT_SEALING_KEY must be at least 32 characters' })
  BALLOT_SEALING_KEY?: string;

  /** A checkpoint once this many audit records were appended since the last one… */
  @IsInt()
  @Min(1)
  CHECKPOINT_EVERY_EVENTS: number = 1000;

  /** …or once this many minutes passed with at least one new record (0: by count only). */
  @IsInt()
  @Min(0)
  CHECKPOINT_EVERY_MINUTES: number = 60;

  /** How often the server asks whether a checkpoint is due; 0: never (default 30, 0 in tests). */
  @IsOptional()
  @IsInt()
  @Min(0)
  CHECKPOINT_CHECK_SECONDS?: number;

  /**
   * How often the deadline scheduler fires due workflow timers, in seconds (it also runs once at
   * start-up); 0: never (default 60, 0 in tests).
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  TIMER_SCHEDULER_INTERVAL_SECONDS?: number;

  /**
   * E-mail notifications over SMTP (see README, "Notifications"): a URL such as
   * smtps://user:password@mail.example.gov.vn:465, or the SMTP_HOST… variables below. Neither
   * set: e-mail is off (the in-app inbox still works).
   */
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  SMTP_HOST?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT?: number;

  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  @IsOptional()
  @IsString()
  SMTP_PASSWORD?: string;

  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  @IsOptional()
  @IsIn(['true', 'false'])
  SMTP_SECURE?: 'true' | 'false';

  /** The sender of notification e-mails. */
  @IsString()
  SMTP_FROM: string = 'Thi đua – Khen thưởng <no-reply@localhost>';

  /** How often pending e-mails are sent, in seconds; 0: never (default 30, 0 in tests). */
  @IsOptional()
  @IsInt()
  @Min(0)
  NOTIFICATION_DELIVERY_SECONDS?: number;

  /** Attempts at sending one e-mail before it is dead-lettered (admins may retry it). */
  @IsInt()
  @Min(1)
  @Max(50)
  NOTIFICATION_MAX_ATTEMPTS: number = 6;

  /** Password of the users `npm run demo` creates (demo databases only). */
  @MinLength(12, { message: 'DEMO_PASSWORD must be at least 12 characters' })
  DEMO_PASSWORD: string = 'demo-password-2026';
}

function pointsAtThisMachine(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || host === '0.0.0.0' || host.startsWith('127.');
  } catch {
    return false;
  }
}

export function validateEnvironment(raw: Record<string, unknown>): Environment {
  // An empty variable (`DATABASE_URL=`) means "not set", as in most deployment tools.
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  const environment = plainToInstance(Environment, present, { enableImplicitConversion: true });
  const errors = validateSync(environment, { whitelist: false });
  const problems = errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`),
  );
  // A PostgreSQL setting on the embedded database would do nothing: say so rather than ignore it.
  if (present.DATABASE_URL === undefined) {
    for (const name of ['DATABASE_POOL_SIZE', 'DATABASE_SCHEMA']) {
      if (present[name] !== undefined) problems.push(`${name}: only for PostgreSQL (DATABASE_URL)`);
    }
  }
  if (environment.SESSION_IDLE_TTL_SECONDS > environment.SESSION_MAX_TTL_SECONDS) {
    problems.push('SESSION_IDLE_TTL_SECONDS: may not exceed SESSION_MAX_TTL_SECONDS');
  }
  if (environment.SESSION_ACCESS_TTL_SECONDS > environment.SESSION_IDLE_TTL_SECONDS) {
    problems.push('SESSION_ACCESS_TTL_SECONDS: may not exceed SESSION_IDLE_TTL_SECONDS');
  }
  // Node.js refuses to start a server whose headers may take longer than the whole request.
  if (environment.HTTP_HEADERS_TIMEOUT_SECONDS > environment.HTTP_REQUEST_TIMEOUT_SECONDS) {
    problems.push('HTTP_HEADERS_TIMEOUT_SECONDS: may not exceed HTTP_REQUEST_TIMEOUT_SECONDS');
  }
  if (environment.NODE_ENV === 'production') {
    // A generated secret or password is fine for trying the product out, not for running it.
    if (environment.JWT_SECRET === undefined) problems.push('JWT_SECRET: required in production');
    if (environment.BALLOT_SEALING_KEY === undefined) {
      problems.push('BALLOT_SEALING_KEY: required in production (the same on every instance)');
    }
    if (environment.ADMIN_PASSWORD === undefined) {
      problems.push('ADMIN_PASSWORD: required in production (used only if no user exists yet)');
    }
    if (present.DEMO_PASSWORD === undefined) {
      problems.push('DEMO_PASSWORD: the default demo password is not allowed in production');
    }
    // A certificate printed with a localhost link can never be checked by the public.
    if (present.PUBLIC_BASE_URL === undefined) {
      problems.push('PUBLIC_BASE_URL: required in production (certificates link to it)');
    } else if (pointsAtThisMachine(environment.PUBLIC_BASE_URL)) {
      problems.push('PUBLIC_BASE_URL: may not point at this machine in production');
    }
  }
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return environment;
}
