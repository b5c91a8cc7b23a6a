import ts from 'typescript';

/** One place a file imports or re-exports a module, with the names it takes from it. */
export interface ImportSite {
  file: string;
  line: number;
  specifier: string;
  /** Names taken from the module; `*` when all of it is re-exported. */
  names: string[];
  /**
   * Set when the syntax does not tell which names are used (the module object returned by a helper, passed
   * around...): why. `names` then holds every identifier and property name of the file, an upper bound.
   */
  unreadable?: string;
}

/**
 * Every import of a module in a file: static imports, re-exports, `import('x').T` types, and dynamic `import('x')`
 * whose result is awaited and then destructured or read a property of (directly, through `Promise.all([...])`, or
 * through a `const load = () => import('x')` helper). Any other use of a module object is marked unreadable and
 * counts every name the file mentions, so that a check built on this never takes a used name for an unused one.
 */
export function importSites(file: ts.SourceFile): ImportSite[] {
  const sites: ImportSite[] = [];
  const site = (node: ts.Node, specifier: string, uses: Uses) =>
    sites.push({
      file: file.fileName,
      line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1,
      specifier,
      ...(uses.unreadable ? { names: identifiersOf(file), unreadable: uses.unreadable } : { names: uses.names }),
    });
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      site(node, node.moduleSpecifier.text, importClauseUses(file, node.importClause));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      site(
        node,
        node.moduleSpecifier.text,
        clause && ts.isNamedExports(clause) ? { names: clause.elements.map((e) => (e.propertyName ?? e.name).getText(file)) } : { names: ['*'] },
      );
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      site(node, node.argument.literal.text, node.qualifier ? { names: [leftmost(node.qualifier).text] } : unreadable('typeof import(...) without a name'));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) site(node, arg.text, promiseUses(file, node));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return sites;
}

interface Uses {
  names: string[];
  unreadable?: string;
}

const unreadable = (why: string): Uses => ({ names: [], unreadable: why });

function merge(all: Uses[]): Uses {
  const why = all.find((u) => u.unreadable)?.unreadable;
  return { names: [...new Set(all.flatMap((u) => u.names))], ...(why ? { unreadable: why } : {}) };
}

function importClauseUses(file: ts.SourceFile, clause: ts.ImportClause | undefined): Uses {
  if (!clause) return { names: [] }; // import 'x' for its side effects
  const uses: Uses[] = [];
  if (clause.name) uses.push({ names: ['default'] });
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamedImports(bindings)) uses.push({ names: bindings.elements.map((e) => (e.propertyName ?? e.name).getText(file)) });
  if (bindings && ts.isNamespaceImport(bindings)) uses.push(namespaceUses(file, bindings.name));
  return merge(uses);
}

/** `ns.x` and `ns.T` wherever the namespace `ns` is named in the file. */
function namespaceUses(file: ts.SourceFile, declared: ts.Identifier): Uses {
  const uses: Uses[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node !== declared && node.text === declared.text) {
      const p = node.parent;
      if (ts.isPropertyAccessExpression(p) && p.expression === node) uses.push({ names: [p.name.text] });
      else if (ts.isQualifiedName(p) && p.left === node) uses.push({ names: [p.right.text] });
      else if (!(ts.isPropertyAccessExpression(p) && p.name === node)) uses.push(unreadable(`the module object ${node.text} is used whole`));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return merge(uses);
}

/** What is read from the promise of a module that `node` evaluates to. */
function promiseUses(file: ts.SourceFile, node: ts.Expression): Uses {
  const p = up(node);
  if (ts.isAwaitExpression(p)) return moduleUses(file, p);
  if (ts.isArrowFunction(p) && p.body === outermost(node) && ts.isVariableDeclaration(p.parent) && ts.isIdentifier(p.parent.name)) {
    const helper = p.parent.name;
    const calls: Uses[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === helper.text) calls.push(promiseUses(file, n));
      ts.forEachChild(n, visit);
    };
    visit(file);
    return merge(calls);
  }
  if (ts.isArrayLiteralExpression(p) && ts.isCallExpression(p.parent) && p.parent.expression.getText(file) === 'Promise.all') {
    const awaited = up(p.parent);
    const declaration = awaited.parent;
    if (ts.isAwaitExpression(awaited) && ts.isVariableDeclaration(declaration) && ts.isArrayBindingPattern(declaration.name)) {
      const element = declaration.name.elements[p.elements.indexOf(outermost(node))];
      if (element && ts.isBindingElement(element) && ts.isObjectBindingPattern(element.name)) return bindingUses(file, element.name);
    }
  }
  return unreadable('a dynamic import whose result is neither awaited and destructured nor read a property of');
}

/** What is read from a module object (an awaited dynamic import). */
function moduleUses(file: ts.SourceFile, node: ts.Expression): Uses {
  const p = up(node);
  const at = outermost(node);
  if (ts.isPropertyAccessExpression(p) && p.expression === at) return { names: [p.name.text] };
  if (ts.isVariableDeclaration(p) && p.initializer === at) {
    if (ts.isObjectBindingPattern(p.name)) return bindingUses(file, p.name);
    if (ts.isIdentifier(p.name)) return namespaceUses(file, p.name);
  }
  return unreadable('a module object used whole');
}

function bindingUses(file: ts.SourceFile, pattern: ts.ObjectBindingPattern): Uses {
  if (pattern.elements.some((e) => e.dotDotDotToken)) return unreadable('a rest element takes the whole module');
  return { names: pattern.elements.map((e) => (e.propertyName ?? e.name).getText(file)) };
}

/** The node's parent, past any parentheses around it. */
function up(node: ts.Node): ts.Node {
  return outermost(node).parent;
}

function outermost(node: ts.Node): ts.Expression {
  let n = node;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  return n as ts.Expression;
}

function leftmost(name: ts.EntityName): ts.Identifier {
  return ts.isIdentifier(name) ? name : leftmost(name.left);
}

function identifiersOf(file: ts.SourceFile): string[] {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...names];
}
