import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  CaseEffects,
  type AcceptedTransition,
  type CaseEffect,
  type EffectContext,
} from '../cases/plugins/case-effects';
import { NotificationOutbox } from './notification-outbox';
import type { NotificationRecipients, NotificationRequest } from './notification-request';
import { messageFor, rulesFor, type NotificationRule } from './notification-rules';
import { NotificationSettings } from './notification-settings';

/**
 * The engine effect that turns accepted events into outbox rows, in the event's own transaction
 * (NOTIFICATION_RULES says which events tell whom). A refused event writes nothing; a failure to
 * write the rows refuses the event.
 */
@Injectable()
export class NotificationEffect implements CaseEffect, OnModuleInit {
  readonly name = 'notifications';

  constructor(
    private readonly effects: CaseEffects,
    private readonly outbox: NotificationOutbox,
    private readonly settings: NotificationSettings,
  ) {}

  onModuleInit(): void {
    this.effects.register(this);
  }

  appliesTo(transition: AcceptedTransition): boolean {
    return rulesFor(transition.after.caseType, transition.record.eventType).length > 0;
  }

  async apply(transition: AcceptedTransition, context: EffectContext): Promise<void> {
    const requests: NotificationRequest[] = [];
    for (const rule of rulesFor(transition.after.caseType, transition.record.eventType)) {
      const recipients = this.recipientsOf(rule, transition);
      if (recipients === null) continue;
      requests.push({
        kind: rule.kind,
        caseId: transition.after.id,
        recipients,
        ...messageFor(rule, transition.after, this.settings.publicBaseUrl),
      });
    }
    await this.outbox.enqueueIn(context.tx, requests);
  }

  private recipientsOf(
    rule: NotificationRule,
    { after }: AcceptedTransition,
  ): NotificationRecipients | null {
    if (rule.to === 'nominator') return { kind: 'users', userIds: [after.createdBy] };
    if (rule.to === 'subject') {
      if (after.subjectPersonId === null) return null;
      return { kind: 'person', personId: after.subjectPersonId };
    }
    if (after.unitId === null) return null;
    return { kind: 'roles', roles: [rule.to.role], unitId: after.unitId };
  }
}
