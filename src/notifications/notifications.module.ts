import { Global, Module } from '@nestjs/common';
import { CaseEngineModule } from '../cases/case-engine.module';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { Database } from '../persistence/database';
import { SmtpMailSender } from './mail-sender';
import { NotificationDelivery } from './notification-delivery.service';
import { NotificationEffect } from './notification.effect';
import { NotificationOutbox } from './notification-outbox';
import { NotificationSettings } from './notification-settings';
import { MyNotificationsController, OutboxController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/**
 * What every process that changes cases needs (the server, the command line, the demo): the outbox
 * other features write to in their transactions (`NotificationOutbox`, global) and the engine
 * effect that writes it for accepted events. Sending the e-mails and the inbox routes are the
 * server's (NotificationsModule).
 */
@Global()
@Module({
  imports: [CaseEngineModule],
  providers: [
    {
      provide: NotificationSettings,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new NotificationSettings(config.notifications.smtp !== null, config.publicBaseUrl),
    },
    {
      provide: NotificationOutbox,
      inject: [Database, Clock, NotificationSettings],
      useFactory: (database: Database, clock: Clock, settings: NotificationSettings) =>
        new NotificationOutbox(database, clock, settings),
    },
    NotificationEffect,
  ],
  exports: [NotificationOutbox, NotificationSettings],
})
export class NotificationOutboxModule {}

/**
 * Notifications (issue 16): the outbox and its effect, the delivery loop that sends the e-mails
 * after the commit, and the inbox and outbox routes.
 */
@Module({
  imports: [NotificationOutboxModule],
  controllers: [MyNotificationsController, OutboxController],
  providers: [
    {
      provide: NotificationsRepository,
      inject: [Database],
      useFactory: (database: Database) => new NotificationsRepository(database),
    },
    {
      provide: NotificationDelivery,
      inject: [NotificationsRepository, Clock, AppConfig],
      useFactory: (notifications: NotificationsRepository, clock: Clock, config: AppConfig) => {
        const { smtp, from, deliverySeconds, maxAttempts } = config.notifications;
        return new NotificationDelivery(notifications, clock, {
          sender: smtp === null ? null : new SmtpMailSender(smtp, from),
          intervalSeconds: deliverySeconds,
          maxAttempts,
        });
      },
    },
    NotificationsService,
  ],
  exports: [NotificationOutboxModule, NotificationDelivery],
})
export class NotificationsModule {}
