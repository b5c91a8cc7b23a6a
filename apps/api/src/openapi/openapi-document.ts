import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/**
 * `Findings_list`; Nest names the second path of a route with two (`@Get(['ready', ''])`) `ready[1]`, which generated
 * clients cannot use as a name: `Health_ready_1`.
 */
const operationIdFactory = (controller: string, method: string) =>
  `${controller.replace(/Controller$/, '')}_${method.replace(/\[(\d+)\]$/, (_, i: string) => (i === '0' ? '' : `_${i}`))}`;

/**
 * The OpenAPI document of the API, read from the controllers' decorators. The same function builds the document the
 * running API serves at /api/docs-json and the one `npm run openapi` commits to docs/openapi.json.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Vigie')
    .setDescription('Identity and access governance for Active Directory and OpenLDAP. Every route but /health and sign-in needs a bearer token or a session.')
    .setVersion('0.1.0')
    // Vigie's API tokens are opaque random strings looked up by their digest, not JWTs: no bearerFormat.
    .addSecurity('bearer', {
      type: 'http',
      scheme: 'bearer',
      description: 'An API token (vig_…), opaque: create one with `vigie token create --role auditor|security-officer|admin`.',
    })
    // A person's web session: the HTTP-only cookie set by POST /api/auth/sign-in (or the OIDC callback), with the
    // X-CSRF-Token header on every state-changing request.
    .addCookieAuth(
      '__Host-vigie_session',
      { type: 'apiKey', in: 'cookie', description: 'The session cookie set at sign-in (vigie_session over plain http).' },
      'session',
    )
    .build();
  return SwaggerModule.createDocument(app, config, { operationIdFactory });
}

/** The document as docs/openapi.json holds it: two-space JSON and a final newline, so that diffs read well. */
export function serializeOpenApiDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
