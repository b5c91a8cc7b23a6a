import type { INestApplication } from '@nestjs/common';
import { type Vigie, createVigie } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { createHttpApp } from '../../apps/api/src/create-http-app.js';
import { BAMBOOHR_CONFIG, BAMBOOHR_ENV } from './bamboohr.js';
import { createTestDatabase } from './database.js';
import { HR_WEBHOOK_SECRET } from './hr-webhook.js';
import { publishedFileFor, trailKeyEnv } from './trail.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

export interface CompanyApi {
  /** Initialised, not listening. */
  app: INestApplication;
  /** The Vigie the API runs on. */
  vigie: Vigie;
  /** Tokens of a security officer and of an auditor. */
  officer: string;
  auditor: string;
  /** Closes the API and drops its database. */
  close(): Promise<void>;
}

/**
 * The API on a throw-away PostgreSQL database, with the company's directory (LDIF) synchronised and audited once;
 * `more` adds environment variables and configuration (sign-in settings, say); `audited: false` leaves it unsynchronised and unaudited.
 */
export async function startCompanyApi(
  more: { env?: Record<string, string>; overrides?: Record<string, unknown>; audited?: boolean } = {},
): Promise<CompanyApi> {
  const db = await createTestDatabase();
  let app: INestApplication | undefined;
  const close = async () => {
    await app?.close();
    await db.drop();
  };
  try {
    const config = loadConfig({
      env: { DATABASE_URL: db.url, VIGIE_HR_WEBHOOK_SECRET: HR_WEBHOOK_SECRET, ...BAMBOOHR_ENV, ...trailKeyEnv(), ...more.env },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        directories: [{ name: 'corp', kind: 'ldif', file: fixture('ldif/ok/openldap-company.ldif') }],
        policy: { dir: fixture('policies/ok/company') },
        trail: { publish: { file: publishedFileFor(db.url) } },
        hr: { bamboohr: BAMBOOHR_CONFIG },
        ...more.overrides,
      },
    });
    const vigie = createVigie(config);
    app = await createHttpApp(vigie, { withWorker: false });
    await app.init();
    if (more.audited !== false) {
      await vigie.run('sync-directories', {});
      await vigie.run('run-audit', {});
    }
    const officer = (await vigie.run('create-token', { name: 'officer', role: 'security-officer' })).token;
    const auditor = (await vigie.run('create-token', { name: 'auditor', role: 'auditor' })).token;
    return { app, vigie, officer, auditor, close };
  } catch (err) {
    await close();
    throw err;
  }
}
