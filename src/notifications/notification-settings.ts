/**
 * What the outbox and the delivery loop need to know of the configuration, as a plain value so
 * the engine assembled without Nest (benches, tests) can build them too.
 */
export class NotificationSettings {
  constructor(
    /** SMTP is configured: new rows carry a pending e-mail (else 'off'). */
    readonly emailEnabled: boolean,
    /** Links in messages: `${publicBaseUrl}/cases/<id>`. */
    readonly publicBaseUrl: string,
  ) {}
}
