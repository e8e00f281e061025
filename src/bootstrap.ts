import { RequestMethod } from '@nestjs/common';
import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { WorkflowCatalogue } from './domain/workflow/workflow-catalogue';
import { addEventRequestSchemas } from './workflows/workflow-openapi';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { acceptJsonBodiesOnly } from './common/body-parsing';
import { JSON_BODY_LIMIT_BYTES, limitBodiesPerRoute } from './common/body-limits';
import { addRequestLimitProblems } from './common/request-limits-openapi';
import {
  answerClientError,
  answerFrameworkError,
  ProblemDetailsFilter,
} from './common/problem-details.filter';
import { createValidationPipe } from './common/validation';
import { logAnsweredRequests } from './common/request-log';
import { AppConfig } from './config/app-config';
import { applySecurityHeaders } from './web-server/content-security-policy';
import { forbidCachingApiAnswers } from './web-server/cache-control';
import { corsOptions } from './web-server/cors';
import { connectionLimits } from './web-server/http-timeouts';
import { serveWebApp } from './web-server/web-app';
import { validateEnvironment } from './config/environment';
import { PasswordHasher, type HashParameters } from './auth/password-hasher';

/** Builds the application exactly as production runs it; tests and benchmarks use this too. */
/** What a test may change before the app starts (nothing a deployment can set). */
export interface AppStartOptions {
  /**
   * Hash passwords with these parameters from the start, the first administrator's included: a
   * test suite starts hundreds of apps and signs in thousands of times (what is stored stays
   * self-describing, so passwords.spec.ts still checks the production parameters).
   */
  passwordHashingForTests?: HashParameters;
}

export async function createApp(options: AppStartOptions = {}): Promise<NestFastifyApplication> {
  // The adapter is built before Nest's configuration module runs, so it reads the settings it
  // needs itself (through the same validation).
  const early = new AppConfig(validateEnvironment(process.env));
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(),
    new FastifyAdapter({
      // Parsers without a limit of their own (there are none today) take the small one.
      bodyLimit: JSON_BODY_LIMIT_BYTES,
      ...connectionLimits(early),
      frameworkErrors: answerFrameworkError,
      clientErrorHandler: answerClientError,
      trustProxy: early.trustedProxies.length > 0 ? early.trustedProxies : false,
    }),
    { bufferLogs: true, abortOnError: false, bodyParser: false },
  );
  const fastify = app.getHttpAdapter().getInstance();
  // Before any route is registered: the hook sets each listed route's limit as it is added.
  const checkBodyLimits = limitBodiesPerRoute(fastify);
  app.useLogger(app.get(Logger));
  logAnsweredRequests(fastify);
  const config = app.get(AppConfig);
  // Standard protective headers (nosniff, frame denial, referrer policy, HSTS...) and the CSP.
  await applySecurityHeaders(app);
  // Unsigned: the session cookies carry their own proof (a signed token, a random secret).
  await app.register(fastifyCookie);
  // Closed unless origins are configured: the API is for the organisation's own front ends.
  if (config.corsOrigins.length > 0) app.enableCors(corsOptions(config.corsOrigins));
  acceptJsonBodiesOnly(fastify);
  forbidCachingApiAnswers(fastify);
  app.enableShutdownHooks();
  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Thi đua – Khen thưởng workflow engine')
      .setDescription(
        'Cases (nominations, violations) as versioned state machines with a hash-chained audit log.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addCookieAuth('thidua_access')
      .build(),
  );
  addEventRequestSchemas(document, app.get(WorkflowCatalogue));
  addRequestLimitProblems(document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  if (!(await serveWebApp(app))) {
    app.get(Logger).warn('The web app is not built (npm run build): serving the API only');
  }
  if (config.auth.jwtSecretGenerated) {
    app
      .get(Logger)
      .warn('JWT_SECRET is not set: using a random secret, tokens end with this process');
  }
  if (options.passwordHashingForTests !== undefined) {
    app.get(PasswordHasher).useParametersForTests(options.passwordHashingForTests);
  }
  // Runs the bootstrap hooks: on an empty database, the first administrator is created here.
  await app.init();
  checkBodyLimits();
  await fastify.ready();
  return app;
}
