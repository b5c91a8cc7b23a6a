import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { BerReader, BerWriter } from 'ldapts';
import { LdapConnection, LdapResultError } from './ldap-connection.js';
import { decodeMessage, messageLength, pagedResultsCookie } from './ldap-response.decoder.js';

// A loopback server that speaks just enough LDAP for the client under test, and sends its answers in
// small slices so that messages straddle socket reads. The integration tests use slapd and Samba.

type Attr = [string, Array<string | Buffer>];

function message(id: number, write: (w: BerWriter) => void, controls?: (w: BerWriter) => void): Buffer {
  const w = new BerWriter();
  w.startSequence();
  w.writeInt(id);
  write(w);
  if (controls) {
    w.startSequence(0xa0);
    controls(w);
    w.endSequence();
  }
  w.endSequence();
  return w.buffer;
}

function entry(id: number, dn: string, attributes: Attr[]): Buffer {
  return message(id, (w) => {
    w.startSequence(0x64);
    w.writeString(dn);
    w.startSequence();
    for (const [type, values] of attributes) {
      w.startSequence();
      w.writeString(type);
      w.startSequence(0x31);
      for (const v of values) {
        if (typeof v === 'string') w.writeString(v);
        else w.writeBuffer(v, 0x04);
      }
      w.endSequence();
      w.endSequence();
    }
    w.endSequence();
    w.endSequence();
  });
}

function result(id: number, op: number, code: number, diagnostic = '', cookie?: Buffer): Buffer {
  return message(
    id,
    (w) => {
      w.startSequence(op);
      w.writeEnumeration(code);
      w.writeString('');
      w.writeString(diagnostic);
      w.endSequence();
    },
    cookie === undefined
      ? undefined
      : (w) => {
          w.startSequence();
          w.writeString('1.2.840.113556.1.4.319');
          const value = new BerWriter();
          value.startSequence();
          value.writeInt(0);
          value.writeBuffer(cookie, 0x04);
          value.endSequence();
          w.writeBuffer(value.buffer, 0x04);
          w.endSequence();
        },
  );
}

/** The message id and operation tag of a request. */
function request(buf: Buffer): { id: number; op: number } {
  const r = new BerReader(buf);
  r.readSequence();
  const id = r.readInt()!;
  return { id, op: r.peek()! };
}

async function serve(
  answer: (req: { id: number; op: number; page: number }) => Buffer[] | 'silent' | 'close',
  slice = 7,
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let page = 0;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    let pending = Buffer.alloc(0);
    socket.on('data', async (data) => {
      pending = Buffer.concat([pending, data]);
      for (;;) {
        const length = messageLength(pending, 0);
        if (length < 0) break;
        const req = request(pending.subarray(0, length));
        pending = pending.subarray(length);
        if (req.op === 0x42) continue; // unbind
        const reply = answer({ ...req, page: req.op === 0x63 ? page++ : page });
        if (reply === 'silent') continue;
        if (reply === 'close') {
          socket.destroy();
          return;
        }
        const bytes = Buffer.concat(reply);
        for (let i = 0; i < bytes.length; i += slice) {
          socket.write(bytes.subarray(i, i + slice));
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const spec = { base: 'dc=acme,dc=test', scope: 'sub' as const, filter: '(objectClass=*)', attributes: ['*'] };

describe(LdapConnection.name, () => {
  it('binds, then reads a paged search whose messages straddle socket reads, next page asked at once', async () => {
    const guid = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    const server = await serve(({ id, op, page }) => {
      if (op === 0x60) return [result(id, 0x61, 0)];
      if (page === 0) {
        return [
          entry(id, 'uid=a,dc=acme,dc=test', [
            ['objectClass', ['top', 'inetOrgPerson']],
            ['CN', ['Hélène']],
            ['objectGUID', [guid]],
            ['empty', []],
          ]),
          message(id, (w) => {
            w.startSequence(0x73);
            w.writeString('ldap://other/dc=config');
            w.endSequence();
          }),
          result(id, 0x65, 0, '', Buffer.from('next')),
        ];
      }
      return [entry(id, 'uid=b,dc=acme,dc=test', [['description', [Buffer.from([0xff, 0xfe])]]]), result(id, 0x65, 0, '', Buffer.alloc(0))];
    });
    const conn = await LdapConnection.open('127.0.0.1', server.port, { timeoutMs: 2000 });
    try {
      await conn.bind('cn=admin,dc=acme,dc=test', 'secret');
      const batches = [];
      for await (const batch of conn.pagedSearch(spec, 1)) batches.push(...batch);
      expect(batches.map((b) => b.entry)).toEqual([
        // Names lower-cased, binary attributes as Buffers, attributes without values left out.
        { dn: 'uid=a,dc=acme,dc=test', attributes: { objectclass: ['top', 'inetOrgPerson'], cn: ['Hélène'], objectguid: [guid] } },
        // Bytes that are not UTF-8 stay bytes.
        { dn: 'uid=b,dc=acme,dc=test', attributes: { description: [Buffer.from([0xff, 0xfe])] } },
      ]);
    } finally {
      conn.close();
      await server.close();
    }
  });

  it('fails a refused bind with the result code and the diagnostic, as the error mapper reads them', async () => {
    const server = await serve(({ id }) => [result(id, 0x61, 49, '80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 52e, v4563')]);
    const conn = await LdapConnection.open('127.0.0.1', server.port, { timeoutMs: 2000 });
    try {
      const err = await conn.bind('cn=x', 'wrong').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LdapResultError);
      expect(err).toMatchObject({ code: 49, message: expect.stringContaining('data 52e') });
    } finally {
      conn.close();
      await server.close();
    }
  });

  it('fails a search when the server closes the connection mid-page, and when it goes silent', async () => {
    const closing = await serve(({ id, op }) => (op === 0x60 ? [result(id, 0x61, 0)] : 'close'));
    const conn = await LdapConnection.open('127.0.0.1', closing.port, { timeoutMs: 2000 });
    try {
      await conn.bind('cn=x', 'pw');
      const err = await (async () => {
        for await (const _ of conn.pagedSearch(spec, 10)) {
          // nothing arrives
        }
      })().catch((e: unknown) => e);
      expect((err as Error).message).toMatch(/^Connection closed before message response was received/);
    } finally {
      conn.close();
      await closing.close();
    }

    const silent = await serve(() => 'silent');
    const quiet = await LdapConnection.open('127.0.0.1', silent.port, { timeoutMs: 200 });
    try {
      await expect(quiet.bind('cn=x', 'pw')).rejects.toThrow(/^Bind: Operation timed out$/);
    } finally {
      quiet.close();
      await silent.close();
    }
  });
});

describe('LDAP response decoding', () => {
  it('finds complete messages only, and reads results, controls and multi-byte integers', () => {
    const done = result(5, 0x65, 4, 'size limit', Buffer.from([1, 2, 3]));
    expect(messageLength(done.subarray(0, done.length - 1), 0)).toBe(-1);
    expect(messageLength(done, 0)).toBe(done.length);
    const decoded = decodeMessage(done, 0, done.length);
    expect(decoded).toMatchObject({ kind: 'result', id: 5, op: 0x65, result: { code: 4, diagnostic: 'size limit' } });
    if (decoded.kind !== 'result') throw new Error('expected a result');
    expect(pagedResultsCookie(decoded.controls)).toEqual(Buffer.from([1, 2, 3]));
    // BER integers are two's complement: a result code or id over 127 takes a leading zero byte.
    const big = result(300, 0x65, 130);
    expect(decodeMessage(big, 0, big.length)).toMatchObject({ id: 300, result: { code: 130 } });
  });

  it('marks entries that carry a ranged attribute, for the reader to complete', () => {
    const ranged = entry(1, 'cn=g', [['member;range=0-1499', ['cn=a', 'cn=b']]]);
    expect(decodeMessage(ranged, 0, ranged.length)).toMatchObject({
      kind: 'entry',
      ranged: true,
      entry: { attributes: { 'member;range=0-1499': ['cn=a', 'cn=b'] } },
    });
    const plain = entry(1, 'cn=g', [['member', ['cn=a']]]);
    expect(decodeMessage(plain, 0, plain.length)).toMatchObject({ ranged: false });
  });

  it('names attributes right when entries list them in other orders and spellings (names are remembered by position)', () => {
    const decode = (attributes: Attr[]) => {
      const bytes = entry(1, 'cn=x', attributes);
      const decoded = decodeMessage(bytes, 0, bytes.length);
      return decoded.kind === 'entry' ? decoded.entry.attributes : null;
    };
    expect(
      decode([
        ['cn', ['a']],
        ['sn', ['b']],
        ['objectGUID', [Buffer.from([0xff, 0])]],
      ]),
    ).toEqual({ cn: ['a'], sn: ['b'], objectguid: [Buffer.from([0xff, 0])] });
    expect(
      decode([
        ['sn', ['c']],
        ['CN', ['d']],
        ['objectClass', ['top']],
      ]),
    ).toEqual({ sn: ['c'], cn: ['d'], objectclass: ['top'] });
    expect(
      decode([
        ['sn', ['e']],
        ['cn', ['f']],
        ['member;range=0-1', ['g']],
      ]),
    ).toEqual({ sn: ['e'], cn: ['f'], 'member;range=0-1': ['g'] });
  });
});
