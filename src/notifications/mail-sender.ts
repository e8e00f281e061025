import { createTransport, type Transporter } from 'nodemailer';
import type { SmtpSettings } from '../config/app-config';

/** One e-mail, plain text. */
export interface OutgoingMail {
  /** The notification's id: the Message-ID, so a recipient's system can tell a resend. */
  id: string;
  to: string;
  subject: string;
  text: string;
}

/** Sends one e-mail or throws (the delivery loop retries it). */
export abstract class MailSender {
  abstract send(mail: OutgoingMail): Promise<void>;
  abstract close(): void;
}

/** Seconds an SMTP exchange may take before the attempt counts as failed. */
const SMTP_TIMEOUT_MS = 30_000;

/** SMTP through nodemailer: one pooled connection, reused by the delivery loop's passes. */
export class SmtpMailSender extends MailSender {
  private readonly transport: Transporter;

  constructor(
    settings: SmtpSettings,
    private readonly from: string,
  ) {
    super();
    const timeouts = {
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    };
    this.transport =
      'url' in settings
        ? createTransport({ url: settings.url, ...timeouts })
        : createTransport({
            host: settings.host,
            port: settings.port,
            secure: settings.secure,
            auth:
              settings.user === undefined
                ? undefined
                : { user: settings.user, pass: settings.password ?? '' },
            ...timeouts,
          });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      messageId: `<${mail.id}@notifications.thidua>`,
      headers: { 'X-Thidua-Notification': mail.id },
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    });
  }

  close(): void {
    this.transport.close();
  }
}
