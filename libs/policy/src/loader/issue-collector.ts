import { type PolicyIssue, PolicyValidationError } from '../policy-validation.error.js';
import { formatPath } from './zod-issue-messages.js';
import type { PathSegment, Position } from './yaml-locator.js';

/** Gathers issues across all files so the author sees every problem at once, in a stable order. */
export class IssueCollector {
  private readonly issues: PolicyIssue[] = [];

  add(file: string, position: Position, path: readonly PathSegment[], message: string): void {
    this.issues.push({ file, line: position.line, column: position.column, path: formatPath(path), message });
  }

  get size(): number {
    return this.issues.length;
  }

  /** Every issue, sorted by file and position. */
  list(): PolicyIssue[] {
    return [...this.issues].sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.path, b.path));
  }

  throwIfAny(): void {
    if (this.issues.length > 0) throw new PolicyValidationError(this.list());
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
