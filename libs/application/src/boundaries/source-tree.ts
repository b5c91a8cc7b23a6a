import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** TypeScript sources by repository-relative path, parsed (syntax only: no type checking, so the whole tree reads in a second or two). */
export class SourceTree {
  private readonly files = new Map<string, ts.SourceFile>();

  /** `texts`: file contents by repository-relative path (`libs/access/src/index.ts`). */
  constructor(texts: Iterable<[string, string]>) {
    for (const [path, text] of texts) this.files.set(path, ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS));
  }

  /** The sources of the repository at `root`: apps, libs, scripts and test, without node_modules, dist and .d.ts files. */
  static read(root: string, folders: readonly string[] = ['apps', 'libs', 'scripts', 'test']): SourceTree {
    const texts = new Map<string, string>();
    for (const folder of folders) collect(root, join(root, folder), texts);
    return new SourceTree(texts);
  }

  /** Repository-relative paths, with `/` separators, sorted. */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  file(path: string): ts.SourceFile | undefined {
    return this.files.get(path);
  }

  /** The file a relative specifier (`./x.js`, `../y/index.js`) names from `from`, as TypeScript's nodenext resolves it. */
  resolveRelative(from: string, specifier: string): string | undefined {
    const base = posix.join(posix.dirname(from), specifier);
    const stem = base.replace(/\.js$/, '');
    return [`${stem}.ts`, `${base}/index.ts`, base].find((p) => this.files.has(p));
  }
}

function collect(root: string, dir: string, into: Map<string, string>): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(root, path, into);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) into.set(relative(root, path).split(sep).join('/'), readFileSync(path, 'utf8'));
  }
}
