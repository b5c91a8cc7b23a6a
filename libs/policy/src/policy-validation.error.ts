import { VigieError } from '#vigie/common';

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
export class PolicyValidationError extends VigieError {
  readonly errors: readonly PolicyIssue[];

  /** `heading` says which policy when there are several (`the candidate policy main:policies is invalid:`). */
  constructor(errors: readonly PolicyIssue[], heading?: string) {
    const lines = errors.map(formatPolicyIssue);
    super('invalid-input', heading ? [heading, ...lines.map((line) => `  ${line}`)].join('\n') : lines.join('\n'), { details: lines });
    this.errors = errors;
  }
}

/** A policy that could not be read at all (a git ref that does not exist, a repository missing): not a content error. */
export class PolicyLoadError extends VigieError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('not-found', message, options);
  }
}

/** `file:line:col  path: message`, the shape editors and CI logs turn into links. */
export function formatPolicyIssue(issue: PolicyIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  const what = `${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
  // "." stands for the policy directory itself (it is missing, or not a directory): the message names it.
  return where === '.' ? what : `${where}  ${what}`;
}
