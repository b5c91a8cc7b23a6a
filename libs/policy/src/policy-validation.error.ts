/** One thing wrong with a policy, located in its file (line and column start at 1; 0 when the whole file is meant). */
export interface PolicyIssue {
  file: string;
  line: number;
  column: number;
  /** Where in the document, e.g. `resources[2].grants.write`; empty for syntax and file-level errors. */
  path: string;
  message: string;
}

/** Thrown by the loader with every issue it found, so an author fixes them all in one pass. */
export class PolicyValidationError extends Error {
  readonly errors: readonly PolicyIssue[];

  constructor(errors: readonly PolicyIssue[]) {
    super(errors.map(formatPolicyIssue).join('\n'));
    this.name = 'PolicyValidationError';
    this.errors = errors;
  }
}

/** `file:line:col  path: message`, the shape editors and CI logs turn into links. */
export function formatPolicyIssue(issue: PolicyIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  return `${where}  ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}
