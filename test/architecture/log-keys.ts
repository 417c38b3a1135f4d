// The checker that holds every log call and child logger of the product code to the catalogue in
// common/log-fields.ts (test/architecture/log-fields.test.ts): an object literal passed to
// `.info/.warn/.error/.debug/.log/.child(...)` names its fields as `[LOG.x]` only.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { LOG } from '../../common/log-fields.ts';

const LOG_METHODS = new Set(['info', 'warn', 'error', 'debug', 'log', 'child']);

/** Every key of a log call in `source` that is not a catalogue constant, as `file:line: why`. */
export function logKeyViolations(file: string, source: string): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const violations: string[] = [];
  const report = (node: ts.Node, why: string): void => {
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
    violations.push(`${file}:${line}: ${why}`);
  };
  const visit = (node: ts.Node): void => {
    if (isLogCall(node)) {
      for (const argument of node.arguments) checkArgument(argument, sourceFile, report);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return violations;
}

/** The violations of every .ts file under the given folders (relative to root). */
export function logKeyViolationsIn(root: string, folders: readonly string[]): string[] {
  return folders.flatMap((folder) =>
    fs
      .readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => `${folder}/${file.split(path.sep).join('/')}`)
      .flatMap((file) => logKeyViolations(file, fs.readFileSync(path.join(root, file), 'utf8'))),
  );
}

function isLogCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const { name, expression } = node.expression;
  return LOG_METHODS.has(name.text) && !(ts.isIdentifier(expression) && expression.text === 'console');
}

type Report = (node: ts.Node, why: string) => void;

function checkArgument(argument: ts.Expression, sourceFile: ts.SourceFile, report: Report): void {
  const literal = ts.isIdentifier(argument) ? objectLiteralNamed(argument.text, sourceFile) : argument;
  if (literal) checkFields(literal, report);
}

/** An object literal, or the branches of `cond && {…}` / `cond ? {…} : {…}` and parentheses around them. */
function checkFields(expression: ts.Expression, report: Report): void {
  if (ts.isParenthesizedExpression(expression)) return checkFields(expression.expression, report);
  if (ts.isConditionalExpression(expression)) {
    checkFields(expression.whenTrue, report);
    return checkFields(expression.whenFalse, report);
  }
  if (ts.isBinaryExpression(expression)) return checkFields(expression.right, report);
  if (!ts.isObjectLiteralExpression(expression)) return;
  for (const property of expression.properties) {
    if (ts.isSpreadAssignment(property)) checkSpread(property, report);
    else if (!isCatalogueKey(property)) report(property, `log field '${property.name?.getText() ?? '?'}' is not a LOG constant`);
  }
}

function checkSpread(spread: ts.SpreadAssignment, report: Report): void {
  const inner = spread.expression;
  const unwrapped = ts.isParenthesizedExpression(inner) ? inner.expression : inner;
  if (ts.isObjectLiteralExpression(unwrapped) || ts.isConditionalExpression(unwrapped) || ts.isBinaryExpression(unwrapped)) {
    return checkFields(unwrapped, report);
  }
  report(spread, `spread '${inner.getText()}' in a log call: spell its fields as [LOG.x]`);
}

function isCatalogueKey(property: ts.ObjectLiteralElementLike): boolean {
  if (!ts.isPropertyAssignment(property) || !ts.isComputedPropertyName(property.name)) return false;
  const key = property.name.expression;
  return (
    ts.isPropertyAccessExpression(key) &&
    ts.isIdentifier(key.expression) &&
    key.expression.text === 'LOG' &&
    Object.hasOwn(LOG, key.name.text)
  );
}

/** `const fields = {…}` in the same file: a log call given `fields` is held to the same rule. */
function objectLiteralNamed(name: string, sourceFile: ts.SourceFile): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name && node.initializer) {
      if (ts.isObjectLiteralExpression(node.initializer)) found = node.initializer;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
