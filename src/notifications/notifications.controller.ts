import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AnySignedIn, CurrentActor, RequireRoles } from '../auth/auth.decorators';
import { NoBodyDto } from '../auth/dto/no-body.dto';
import { ApiProblems, SIGNED_IN_PROBLEMS } from '../common/problem.dto';
import type { Principal } from '../domain/org/principal';
import {
  EmailAddressDto,
  InboxQuery,
  NotificationDto,
  NotificationPageDto,
  NotificationParams,
  NotificationPreferencesDto,
  OutboxPageDto,
  OutboxQuery,
  PutEmailDto,
  PutNotificationPreferencesDto,
  ReadAllDto,
  UnreadCountDto,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

const OWN_PROBLEMS = { 401: ['AUTH.UNAUTHENTICATED'], 403: ['AUTH.CSRF'] } as const;

/** Each signed-in person's inbox and e-mail preferences: only ever their own. */
@ApiTags('notifications')
@ApiBearerAuth()
@AnySignedIn()
@Controller('me')
export class MyNotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiOperation({ summary: 'My notifications, newest first (unread only if asked)' })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiProblems({ ...OWN_PROBLEMS, 400: ['VALIDATION.FAILED (unread, cursor, limit)'] })
  list(@CurrentActor() actor: Principal, @Query() query: InboxQuery): Promise<NotificationPageDto> {
    return this.notifications.inbox(actor, query);
  }

  @Get('notifications/unread-count')
  @ApiOperation({ summary: 'How many of my notifications are unread (the bell)' })
  @ApiOkResponse({ type: UnreadCountDto })
  @ApiProblems(OWN_PROBLEMS)
  unreadCount(@CurrentActor() actor: Principal): Promise<UnreadCountDto> {
    return this.notifications.unreadCount(actor);
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark every notification of mine read' })
  @ApiBody({ type: NoBodyDto, required: false })
  @ApiOkResponse({ type: ReadAllDto })
  @ApiProblems({ ...OWN_PROBLEMS, 400: ['VALIDATION.FAILED'] })
  readAll(@CurrentActor() actor: Principal, @Body() _body: NoBodyDto): Promise<ReadAllDto> {
    return this.notifications.markAllRead(actor);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one notification of mine read (again: no change)' })
  @ApiBody({ type: NoBodyDto, required: false })
  @ApiOkResponse({ type: NotificationDto })
  @ApiProblems({
    ...OWN_PROBLEMS,
    400: ['VALIDATION.FAILED (id)'],
    404: ['NOTIFICATION.NOT_FOUND (also someone else’s)'],
  })
  read(
    @CurrentActor() actor: Principal,
    @Param() params: NotificationParams,
    @Body() _body: NoBodyDto,
  ): Promise<NotificationDto> {
    return this.notifications.markRead(actor, params.id);
  }

  @Get('notification-preferences')
  @ApiOperation({ summary: 'Which kinds of notification I also get by e-mail, and where' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiProblems(OWN_PROBLEMS)
  preferences(@CurrentActor() actor: Principal): Promise<NotificationPreferencesDto> {
    return this.notifications.preferences(actor);
  }

  @Put('notification-preferences')
  @ApiOperation({
    summary: 'Switch e-mail on or off per kind of notification',
    description: 'Every kind exactly once. The in-app inbox receives every kind regardless.',
  })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  @ApiProblems({ ...OWN_PROBLEMS, 400: ['VALIDATION.FAILED (an unknown or missing kind)'] })
  setPreferences(
    @CurrentActor() actor: Principal,
    @Body() body: PutNotificationPreferencesDto,
  ): Promise<NotificationPreferencesDto> {
    return this.notifications.setPreferences(actor, body);
  }

  @Put('email')
  @ApiOperation({
    summary: 'Set or remove my e-mail address for notifications',
    description: 'Written to my account’s change log.',
  })
  @ApiOkResponse({ type: EmailAddressDto })
  @ApiProblems({ ...OWN_PROBLEMS, 400: ['VALIDATION.FAILED (email)'] })
  setEmail(@CurrentActor() actor: Principal, @Body() body: PutEmailDto): Promise<EmailAddressDto> {
    return this.notifications.setOwnEmail(actor, body.email);
  }
}

/** The e-mail outbox, for administrators: what is pending, sent or dead, and a retry. */
@ApiTags('notifications')
@ApiBearerAuth()
@RequireRoles('admin')
@Controller('admin/outbox')
export class OutboxController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Notification e-mails by delivery status, newest first' })
  @ApiOkResponse({ type: OutboxPageDto })
  @ApiProblems({ ...SIGNED_IN_PROBLEMS, 400: ['VALIDATION.FAILED (status, cursor, limit)'] })
  list(@CurrentActor() admin: Principal, @Query() query: OutboxQuery): Promise<OutboxPageDto> {
    return this.notifications.outbox(admin, query);
  }

  @Post(':id/retry')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Put a dead e-mail back in the queue (attempts reset, due now)',
    description: 'Written to the change log (entity notification, action email_retry).',
  })
  @ApiBody({ type: NoBodyDto, required: false })
  @ApiNoContentResponse({ description: 'Queued again' })
  @ApiProblems({
    ...SIGNED_IN_PROBLEMS,
    400: ['VALIDATION.FAILED (id)'],
    403: [...SIGNED_IN_PROBLEMS[403], 'AUTH.CSRF'],
    404: ['NOTIFICATION.NOT_FOUND'],
    409: ['NOTIFICATION.NOT_DEAD'],
  })
  retry(
    @CurrentActor() admin: Principal,
    @Param() params: NotificationParams,
    @Body() _body: NoBodyDto,
  ): Promise<void> {
    return this.notifications.retry(admin, params.id);
  }
}
