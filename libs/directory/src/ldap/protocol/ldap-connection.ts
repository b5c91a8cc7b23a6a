import { type Socket, connect as netConnect } from 'node:net';
import { type ConnectionOptions, connect as tlsConnect } from 'node:tls';
import {
  AddRequest,
  type Attribute,
  BindRequest,
  DeleteRequest,
  type Change,
  type Control,
  ExtendedRequest,
  type Filter,
  FilterParser,
  ModifyDNRequest,
  ModifyRequest,
  PagedResultsControl,
  SearchRequest,
  UnbindRequest,
} from 'ldapts';
import type { DirectoryEntry } from '../../directory-entry.js';
import { type LdapResponse, type LdapResult, Op, decodeMessage, frameLength, messageLength, pagedResultsCookie } from './ldap-response.decoder.js';

/**
 * The LDAP operations a read needs, on one connection: connect (LDAPS or plain), StartTLS, simple
 * bind, and searches, paged or not, several in flight at once (a ranged attribute is fetched while
 * the next page is already on its way). Requests are encoded with ldapts' message classes;
 * responses are decoded here, straight into DirectoryEntry (see ldap-response.decoder.ts), because
 * that is where a large read spends its time.
 *
 * Failures are what the error mapper understands: LdapResultError (a numeric result code), Node's
 * socket and TLS errors (string codes), "Connection timeout", "...: Operation timed out" and
 * "Connection closed before message response was received".
 */

/** A response whose result code is not success. */
export class LdapResultError extends Error {
  constructor(
    readonly code: number,
    diagnostic: string,
    readonly matchedDn: string,
  ) {
    super(diagnostic || `LDAP result ${code}`);
    this.name = 'LdapResultError';
  }
}

export interface SearchSpec {
  base: string;
  scope: 'base' | 'one' | 'sub';
  /** RFC 4515 text, or a filter object (needed for binary values: see the reader's GUID filters). */
  filter: string | Filter;
  attributes: string[];
  controls?: Control[];
}

export interface SearchPage {
  entries: Array<{ entry: DirectoryEntry; ranged: boolean }>;
  references: string[];
  /** Empty when this was the last page. */
  cookie: Buffer;
}

interface Pending {
  what: string;
  onResponse: (response: LdapResponse) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const START_TLS_OID = '1.3.6.1.4.1.1466.20037';
const EMPTY = Buffer.alloc(0);

export class LdapConnection {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Bytes of a message not complete yet, in the order received. */
  private partial: Buffer[] = [];
  private partialLength = 0;
  /** The length of the message being completed, once its header is in (-1 before). */
  private needed = -1;
  private failure: Error | null = null;
  private readonly onData = (chunk: Buffer) => this.receive(chunk);
  private readonly onError = (error: Error) => this.failAll(error);
  private readonly onClose = () => this.failAll(new Error('Connection closed before message response was received'));

  private constructor(
    private socket: Socket,
    private readonly timeoutMs: number,
  ) {
    this.attach();
  }

  /** Opens a TCP (or, with `tls`, a TLS) connection to host:port. */
  static open(host: string, port: number, options: { timeoutMs: number; tls?: ConnectionOptions }): Promise<LdapConnection> {
    return new Promise((resolve, reject) => {
      const socket = options.tls ? tlsConnect({ ...options.tls, host, port }) : netConnect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error('Connection timeout'));
      }, options.timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      socket.once('error', fail);
      socket.once(options.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.removeListener('error', fail);
        resolve(new LdapConnection(socket, options.timeoutMs));
      });
    });
  }

  /** Upgrades the connection to TLS (RFC 4511 §4.14). */
  async startTls(options: ConnectionOptions): Promise<void> {
    await this.result(new ExtendedRequest({ messageId: this.id(), oid: START_TLS_OID }), 'StartTLS');
    this.detach();
    const plain = this.socket;
    this.socket = await new Promise<Socket>((resolve, reject) => {
      const secure = tlsConnect({ ...options, socket: plain });
      const timer = setTimeout(() => {
        secure.destroy();
        reject(new Error('StartTLS: Operation timed out'));
      }, this.timeoutMs);
      secure.once('error', (error) => {
        clearTimeout(timer);
        plain.destroy();
        reject(error);
      });
      secure.once('secureConnect', () => {
        clearTimeout(timer);
        secure.removeAllListeners('error');
        resolve(secure);
      });
    });
    this.attach();
  }

  async bind(dn: string, password: string): Promise<void> {
    await this.result(new BindRequest({ messageId: this.id(), dn, password }), 'Bind');
  }

  /** Adds an entry (RFC 4511 §4.7). */
  async add(dn: string, attributes: Attribute[]): Promise<void> {
    await this.result(new AddRequest({ messageId: this.id(), dn, attributes }), 'Add');
  }

  /** Applies changes to one entry, all or none (RFC 4511 §4.6). */
  async modify(dn: string, changes: Change[]): Promise<void> {
    await this.result(new ModifyRequest({ messageId: this.id(), dn, changes }), 'Modify');
  }

  /** Deletes a leaf entry (RFC 4511 §4.8). */
  async delete(dn: string): Promise<void> {
    await this.result(new DeleteRequest({ messageId: this.id(), dn }), 'Delete');
  }

  /** Renames or moves an entry (RFC 4511 §4.9); the old RDN value is removed from the entry. */
  async modifyDn(dn: string, newRdn: string, newSuperior: string): Promise<void> {
    await this.result(new ModifyDNRequest({ messageId: this.id(), dn, newRdn, newSuperior, deleteOldRdn: true }), 'ModifyDN');
  }

  /** An extended operation (RFC 4511 §4.12), such as the password modify of RFC 3062. */
  extended(oid: string, value?: Buffer): Promise<LdapResult> {
    return this.result(new ExtendedRequest({ messageId: this.id(), oid, value }), 'Extended');
  }

  /** One search without paging (a base search of the root DSE or of one entry). */
  async search(spec: SearchSpec): Promise<SearchPage> {
    return this.searchPage(spec, undefined, EMPTY);
  }

  /**
   * A paged search (RFC 2696), in batches of the entries decoded since the caller last asked. The
   * next page is asked for as soon as the current one is complete, so the server prepares it while
   * the caller works; at most about two pages wait here when the caller is slower than the server.
   * Entries are handed over as they are decoded rather than a page at a time: they die young, which
   * keeps the garbage collector's work proportional to what the caller keeps.
   */
  async *pagedSearch(spec: SearchSpec, pageSize: number): AsyncGenerator<Array<{ entry: DirectoryEntry; ranged: boolean }>> {
    let queue: Array<{ entry: DirectoryEntry; ranged: boolean }> = [];
    let done = false;
    let failed: Error | null = null;
    let wake: (() => void) | null = null;
    let deferred: Buffer | null = null;
    const notify = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    const request = (cookie: Buffer) => {
      this.searchPage(spec, pageSize, cookie, (item) => {
        queue.push(item);
        if (queue.length === 1) notify();
      }).then(
        (page) => {
          if (!page.cookie.length) done = true;
          else if (queue.length > pageSize) deferred = page.cookie;
          else request(page.cookie);
          notify();
        },
        (error: Error) => {
          failed = error;
          notify();
        },
      );
    };
    request(EMPTY);
    for (;;) {
      if (queue.length) {
        // Everything decoded so far, at once: one await per socket read rather than per entry.
        const batch = queue;
        queue = [];
        if (deferred) {
          const cookie: Buffer = deferred;
          deferred = null;
          request(cookie);
        }
        yield batch;
        continue;
      }
      if (failed) throw failed;
      if (done) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }

  /** Unbinds (without waiting: the server answers nothing) and closes. */
  close(): void {
    if (!this.failure && !this.socket.destroyed) {
      try {
        this.socket.write(new UnbindRequest({ messageId: this.id() }).write());
      } catch {
        // closing anyway
      }
      this.socket.end();
    }
    this.failure ??= new Error('Connection closed before message response was received');
    this.socket.destroy();
  }

  /** Closes at once, failing what is in flight (an aborted read). */
  destroy(): void {
    this.socket.destroy();
  }

  private searchPage(
    spec: SearchSpec,
    pageSize: number | undefined,
    cookie: Buffer,
    onEntry?: (item: { entry: DirectoryEntry; ranged: boolean }) => void,
  ): Promise<SearchPage> {
    const controls = [...(spec.controls ?? [])];
    if (pageSize) controls.push(new PagedResultsControl({ value: { size: pageSize, cookie } }));
    const request = new SearchRequest({
      messageId: this.id(),
      baseDN: spec.base,
      scope: spec.scope,
      filter: typeof spec.filter === 'string' ? FilterParser.parseString(spec.filter) : spec.filter,
      attributes: spec.attributes,
      // No server-side time limit: this client's own timeout applies between two messages.
      timeLimit: 0,
      sizeLimit: 0,
      controls,
    });
    return new Promise((resolve, reject) => {
      const page: SearchPage = { entries: [], references: [], cookie: EMPTY };
      this.send(request, 'Search', reject, (response) => {
        if (response.kind === 'entry') {
          const item = { entry: response.entry, ranged: response.ranged };
          if (onEntry) onEntry(item);
          else page.entries.push(item);
        } else if (response.kind === 'reference') page.references.push(...response.uris);
        else {
          this.settle(response.id);
          if (response.op !== Op.SEARCH_DONE) reject(new Error(`Search: unexpected response 0x${response.op.toString(16)}`));
          else if (response.result.code !== 0) reject(resultError(response.result));
          else {
            page.cookie = pageSize ? pagedResultsCookie(response.controls) : EMPTY;
            resolve(page);
          }
        }
      });
    });
  }

  private result(request: { messageId: number; write(): Buffer }, what: string): Promise<LdapResult> {
    return new Promise((resolve, reject) => {
      this.send(request, what, reject, (response) => {
        this.settle(response.id);
        if (response.kind !== 'result') reject(new Error(`${what}: unexpected response`));
        else if (response.result.code !== 0) reject(resultError(response.result));
        else resolve(response.result);
      });
    });
  }

  private send(request: { messageId: number; write(): Buffer }, what: string, reject: (error: Error) => void, onResponse: (r: LdapResponse) => void): void {
    if (this.failure) {
      reject(this.failure);
      return;
    }
    const timer = setTimeout(() => {
      this.settle(request.messageId);
      reject(new Error(`${what}: Operation timed out`));
      // A server that stops answering one operation is not trusted with the others.
      this.socket.destroy();
    }, this.timeoutMs);
    this.pending.set(request.messageId, { what, onResponse, reject, timer });
    this.socket.write(request.write());
  }

  private settle(id: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(id);
  }

  private receive(chunk: Buffer): void {
    let pos = 0;
    try {
      if (this.partialLength) {
        // A message began in an earlier chunk: finish it with the head of this one, copying only
        // that message's bytes; the rest of the chunk is decoded in place.
        if (this.needed < 0) {
          const head = Buffer.concat([...this.partial, chunk.subarray(0, 6)]);
          this.needed = frameLength(head, 0);
          if (this.needed < 0) {
            this.partial.push(chunk);
            this.partialLength += chunk.length;
            return;
          }
        }
        const missing = this.needed - this.partialLength;
        if (chunk.length < missing) {
          this.partial.push(chunk);
          this.partialLength += chunk.length;
          return;
        }
        const message = Buffer.concat([...this.partial, chunk.subarray(0, missing)], this.needed);
        this.partial = [];
        this.partialLength = 0;
        this.needed = -1;
        this.dispatch(decodeMessage(message, 0, message.length));
        pos = missing;
      }
      for (;;) {
        const length = messageLength(chunk, pos);
        if (length < 0) break;
        this.dispatch(decodeMessage(chunk, pos, length));
        pos += length;
      }
      if (pos < chunk.length) {
        this.partial = [chunk.subarray(pos)];
        this.partialLength = chunk.length - pos;
        this.needed = frameLength(chunk, pos);
      }
    } catch (error) {
      this.failAll(error as Error);
      this.socket.destroy();
    }
  }

  private dispatch(response: LdapResponse): void {
    if (response.id === 0) {
      // An unsolicited notification: the server is ending the session (RFC 4511 §4.4.1).
      const diagnostic = response.kind === 'result' ? response.result.diagnostic : '';
      this.failAll(new Error(`Connection closed before message response was received (the server ended the session${diagnostic ? `: ${diagnostic}` : ''})`));
      this.socket.destroy();
      return;
    }
    const pending = this.pending.get(response.id);
    if (!pending) return;
    // The timeout counts silence, not the length of a large page.
    pending.timer.refresh();
    pending.onResponse(response);
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.reject(error);
    }
  }

  private attach(): void {
    this.socket.on('data', this.onData);
    this.socket.on('error', this.onError);
    this.socket.on('close', this.onClose);
  }

  private detach(): void {
    this.socket.removeListener('data', this.onData);
    this.socket.removeListener('error', this.onError);
    this.socket.removeListener('close', this.onClose);
  }

  private id(): number {
    const id = this.nextId;
    this.nextId = id >= 0x7fffffff ? 1 : id + 1;
    return id;
  }
}

function resultError(result: LdapResult): LdapResultError {
  return new LdapResultError(result.code, result.diagnostic, result.matchedDn);
}
