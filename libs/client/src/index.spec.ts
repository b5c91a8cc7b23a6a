import { createVigieClient } from './index.js';

describe(createVigieClient.name, () => {
  const answering = (body: unknown, seen: Request[]) => async (request: Request) => {
    seen.push(request);
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };

  it('sends the token as a bearer token to the base URL, with the parameters in the path and query', async () => {
    const seen: Request[] = [];
    const sut = createVigieClient({ baseUrl: 'https://vigie.example.org', token: 'vig_abc', fetch: answering({ entries: [], nextCursor: null }, seen) });
    const { data } = await sut.GET('/api/resources/{id}/access', { params: { path: { id: 'share finance' }, query: { limit: 5 } } });
    expect(data).toEqual({ entries: [], nextCursor: null });
    expect(seen.map((r) => [r.method, r.url, r.headers.get('authorization')])).toEqual([
      ['GET', 'https://vigie.example.org/api/resources/share%20finance/access?limit=5', 'Bearer vig_abc'],
    ]);
  });

  it('sends no Authorization header without a token (/health)', async () => {
    const seen: Request[] = [];
    await createVigieClient({ baseUrl: 'http://localhost:3000', fetch: answering({ status: 'ok' }, seen) }).GET('/health/live');
    expect(seen[0].headers.has('authorization')).toBe(false);
  });
});
