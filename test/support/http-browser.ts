/**
 * A browser's cookie handling over plain fetch, for end-to-end tests of redirect flows: redirects are not followed (the
 * test follows them, step by step), and cookies are kept per origin and sent back on paths under their Path, until
 * a Set-Cookie expires them (Expires in the past or Max-Age <= 0), as a browser would.
 */
export interface BrowserResponse {
  status: number;
  /** The Location header, resolved against the request's URL. */
  location: string | undefined;
  /** The raw Set-Cookie lines of the answer. */
  setCookies: string[];
  headers: Headers;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: unknown;
}

interface StoredCookie {
  value: string;
  path: string;
}

export class HttpBrowser {
  private readonly jars = new Map<string, Map<string, StoredCookie>>();

  get(url: string, headers: Record<string, string> = {}): Promise<BrowserResponse> {
    return this.request('GET', url, headers);
  }

  post(url: string, headers: Record<string, string> = {}, body?: string): Promise<BrowserResponse> {
    return this.request('POST', url, headers, body);
  }

  /** The value of a cookie kept for an origin (any path), if any. */
  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(new URL(origin).origin)?.get(name)?.value;
  }

  async request(method: string, url: string, headers: Record<string, string> = {}, body?: string): Promise<BrowserResponse> {
    const target = new URL(url);
    const cookie = this.cookieHeader(target);
    const response = await fetch(target, {
      method,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...headers },
      body,
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) this.store(target, line);
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const location = response.headers.get('location');
    return { status: response.status, location: location ? new URL(location, target).href : undefined, setCookies, headers: response.headers, text, json };
  }

  private cookieHeader(target: URL): string {
    const jar = this.jars.get(target.origin);
    if (!jar) return '';
    return [...jar]
      .filter(([, c]) => target.pathname === c.path || target.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  private store(target: URL, line: string): void {
    const [pair, ...attributes] = line.split(';').map((p) => p.trim());
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq);
    const value = pair!.slice(eq + 1);
    let path = '/';
    let expired = false;
    for (const attribute of attributes) {
      const [key, val = ''] = attribute.split('=');
      const k = key!.toLowerCase();
      if (k === 'path') path = val || '/';
      if (k === 'expires' && Date.parse(val) <= Date.now()) expired = true;
      if (k === 'max-age' && Number(val) <= 0) expired = true;
    }
    const jar = this.jars.get(target.origin) ?? new Map<string, StoredCookie>();
    this.jars.set(target.origin, jar);
    if (expired) jar.delete(name);
    else jar.set(name, { value, path });
  }
}
