import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An OpenID Connect sign-in between the redirect to the provider and its callback: the state, nonce and PKCE verifier
 * kept on the server, under a digest of the browser's binding cookie; taken (deleted) once at the callback.
 */
@Entity('oidc_sign_in')
export class OidcSignInEntity {
  @PrimaryColumn({ name: 'binding_hash', type: 'char', length: 64 })
  bindingHash: string;

  @Column({ type: 'varchar', length: 256 })
  state: string;

  @Column({ type: 'varchar', length: 256 })
  nonce: string;

  @Column({ name: 'code_verifier', type: 'varchar', length: 256 })
  codeVerifier: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
