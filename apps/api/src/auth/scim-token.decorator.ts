import { SetMetadata } from '@nestjs/common';

export const SCIM_TOKEN = 'vigie:scim-token';

/**
 * Opens a route to the SCIM token only (config hr.scim.token): the provisioning client's, which opens nothing else;
 * no API token nor session opens such a route.
 */
export const ScimToken = () => SetMetadata(SCIM_TOKEN, true);
