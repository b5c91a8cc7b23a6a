import type { ApiTokenRecord } from '../api-token.model.js';

export abstract class ApiTokenStore {
  abstract insert(token: { name: string; role: string; tokenHash: string; expiresAt: Date | null }): Promise<ApiTokenRecord>;
  abstract findByHash(tokenHash: string): Promise<ApiTokenRecord | null>;
  abstract list(): Promise<ApiTokenRecord[]>;
  abstract revoke(id: string): Promise<boolean>;
}
