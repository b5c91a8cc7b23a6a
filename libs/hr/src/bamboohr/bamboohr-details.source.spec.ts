import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isVigieError } from '#vigie/common';
import { BambooHrDetailsSource } from './bamboohr-details.source.js';

/** BambooHR's API played by a local server (a third-party SaaS: no test reaches the real one). */
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe(BambooHrDetailsSource.name, () => {
  let server: Server;
  let handler: Handler;
  let seen: IncomingMessage[];
  let sut: BambooHrDetailsSource;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req);
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    sut = new BambooHrDetailsSource({ companyDomain: 'acme', apiKey: 'the-api-key', apiUrl: `http://127.0.0.1:${port}`, timeoutMs: 1000 });
  });
  beforeEach(() => (seen = []));
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const answer =
    (status: number, body: unknown): Handler =>
    (_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };

  async function kindOf(call: Promise<unknown>): Promise<string> {
    try {
      await call;
    } catch (e) {
      if (isVigieError(e)) return e.kind;
      throw e;
    }
    return 'none';
  }

  it('asks Get Employee for Vigie\'s fields with the key as Basic user and "x" as password, and maps the answer', async () => {
    handler = answer(200, {
      id: '123',
      firstName: 'Élodie',
      lastName: 'de La Fontaine',
      workEmail: 'elodie.delafontaine@acme.test',
      department: 'Finance',
      division: 'Nord',
      jobTitle: 'Comptable',
      supervisorEId: '17',
      location: 'Lyon',
      employmentHistoryStatus: 'Contractor',
      status: 'Active',
      hireDate: '2027-01-04',
      terminationDate: '0000-00-00',
    });
    expect(await sut.fetch('bamboohr', '123')).toEqual({
      employeeId: '123',
      firstName: 'Élodie',
      lastName: 'de La Fontaine',
      mail: 'elodie.delafontaine@acme.test',
      department: 'Finance',
      title: 'Comptable',
      managerEmployeeId: '17',
      site: 'Lyon',
      employeeType: 'contractor',
      startDate: '2027-01-04',
      endDate: null,
    });
    const [req] = seen;
    const url = new URL(req.url!, 'http://x');
    expect(url.pathname).toBe('/api/gateway.php/acme/v1/employees/123/');
    expect(url.searchParams.get('fields')!.split(',')).toEqual(expect.arrayContaining(['firstName', 'supervisorEId', 'terminationDate', 'status']));
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from('the-api-key:x').toString('base64')}`);
    expect(req.headers.accept).toBe('application/json');
  });

  it.each([
    [401, 'configuration'],
    [403, 'configuration'],
    [404, 'not-found'],
    [429, 'unavailable'],
    [500, 'unavailable'],
    [503, 'unavailable'],
  ])('turns an answer %i into %s', async (status, kind) => {
    handler = answer(status, { error: 'x' });
    expect(await kindOf(sut.fetch('bamboohr', '123'))).toBe(kind);
  });

  it('is unavailable when the API does not answer in time, or answers what is not JSON', async () => {
    handler = () => {};
    expect(await kindOf(sut.fetch('bamboohr', '123'))).toBe('unavailable');
    server.closeAllConnections();
    handler = answer(200, '<html>maintenance</html>');
    expect(await kindOf(sut.fetch('bamboohr', '123'))).toBe('unavailable');
  });

  it('is unavailable when nothing listens, and never follows a redirect with the key', async () => {
    const closed = new BambooHrDetailsSource({ companyDomain: 'acme', apiKey: 'k', apiUrl: 'http://127.0.0.1:9', timeoutMs: 1000 });
    expect(await kindOf(closed.fetch('bamboohr', '1'))).toBe('unavailable');
    handler = (_req, res) => {
      res.writeHead(302, { location: 'http://evil.example/' });
      res.end();
    };
    expect(await kindOf(sut.fetch('bamboohr', '123'))).toBe('unavailable');
    expect(seen).toHaveLength(1);
  });

  it('asks nothing for an id that is not a BambooHR id, nor for events of another source', async () => {
    expect(await kindOf(sut.fetch('bamboohr', '../admin'))).toBe('not-found');
    expect(await kindOf(sut.fetch('scim', '123'))).toBe('configuration');
    expect(seen).toHaveLength(0);
  });
});
