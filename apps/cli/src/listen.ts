import type { INestApplication } from '@nestjs/common';
import type { VigieConfig } from '#vigie/config';

export class PortInUseError extends Error {
  constructor(port: number) {
    super(`port ${port} is already in use: stop the other program or set PORT (or http.port in vigie.yaml) to a free port`);
    this.name = 'UsageError';
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
