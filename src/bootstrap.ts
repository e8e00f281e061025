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
import {
  answerClientError,
  answerFrameworkError,
  ProblemDetailsFilter,
} from './common/problem-details.filter';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { applySecurityHeaders } from './web-server/content-security-policy';
import { serveWebApp } from './web-server/web-app';
import { validateEnvironment } from './config/environment';

const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the application exactly as production runs it; tests and benchmarks use this too. */
export async function createApp(): Promise<NestFastifyApplication> {
  // The adapter is built before Nest's configuration module runs, so it reads the one setting
  // it needs itself (through the same validation).
  const trustedProxies = new AppConfig(validateEnvironment(process.env)).trustedProxies;
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(),
    new FastifyAdapter({
      bodyLimit: BODY_LIMIT_BYTES,
      frameworkErrors: answerFrameworkError,
      clientErrorHandler: answerClientError,
      trustProxy: trustedProxies.length > 0 ? trustedProxies : false,
    }),
    { bufferLogs: true, abortOnError: false, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  const config = app.get(AppConfig);
  // Standard protective headers (nosniff, frame denial, referrer policy, HSTS...) and the CSP.
  await applySecurityHeaders(app);
  // Unsigned: the session cookies carry their own proof (a signed token, a random secret).
  await app.register(fastifyCookie);
  // Closed unless origins are configured: the API is for the organisation's own front ends.
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins });
  acceptJsonBodiesOnly(app.getHttpAdapter().getInstance());
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
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  if (!(await serveWebApp(app))) {
    app.get(Logger).warn('The web app is not built (npm run build): serving the API only');
  }
  if (config.auth.jwtSecretGenerated) {
    app
      .get(Logger)
      .warn('JWT_SECRET is not set: using a random secret, tokens end with this process');
  }
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
