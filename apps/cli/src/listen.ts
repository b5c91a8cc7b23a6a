import type { INestApplication } from '@nestjs/common';
import { VigieError } from '#vigie/common';
import type { VigieConfig } from '#vigie/config';

/** The port of the configuration is taken by another program: the operator frees it or configures another one. */
export class PortInUseError extends VigieError {
  constructor(port: number) {
    super('configuration', `port ${port} is already in use: stop the other program or set PORT (or http.port in vigie.yaml) to a free port`);
  }
}

export async function listenOrExplain(app: INestApplication, config: VigieConfig): Promise<void> {
  try {
    await app.listen(config.http.port, config.http.host);
  } catch (err) {
    await app.close().catch(() => undefined);
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(config.http.port);
    throw err;
  }
}
