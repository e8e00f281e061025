import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** What the test SMTP server does with the next messages. */
export type SmtpMode =
  | 'accept'
  | 'temporary_failure'
  | 'permanent_failure'
  /** Refused as many servers do, naming the recipient's address in the error. */
  | 'refuse_naming_recipient';

/**
 * A real SMTP server on loopback (the `smtp-server` package), on a random port, that keeps every
 * message it accepts, parsed (mailparser): the e-mail tests send through it and read back.
 */
export interface TestSmtpServer {
  url: string;
  port: number;
  received: ParsedMail[];
  mode: SmtpMode;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const state: { mode: SmtpMode; received: ParsedMail[] } = { mode: 'accept', received: [] };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (state.mode !== 'accept') {
          const recipient = session.envelope.rcptTo[0]?.address ?? '';
          const error = new Error(
            state.mode === 'temporary_failure'
              ? 'Hộp thư tạm thời không nhận thư'
              : state.mode === 'refuse_naming_recipient'
                ? `Mailbox <${recipient}> unavailable`
                : 'Mailbox unavailable',
          ) as Error & { responseCode: number };
          error.responseCode = state.mode === 'temporary_failure' ? 451 : 550;
          callback(error);
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            state.received.push(mail);
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received: state.received,
    get mode() {
      return state.mode;
    },
    set mode(mode: SmtpMode) {
      state.mode = mode;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
