import { resolve } from 'node:path';
import { checkCrossReferences } from './loader/cross-reference-checks.js';
import { checkAgainstDirectory, type DirectoryFacts } from './loader/directory-warnings.js';
import { IssueCollector } from './loader/issue-collector.js';
import { assemblePolicy } from './loader/policy-assembler.js';
import { type ParsedDocument, parsePolicyDocument } from './loader/policy-document-parser.js';
import { classifyPolicyPaths, type PolicyFileListing, readPolicyDirectory } from './loader/policy-files.js';
import type { KnownGroups } from './policy-references.js';
import type { Policy } from './policy.types.js';
import type { VersionedFile } from './policy-version.js';
import { POLICY_KINDS } from './schema/policy-kinds.js';

/**
 * Loads and validates the policy directory. Throws PolicyValidationError listing every issue in every file (not
 * just the first), with file, line and column, so `vigie policy validate` is one round trip for the author.
 */
export interface LoadPolicyOptions {
  /** Also check every group the policy names against the synchronised directories, as `vigie policy validate` does. */
  knownGroups?: KnownGroups;
  /** Also warn about conditions no account can meet and inventory entries for accounts that do not exist (Policy.warnings). */
  directoryFacts?: DirectoryFacts;
}

export async function loadPolicy(dir: string, options: LoadPolicyOptions = {}): Promise<Policy> {
  return (await loadPolicyWithFiles(dir, options)).policy;
}

/** The same, with the exact bytes of the files it was made from (to store them: PolicyStore). */
export async function loadPolicyWithFiles(dir: string, options: LoadPolicyOptions = {}): Promise<{ policy: Policy; files: VersionedFile[] }> {
  const root = resolve(dir);
  const { listing, files } = await readPolicyDirectory(root);
  return { policy: validateAndAssemble(root, listing, files, options), files };
}

/**
 * The same from files held in memory (a git tree, the policy store): `origin` says where they come from, in messages
 * and in `Policy.dir`. Paths are relative and `/`-separated; test suites and non-YAML files among them are left out.
 */
export function loadPolicyFromFiles(origin: string, files: readonly VersionedFile[], options: LoadPolicyOptions = {}): Policy {
  const listing = classifyPolicyPaths(
    files.map(({ path }) => path),
    origin,
  );
  const byPath = new Map(files.map((file) => [file.path, file]));
  return validateAndAssemble(
    origin,
    listing,
    listing.files.map(({ path }) => byPath.get(path)!),
    options,
  );
}

function validateAndAssemble(origin: string, listing: PolicyFileListing, files: readonly VersionedFile[], options: LoadPolicyOptions): Policy {
  const issues = new IssueCollector();
  const folders = POLICY_KINDS.map(({ folder }) => `${folder}/`).join(', ');
  for (const stray of listing.strays) {
    issues.add(stray, { line: 0, column: 0 }, [], `not in a policy folder, so it would never be loaded; move it under ${folders} (or name it *_test.yaml)`);
  }
  const documents: ParsedDocument[] = [];
  listing.files.forEach((file, index) => {
    const document = parsePolicyDocument(file, files[index].bytes, issues);
    if (document) documents.push(document);
  });
  checkCrossReferences(documents, issues, options.knownGroups);
  issues.throwIfAny();
  const policy = assemblePolicy(origin, files, documents);
  if (options.directoryFacts) {
    const warnings = new IssueCollector();
    checkAgainstDirectory(documents, options.directoryFacts, warnings);
    policy.warnings = warnings.list();
  }
  return policy;
}
