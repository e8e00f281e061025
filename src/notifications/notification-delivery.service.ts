import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Clock } from '../common/clock';
import type { MailSender } from './mail-sender';
import { NotificationsRepository, type ClaimedEmail } from './notifications.repository';

/** Minutes to wait after the 1st, 2nd… failed attempt (the last repeats). */
export const RETRY_BACKOFF_MINUTES = [1, 5, 30, 120, 480, 1440] as const;

/** E-mails one claim takes; small, so another instance can share a large backlog. */
const BATCH = 10;
/** How long a claim holds: an instance that dies mid-send frees its rows after this. */
const CLAIM_MS = 5 * 60_000;
/**
 * What a claim must still have left for an e-mail to be sent under it (an SMTP exchange may take
 * 30 s per step); one with less is given back unsent and claimed afresh.
 */
const SEND_MARGIN_MS = 60_000;
/** Claims one pass makes at most, so a pass ends even if rows keep arriving. */
const MAX_CLAIMS_PER_PASS = 50;

export interface DeliveryOptions {
  /** null: e-mail is off; rows are never 'pending' then, and a pass sends nothing. */
  sender: MailSender | null;
  /** 0: no loop (tests call `deliverDue`). */
  intervalSeconds: number;
  maxAttempts: number;
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  dead: number;
}

/**
 * Sends the outbox's pending e-mails after their events committed: a loop every
 * `intervalSeconds` (stopped on shutdown), each pass claiming due rows in small batches and
 * sending them one by one. A failure is retried with back-off (RETRY_BACKOFF_MINUTES) and after
 * `maxAttempts` the row is dead: kept, visible to admins, who may put it back.
 *
 * Delivery is at least once: a row is marked sent after the SMTP server accepted it, so an
 * instance dying between the two sends it again once its claim expires. Two instances never
 * send the same row at the same time (the claim): each batch is claimed from the time it is
 * claimed, not the pass's start (a long pass would claim rows already free to others), an e-mail
 * is sent only while its claim has SEND_MARGIN_MS left, and its outcome is written only where
 * the row still carries that claim.
 */
@Injectable()
export class NotificationDelivery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationDelivery.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly clock: Clock,
    private readonly options: DeliveryOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.sender === null || this.options.intervalSeconds <= 0) return;
    this.timer = setInterval(() => {
      if (this.running !== null) return;
      this.running = this.deliverDue(this.clock.now())
        .catch((error: unknown) =>
          this.logger.error(`Notification delivery failed: ${String(error)}`),
        )
        .finally(() => (this.running = null));
    }, this.options.intervalSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    this.options.sender?.close();
  }

  /**
   * One pass: every e-mail due at `now` is attempted once. Claims move on as the clock does: each
   * is made at `now` plus the time the pass has taken so far. The outcomes (sent at, due again
   * at) are written as of `now`.
   */
  async deliverDue(now: Date): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retrying: 0, dead: 0 };
    const sender = this.options.sender;
    if (sender === null) return report;
    const started = this.clock.now().getTime();
    const current = () =>
      new Date(now.getTime() + Math.max(0, this.clock.now().getTime() - started));
    for (let claims = 0; claims < MAX_CLAIMS_PER_PASS; claims++) {
      const claimedAt = current();
      const claimUntil = new Date(claimedAt.getTime() + CLAIM_MS).toISOString();
      const batch = await this.notifications.claimDue(claimedAt.toISOString(), claimUntil, BATCH);
      if (batch.length === 0) break;
      for (const email of batch) {
        const at = current();
        if (at.getTime() + SEND_MARGIN_MS > Date.parse(email.claimedUntil)) {
          // Too little of the claim left to be sure no one else sends it meanwhile.
          await this.notifications.releaseClaim(email);
          continue;
        }
        const outcome = await this.attempt(sender, email, now);
        if (outcome !== null) report[outcome]++;
      }
    }
    return report;
  }

  /** The outcome, or null when the claim ran out meanwhile (another instance holds the row). */
  private async attempt(
    sender: MailSender,
    email: ClaimedEmail,
    now: Date,
  ): Promise<keyof DeliveryReport | null> {
    try {
      if (email.address === null || email.address === '') {
        throw new Error('The recipient has no e-mail address any more');
      }
      await sender.send({
        id: email.id,
        to: email.address,
        // Officials read Vietnamese first; the English reader finds the subject with the body.
        subject: email.subject.vi,
        text: `${email.body.vi}\n\n-- English --\n${email.subject.en}\n\n${email.body.en}\n`,
      });
    } catch (error) {
      const attempts = email.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      if (attempts >= this.options.maxAttempts) {
        if (!(await this.notifications.markFailed(email, message, null))) return null;
        this.logger.warn(
          `Notification e-mail ${email.id} dead after ${attempts} attempts: ${message}`,
        );
        return 'dead';
      }
      const minutes = RETRY_BACKOFF_MINUTES[Math.min(attempts, RETRY_BACKOFF_MINUTES.length) - 1];
      const next = new Date(now.getTime() + minutes * 60_000).toISOString();
      return (await this.notifications.markFailed(email, message, next)) ? 'retrying' : null;
    }
    if (!(await this.notifications.markSent(email, now.toISOString()))) {
      this.logger.warn(
        `Notification e-mail ${email.id} sent after its claim ran out; it may be sent again`,
      );
      return null;
    }
    return 'sent';
  }
}
