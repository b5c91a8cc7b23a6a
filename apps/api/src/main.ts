import 'reflect-metadata';
import { loadConfig } from '#vigie/config';
import { runMain } from '../../cli/src/run-main.js';
import { createHttpApp } from './create-http-app.js';

/** The API replica alone (the scheduler runs in its own replica: apps/worker). */
await runMain(async () => {
  const config = loadConfig();
  const app = await createHttpApp(config, { withWorker: false });
  await app.listen(config.http.port, config.http.host);
});
