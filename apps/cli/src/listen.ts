import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { VigieError } from '#vigie/common';
import type { VigieConfig } from '#vigie/config';

/** The port of the configuration is taken by another program: the operator frees it or configures another one. */
export class PortInUseError extends VigieError {
  constructor(port: number) {
    super('configuration', `port ${port} is already in use: stop the other program or set PORT (or http.port in vigie.yaml) to a free port`);
  }
}

/** Where the API answers once listening: the URL to open (http.publicUrl when set) and the address the socket is bound to. */
export interface Listening {
  url: string;
  boundTo: string;
}

export async function listenOrExplain(app: INestApplication, config: VigieConfig): Promise<Listening> {
  try {
    await app.listen(config.http.port, config.http.host);
  } catch (err) {
    await app.close().catch(() => undefined);
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(config.http.port);
    throw err;
  }
  const address = (app.getHttpServer() as { address(): AddressInfo | string | null }).address();
  const port = address && typeof address === 'object' ? address.port : config.http.port;
  const host = config.http.host;
  // Bound to every interface, the machine itself is the address that always works for the one who started it.
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return { url: (config.http.publicUrl ?? `http://${shown}:${port}`).replace(/\/$/, ''), boundTo: `${host.includes(':') ? `[${host}]` : host}:${port}` };
}
