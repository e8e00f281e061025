import 'reflect-metadata';
import { createApp } from './bootstrap';
import { AppConfig } from './config/app-config';

async function main(): Promise<void> {
  const app = await createApp();
  const { host, port } = app.get(AppConfig).http;
  await app.listen(port, host);
}

main().catch((error: unknown) => {
  // Start-up failures (bad configuration, invalid workflow file, database down) end here.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
