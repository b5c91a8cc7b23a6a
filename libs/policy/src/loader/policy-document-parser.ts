import { posix } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { kindByName, type PolicyKind, POLICY_KINDS } from '../schema/policy-kinds.js';
import type { PolicyFile } from './policy-files.js';
import { IssueCollector } from './issue-collector.js';
import { yamlData } from './yaml-data.js';
import { YamlLocator } from './yaml-locator.js';
import { describeZodIssues } from './zod-issue-messages.js';

export interface ParsedDocument {
  file: PolicyFile;
  kind: PolicyKind;
  /** As written, for cross-file checks that should still run when this file has errors. */
  raw: Record<string, unknown>;
  /** The schema's output (validated, defaults applied); undefined when the file has errors. */
  data?: unknown;
  locator: YamlLocator;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses and validates one file, reporting every issue it finds. Returns the document whenever its YAML parsed and its
 * kind fits its folder, even if invalid, so that cross-file checks still run on it.
 */
export function parsePolicyDocument(file: PolicyFile, bytes: Uint8Array, issues: IssueCollector): ParsedDocument | undefined {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    issues.add(file.path, { line: 0, column: 0 }, [], 'not valid UTF-8 text');
    return undefined;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  // After the first syntax error the parser's later ones are mostly echoes of it.
  const [syntaxError] = doc.errors;
  if (syntaxError) {
    const position = syntaxError.linePos?.[0] ?? { line: 0, col: 0 };
    issues.add(file.path, { line: position.line, column: position.col }, [], syntaxMessage(syntaxError.message));
    return undefined;
  }
  const data = yamlData(doc, lines);
  if ('problem' in data) {
    issues.add(file.path, data.problem.at, [], data.problem.message);
    return undefined;
  }
  const raw = data.value;
  const locator = new YamlLocator(doc, lines);
  const kind = resolveKind(file, raw, locator, issues);
  if (!kind) return undefined;

  const result = kind.schema.safeParse(raw, { reportInput: true });
  if (result.error) {
    for (const { path, target, message } of describeZodIssues(result.error.issues)) {
      issues.add(file.path, locator.locate(path, target), path, message);
    }
  }
  return { file, kind, raw: raw as Record<string, unknown>, data: result.data, locator };
}

/** Checks kind, folder and `$schema` before the schema, whose errors would be noise for a file in the wrong place. */
function resolveKind(file: PolicyFile, raw: unknown, locator: YamlLocator, issues: IssueCollector): PolicyKind | undefined {
  const expected = file.folderKind;
  if (raw === null || raw === undefined) {
    issues.add(file.path, { line: 0, column: 0 }, [], `empty file; expected a ${expected.kind} document`);
    return undefined;
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    issues.add(file.path, locator.locate([]), [], `expected a mapping with apiVersion and kind at the top`);
    return undefined;
  }
  const { kind: name, $schema: schemaPath } = raw as Record<string, unknown>;
  const kind = kindByName(name);
  const at = locator.locate(['kind']);
  if (name === undefined) {
    issues.add(file.path, at, ['kind'], `missing required field "kind" (expected ${expected.kind} in ${expected.folder}/)`);
    return undefined;
  }
  if (!kind) {
    const known = POLICY_KINDS.map((candidate) => candidate.kind).join(', ');
    issues.add(file.path, at, ['kind'], `unknown kind ${JSON.stringify(name)}; expected one of: ${known}`);
    return undefined;
  }
  if (kind !== expected) {
    issues.add(file.path, at, ['kind'], `a ${kind.kind} belongs in ${kind.folder}/, this file is in ${expected.folder}/ (which holds ${expected.kind})`);
    return undefined;
  }
  if (typeof schemaPath === 'string' && posix.basename(schemaPath.replaceAll('\\', '/')) !== kind.schemaFile) {
    issues.add(file.path, locator.locate(['$schema']), ['$schema'], `points to ${schemaPath}; expected a path to ${kind.schemaFile}`);
  }
  return kind;
}

/** yaml's messages end with the position and a code excerpt; the position is already in the issue. */
export function syntaxMessage(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
