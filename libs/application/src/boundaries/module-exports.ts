import ts from 'typescript';
import type { SourceTree } from './source-tree.js';

/**
 * The names a module exports, following `export *` and `export { x } from` through relative paths: what another
 * library can import from an entry point such as libs/access/src/index.ts.
 */
export function exportedNames(tree: SourceTree, path: string, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(path)) return names;
  seen.add(path);
  const file = tree.file(path);
  if (!file) throw new Error(`${path} is not a TypeScript source of the repository`);
  for (const statement of file.statements) {
    if (ts.isExportDeclaration(statement)) {
      const from = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
      if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const e of statement.exportClause.elements) names.add(e.name.text);
      } else if (statement.exportClause && ts.isNamespaceExport(statement.exportClause)) {
        names.add(statement.exportClause.name.text);
      } else if (from) {
        // export * from './x.js': everything x exports but its default.
        const target = from.startsWith('.') ? tree.resolveRelative(path, from) : undefined;
        if (!target) throw new Error(`${path}: cannot follow export * from '${from}' (only relative modules of the repository are followed)`);
        for (const name of exportedNames(tree, target, seen)) if (name !== 'default') names.add(name);
      }
      continue;
    }
    if (ts.isExportAssignment(statement)) {
      names.add('default');
      continue;
    }
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    if (!modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) names.add('default');
    else if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) addBindingNames(d.name, names);
    else if ('name' in statement && statement.name && ts.isIdentifier(statement.name as ts.Node)) names.add((statement.name as ts.Identifier).text);
  }
  return names;
}

function addBindingNames(name: ts.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) into.add(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBindingNames(element.name, into);
}
