// What ServiceProviderConfig announces and the SCIM routes hold to, and where they are served.

/** The most operations one Bulk request holds (bulk.maxOperations). */
export const SCIM_MAX_OPERATIONS = 100;
/** The largest SCIM body, in bytes (bulk.maxPayloadSize): the API's parser of application/scim+json takes no larger. */
export const SCIM_MAX_PAYLOAD_BYTES = 1_048_576;
/** The most users one page holds (filter.maxResults). */
export const SCIM_MAX_RESULTS = 200;

/** Where /scim/v2 is served: under http.publicUrl, or a path on the host the client called when it is not set. */
export function scimBaseUrl(publicUrl: string | undefined): string {
  return `${(publicUrl ?? '').replace(/\/+$/, '')}/scim/v2`;
}
