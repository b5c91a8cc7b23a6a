import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './config.error.js';
import { configSchema, type VigieConfig } from './config.schema.js';
import { ENV_BINDINGS, ENV_DIRECTORY, SECRET_KEYS } from './env-mapping.js';

export interface LoadConfigOptions {
  env?: Record<string, string | undefined>;
  /** Path of a YAML file; defaults to $VIGIE_CONFIG, else ./vigie.yaml when it exists. */
  file?: string;
  /** Values set by the caller (command-line flags, tests); they win over the file and the environment. */
  overrides?: Record<string, unknown>;
  cwd?: string;
  /**
   * Told of what is accepted but unsafe (a password file others may read). By default a line on stderr: the logger is
   * not configured yet when the configuration loads, and the operator starting Vigie is who can fix it.
   */
  onWarning?: (warning: ConfigIssue) => void;
}

type Sources = Map<string, string>;
const DEFAULT_FILE = 'vigie.yaml';
const MAX_ALIAS_COUNT = 100;

// The YAML parser is loaded only when there is a file to read: a command configured by the
// environment alone (a container, the benchmark) starts without it, a tenth of a second sooner.
const requireModule = createRequire(import.meta.url);
let yaml: typeof import('yaml') | undefined;

export function loadConfig(options: LoadConfigOptions = {}): VigieConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const issues: ConfigIssue[] = [];
  const sources: Sources = new Map();
  const raw: Record<string, unknown> = {};

  const file = options.file ?? env.VIGIE_CONFIG ?? (existsSync(resolve(cwd, DEFAULT_FILE)) ? DEFAULT_FILE : undefined);
  if (file) mergeFile(raw, resolve(cwd, file), file, sources, issues);
  mergeEnv(raw, env, sources, issues);
  if (options.overrides) mergeInto(raw, options.overrides, [], 'command line', sources);
  if (issues.length) throw new ConfigError(issues);

  // Parsed once per process: zod's compiled fast path would cost more to build (new Function per object) than it saves.
  const parsed = configSchema.safeParse(raw, { jitless: true });
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => describeIssue(i, raw, sources)));

  const warn = options.onWarning ?? ((w: ConfigIssue) => process.stderr.write(`vigie: warning: ${w.key} (${w.source}): ${w.message}\n`));
  resolveSecrets(parsed.data, env, cwd, sources, issues, warn);
  resolveAlertSecrets(parsed.data, env, sources, issues);
  resolveHrSecrets(parsed.data, env, sources, issues);
  resolveBambooHrSecrets(parsed.data, env, sources, issues);
  if (issues.length) throw new ConfigError(issues);
  return parsed.data;
}

function mergeFile(raw: Record<string, unknown>, path: string, label: string, sources: Sources, issues: ConfigIssue[]): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    issues.push({
      key: '(file)',
      source: label,
      message: `cannot read the configuration file: ${(err as NodeJS.ErrnoException).code ?? err}. Check VIGIE_CONFIG or --config.`,
    });
    return;
  }
  const parser = (yaml ??= requireModule('yaml') as typeof import('yaml'));
  const lines = new parser.LineCounter();
  const doc = parser.parseDocument(text, { lineCounter: lines });
  if (doc.errors.length) {
    for (const e of doc.errors) {
      issues.push({ key: '(syntax)', source: `${label}:${e.linePos?.[0]?.line ?? '?'}`, message: e.message.split('\n')[0] });
    }
    return;
  }
  let value: unknown;
  try {
    // yaml's default limit, said aloud: a configuration has no use for aliases of aliases, a "billion laughs" bomb does.
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    let at = '?';
    parser.visit(doc, {
      Alias(_key, node) {
        at = String(lines.linePos(node.range?.[0] ?? 0).line);
        return parser.visit.BREAK;
      },
    });
    issues.push({
      key: '(syntax)',
      source: `${label}:${at}`,
      message: `aliases of aliases multiply the file beyond ${MAX_ALIAS_COUNT} copies of what they name: write the values out`,
    });
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    issues.push({ key: '(root)', source: label, message: 'expected a mapping of keys (http, database, directories, ...)' });
    return;
  }
  for (const d of (value as { directories?: Array<Record<string, unknown>> }).directories ?? []) {
    if (d && typeof d === 'object' && 'bindPassword' in d) {
      issues.push({
        key: 'directories[].bindPassword',
        source: label,
        message: 'do not write a password in the configuration file: use bindPasswordEnv (name of an environment variable) or bindPasswordFile',
      });
    }
  }
  const trail = (value as { trail?: Record<string, unknown> }).trail;
  for (const k of ['signingKey', 'pseudonymKey']) {
    if (trail && typeof trail === 'object' && k in trail) {
      issues.push({
        key: `trail.${k}`,
        source: label,
        message: `do not write a key in the configuration file: use ${k}File (a file readable by Vigie only) or the environment variable VIGIE_TRAIL_${k === 'signingKey' ? 'SIGNING' : 'PSEUDONYM'}_KEY`,
      });
    }
  }
  const publish = trail && typeof trail === 'object' ? (trail.publish as { webhook?: object } | undefined) : undefined;
  if (publish?.webhook && typeof publish.webhook === 'object' && 'token' in publish.webhook)
    issues.push({
      key: 'trail.publish.webhook.token',
      source: label,
      message: 'do not write a token in the configuration file: use the environment variable VIGIE_TRAIL_PUBLISH_WEBHOOK_TOKEN',
    });
  const alerts = (value as { alerts?: { smtp?: object; webhook?: object } }).alerts;
  if (alerts?.smtp && 'password' in alerts.smtp)
    issues.push({ key: 'alerts.smtp.password', source: label, message: 'do not write a password in the configuration file: use passwordEnv' });
  if (alerts?.webhook && 'secret' in alerts.webhook)
    issues.push({ key: 'alerts.webhook.secret', source: label, message: 'do not write a secret in the configuration file: use secretEnv' });
  const hr = (value as { hr?: { webhook?: object; scim?: object; bamboohr?: object } }).hr;
  for (const k of ['apiKey', 'webhookKey'])
    if (hr?.bamboohr && typeof hr.bamboohr === 'object' && k in hr.bamboohr)
      issues.push({ key: `hr.bamboohr.${k}`, source: label, message: `do not write a key in the configuration file: use ${k}Env` });
  if (hr?.webhook && typeof hr.webhook === 'object' && 'secret' in hr.webhook)
    issues.push({ key: 'hr.webhook.secret', source: label, message: 'do not write a secret in the configuration file: use secretEnv' });
  if (hr?.scim && typeof hr.scim === 'object' && 'token' in hr.scim)
    issues.push({ key: 'hr.scim.token', source: label, message: 'do not write a token in the configuration file: use tokenEnv' });
  const auth = (value as { auth?: { oidc?: object; breakGlass?: object } }).auth;
  if (auth?.oidc && typeof auth.oidc === 'object' && 'clientSecret' in auth.oidc)
    issues.push({
      key: 'auth.oidc.clientSecret',
      source: label,
      message: 'do not write a secret in the configuration file: use the environment variable VIGIE_AUTH_OIDC_CLIENT_SECRET',
    });
  if (auth?.breakGlass && typeof auth.breakGlass === 'object' && 'passwordHash' in auth.breakGlass)
    issues.push({
      key: 'auth.breakGlass.passwordHash',
      source: label,
      message:
        'do not write the break-glass password hash in the configuration file: use passwordHashFile or the environment variable VIGIE_AUTH_BREAK_GLASS_HASH',
    });
  mergeInto(raw, value as Record<string, unknown>, [], label, sources);
}

function mergeEnv(raw: Record<string, unknown>, env: Record<string, string | undefined>, sources: Sources, issues: ConfigIssue[]): void {
  for (const b of ENV_BINDINGS) {
    const v = env[b.env];
    if (v === undefined || v === '') continue;
    const value = coerce(v, b.type);
    if (value === undefined) {
      issues.push({
        key: b.key.join('.'),
        source: `env ${b.env}`,
        message: `expected ${b.type === 'boolean' ? 'true or false' : 'a number'}, got ${JSON.stringify(v)}`,
      });
      continue;
    }
    setPath(raw, b.key, value);
    sources.set(b.key.join('.'), `env ${b.env}`);
  }
  const url = env[ENV_DIRECTORY.url];
  const ldif = env[ENV_DIRECTORY.ldifFile];
  if (!url && !ldif) return;
  const name = env[ENV_DIRECTORY.name] || 'default';
  const directory: Record<string, unknown> = ldif
    ? { name, kind: 'ldif', file: ldif }
    : {
        name,
        kind: env[ENV_DIRECTORY.kind] || 'ldap',
        url,
        baseDn: env[ENV_DIRECTORY.baseDn],
        bindDn: env[ENV_DIRECTORY.bindDn] || undefined,
        bindPasswordEnv: env[ENV_DIRECTORY.bindPassword] ? ENV_DIRECTORY.bindPassword : undefined,
        caFile: env[ENV_DIRECTORY.caFile] || undefined,
        startTls: env[ENV_DIRECTORY.startTls] ? coerce(env[ENV_DIRECTORY.startTls]!, 'boolean') : undefined,
        passwordPolicyDn: env[ENV_DIRECTORY.passwordPolicyDn] || undefined,
      };
  const list = (raw.directories as unknown[] | undefined) ?? [];
  sources.set(`directories.${list.length}`, 'env VIGIE_LDAP_* / VIGIE_LDIF_FILE');
  raw.directories = [...list, stripUndefined(directory)];
}

function resolveSecrets(
  cfg: VigieConfig,
  env: Record<string, string | undefined>,
  cwd: string,
  sources: Sources,
  issues: ConfigIssue[],
  warn: (warning: ConfigIssue) => void,
): void {
  cfg.directories.forEach((d, i) => {
    if (d.kind === 'ldif') return;
    const key = `directories[${i}]`;
    if (d.bindPasswordEnv) {
      const v = env[d.bindPasswordEnv];
      if (v === undefined)
        issues.push({
          key: `${key}.bindPasswordEnv`,
          source: sourceOf(sources, ['directories', String(i)]),
          message: `environment variable ${d.bindPasswordEnv} is not set; set it to the bind password of ${d.bindDn ?? 'the bind account'}`,
        });
      else d.bindPassword = v;
    } else if (d.bindPasswordFile) {
      const path = resolve(cwd, d.bindPasswordFile);
      try {
        d.bindPassword = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
        const exposed = exposure(path);
        if (exposed)
          warn({
            key: `${key}.bindPasswordFile`,
            source: sourceOf(sources, ['directories', String(i)]),
            message: `${d.bindPasswordFile} is readable by ${exposed}: anyone with an account on this machine may read the bind password. Run \`chmod 600 ${d.bindPasswordFile}\` (owned by the account Vigie runs as)`,
          });
      } catch (err) {
        issues.push({
          key: `${key}.bindPasswordFile`,
          source: sourceOf(sources, ['directories', String(i)]),
          message: `cannot read the password file: ${(err as NodeJS.ErrnoException).code ?? err}`,
        });
      }
    }
    if (d.bindDn && d.bindPassword === undefined) {
      issues.push({
        key: `${key}.bindDn`,
        source: sourceOf(sources, ['directories', String(i)]),
        message: 'a bind DN is set but no password: set bindPasswordEnv or bindPasswordFile',
      });
    }
  });
}

/** Who besides the owner may read a secret file: "its group", "others" or both; null when only the owner may. */
function exposure(path: string): string | null {
  // Windows has no such mode bits: Node reports 0o666 for every writable file.
  if (process.platform === 'win32') return null;
  const mode = statSync(path).mode;
  const who = [mode & 0o040 ? 'its group' : '', mode & 0o004 ? 'others' : ''].filter(Boolean);
  return who.length ? who.join(' and ') : null;
}

/**
 * The HR webhook's secret and the SCIM token, from their environment variables. Unset leaves the receiver off (it
 * answers 503 and says which variable to set); set but short is refused: a guessable secret would open account creation.
 */
function resolveHrSecrets(cfg: VigieConfig, env: Record<string, string | undefined>, sources: Sources, issues: ConfigIssue[]): void {
  const { webhook, scim } = cfg.hr;
  const secret = env[webhook.secretEnv];
  if (secret !== undefined && secret.length < 32)
    issues.push({
      key: 'hr.webhook.secretEnv',
      source: sourceOf(sources, ['hr', 'webhook']),
      message: `environment variable ${webhook.secretEnv} holds ${secret.length} characters: the HR webhook secret needs at least 32 (e.g. openssl rand -hex 32)`,
    });
  else if (secret !== undefined) webhook.secret = secret;
  const token = env[scim.tokenEnv];
  if (token !== undefined && token.length < 32)
    issues.push({
      key: 'hr.scim.tokenEnv',
      source: sourceOf(sources, ['hr', 'scim']),
      message: `environment variable ${scim.tokenEnv} holds ${token.length} characters: the SCIM token needs at least 32 (e.g. openssl rand -hex 32)`,
    });
  else if (token !== undefined) scim.token = token;
}

/** BambooHR's API key and webhook private key, both needed once hr.bamboohr is set (they are BambooHR's to generate). */
function resolveBambooHrSecrets(cfg: VigieConfig, env: Record<string, string | undefined>, sources: Sources, issues: ConfigIssue[]): void {
  const bamboohr = cfg.hr.bamboohr;
  if (!bamboohr) return;
  const apiKey = env[bamboohr.apiKeyEnv];
  if (!apiKey)
    issues.push({
      key: 'hr.bamboohr.apiKeyEnv',
      source: sourceOf(sources, ['hr', 'bamboohr']),
      message: `environment variable ${bamboohr.apiKeyEnv} is not set; set it to a BambooHR API key (BambooHR: your name → API Keys) whose user may read employees`,
    });
  else bamboohr.apiKey = apiKey;
  const webhookKey = env[bamboohr.webhookKeyEnv];
  if (!webhookKey)
    issues.push({
      key: 'hr.bamboohr.webhookKeyEnv',
      source: sourceOf(sources, ['hr', 'bamboohr']),
      message: `environment variable ${bamboohr.webhookKeyEnv} is not set; set it to the webhook's private key (BambooHR: Settings → Webhooks → Private Key → Generate)`,
    });
  else bamboohr.webhookKey = webhookKey;
}

function resolveAlertSecrets(cfg: VigieConfig, env: Record<string, string | undefined>, sources: Sources, issues: ConfigIssue[]): void {
  const { smtp, webhook } = cfg.alerts;
  if (smtp?.passwordEnv) {
    if (env[smtp.passwordEnv] === undefined)
      issues.push({
        key: 'alerts.smtp.passwordEnv',
        source: sourceOf(sources, ['alerts', 'smtp']),
        message: `environment variable ${smtp.passwordEnv} is not set; set it to the SMTP password of ${smtp.user ?? 'the relay account'}`,
      });
    else smtp.password = env[smtp.passwordEnv];
  }
  if (webhook?.secretEnv) {
    if (env[webhook.secretEnv] === undefined)
      issues.push({
        key: 'alerts.webhook.secretEnv',
        source: sourceOf(sources, ['alerts', 'webhook']),
        message: `environment variable ${webhook.secretEnv} is not set; set it to the webhook signing secret`,
      });
    else webhook.secret = env[webhook.secretEnv];
  }
}

function describeIssue(issue: z.core.$ZodIssue, raw: Record<string, unknown>, sources: Sources): ConfigIssue {
  const path = issue.path.map(String);
  const key = path.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
  const got = getPath(raw, path);
  let message = issue.message;
  if (issue.code === 'unrecognized_keys')
    message = `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}: check the spelling against the configuration reference in the README`;
  else if (got !== undefined && !SECRET_KEYS.test(key) && typeof got !== 'object') message += `; got ${JSON.stringify(got)}`;
  return { key: key || '(root)', source: sourceOf(sources, path), message };
}

function sourceOf(sources: Sources, path: string[]): string {
  for (let n = path.length; n > 0; n--) {
    const s = sources.get(path.slice(0, n).join('.'));
    if (s) return s;
  }
  return 'default';
}

function mergeInto(target: Record<string, unknown>, value: Record<string, unknown>, path: string[], label: string, sources: Sources): void {
  for (const [k, v] of Object.entries(value)) {
    const p = [...path, k];
    if (v && typeof v === 'object' && !Array.isArray(v) && target[k] && typeof target[k] === 'object' && !Array.isArray(target[k])) {
      mergeInto(target[k] as Record<string, unknown>, v as Record<string, unknown>, p, label, sources);
    } else {
      target[k] = v;
      sources.set(p.join('.'), label);
    }
  }
}

function coerce(v: string, type: 'string' | 'number' | 'boolean'): string | number | boolean | undefined {
  if (type === 'string') return v;
  if (type === 'number') return /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : undefined;
  const s = v.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(s)) return true;
  if (['false', '0', 'no', 'off'].includes(s)) return false;
  return undefined;
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = obj;
  for (const p of path.slice(0, -1)) cur = (cur[p] ??= {}) as Record<string, unknown>;
  cur[path[path.length - 1]] = value;
}

function getPath(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>((cur, p) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined), obj);
}

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
