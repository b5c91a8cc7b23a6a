import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkCrossReferences } from './loader/cross-reference-checks.js';
import { IssueCollector } from './loader/issue-collector.js';
import { assemblePolicy } from './loader/policy-assembler.js';
import { type ParsedDocument, parsePolicyDocument } from './loader/policy-document-parser.js';
import { listPolicyFiles } from './loader/policy-files.js';
import type { Policy } from './policy.types.js';
import type { VersionedFile } from './policy-version.js';
import { POLICY_KINDS } from './schema/policy-kinds.js';

/**
 * Loads and validates the policy directory. Throws PolicyValidationError listing every issue in every file (not
 * just the first), with file, line and column, so `vigie policy validate` is one round trip for the author.
 */
export async function loadPolicy(dir: string): Promise<Policy> {
  const root = resolve(dir);
  const { files, strays } = await listPolicyFiles(root);
  const issues = new IssueCollector();
  const folders = POLICY_KINDS.map(({ folder }) => `${folder}/`).join(', ');
  for (const stray of strays) {
    issues.add(stray, { line: 0, column: 0 }, [], `not in a policy folder, so it would never be loaded; move it under ${folders} (or name it *_test.yaml)`);
  }

  const loaded: VersionedFile[] = await Promise.all(
    files.map(async (file) => ({ path: file.path, bytes: await readFile(file.absolutePath) })),
  );
  const documents: ParsedDocument[] = [];
  files.forEach((file, index) => {
    const document = parsePolicyDocument(file, loaded[index].bytes, issues);
    if (document) documents.push(document);
  });
  checkCrossReferences(documents, issues);
  issues.throwIfAny();
  return assemblePolicy(root, loaded, documents);
}
