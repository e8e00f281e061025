import 'reflect-metadata';
import { createApp } from './bootstrap';
import { Logger } from 'nestjs-pino';
import { AppConfig } from './config/app-config';

async function main(): Promise<void> {
  const app = await createApp();
  const config = app.get(AppConfig);
  const { host, port } = config.http;
  await app.listen(port, host);
  // Say where it listens and where certificates send the public: a wrong link is seen at once.
  app.get(Logger).log(`Serving on http://${host}:${port}; public pages at ${config.publicBaseUrl}`);
}

main().catch((error: unknown) => {
  // Start-up failures (bad configuration, invalid workflow file, database down) end here.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
