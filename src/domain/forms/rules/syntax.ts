// The rule language as text, for the editor and spreadsheets (XLSForm's `relevant` and `constraint`
// columns): parsed by hand into the Condition tree, never evaluated as code. `printCondition` writes
// the text back so that parsing it gives the same tree.
//
//   reason = 'hilang'                          maritalStatus in ('kawin', 'cerai-hidup')
//   age(dateOfBirth) < 17                      nikBirthDate(nik) = dateOfBirth
//   nikSex(motherNik) = 'perempuan'            answered(fatherNik) and not (reason = 'rusak')
//
// Fields are named by key (or XLSForm's ${key}); `.` is the field the rule is written on.
import { type Comparison, Condition, type Expr, type Literal } from './condition.ts';

export type SyntaxErrorCode =
  | 'syntax.empty'
  | 'syntax.unexpected'
  | 'syntax.unterminatedString'
  | 'syntax.expectedComparison'
  | 'syntax.expectedField'
  | 'syntax.expectedValue'
  | 'syntax.expectedClose'
  | 'syntax.thisField'
  | 'syntax.invalid';

export type SyntaxError = { code: SyntaxErrorCode; params: { at: number; found: string } };
export type ParseResult = { ok: true; condition: Condition } | { ok: false; error: SyntaxError };

type Token =
  /** A name; `braced` when written ${name}, which is never a keyword. */
  | { kind: 'ident'; text: string; braced: boolean; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'op'; text: string; at: number }
  | { kind: 'end'; at: number };

/** Function names, matched without regard to case. */
const FUNCTIONS = new Map<string, Exclude<Expr['fn'], 'value' | 'answer'>>([
  ['age', 'age'],
  ['nikbirthdate', 'nikBirthDate'],
  ['niksex', 'nikSex'],
]);
const COMPARISON_TOKENS: Record<string, Comparison> = {
  '=': 'eq',
  '==': 'eq',
  '!=': 'ne',
  '<>': 'ne',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
};
/** Words of the syntax: a field with one of these keys is written ${key}. */
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false']);
const COMPARISON_TEXT: Record<Comparison, string> = { eq: '=', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' };
const MAX_TEXT = 2000;

class ParseFailure extends Error {
  constructor(readonly error: SyntaxError) {
    super(error.code);
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (code: SyntaxErrorCode, at: number): never => {
    throw new ParseFailure({ code, params: { at: at + 1, found: text.slice(at, at + 12) } });
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const at = i;
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) fail('syntax.unterminatedString', at);
      tokens.push({ kind: 'string', value: text.slice(i + 1, end), at });
      i = end + 1;
      continue;
    }
    const number = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/i.exec(text.slice(i));
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), at });
      i += number[0].length;
      continue;
    }
    const ident = /^(?:\$\{([A-Za-z][A-Za-z0-9]*)\}|([A-Za-z][A-Za-z0-9]*))/.exec(text.slice(i));
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[1] ?? ident[2]!, braced: ident[1] !== undefined, at });
      i += ident[0].length;
      continue;
    }
    const op = /^(?:==|!=|<>|<=|>=|[=<>(),.])/.exec(text.slice(i));
    if (op) {
      tokens.push({ kind: 'op', text: op[0], at });
      i += op[0].length;
      continue;
    }
    fail('syntax.unexpected', at);
  }
  tokens.push({ kind: 'end', at: text.length });
  return tokens;
}

/**
 * Parses a condition. `self` is the key `.` stands for (a constraint's own field); without it `.` is
 * an error. The result is also checked against the Condition schema (sizes, quotes, depth).
 */
export function parseCondition(text: string, self?: string): ParseResult {
  if (text.trim() === '') return { ok: false, error: { code: 'syntax.empty', params: { at: 1, found: '' } } };
  if (text.length > MAX_TEXT)
    return { ok: false, error: { code: 'syntax.invalid', params: { at: MAX_TEXT, found: '' } } };
  try {
    const parser = new Parser(tokenize(text), text, self);
    const condition = parser.condition();
    parser.expectEnd();
    const checked = Condition.safeParse(condition);
    if (!checked.success) {
      return {
        ok: false,
        error: { code: 'syntax.invalid', params: { at: 1, found: checked.error.issues[0]?.message ?? '' } },
      };
    }
    return { ok: true, condition: checked.data };
  } catch (err) {
    if (err instanceof ParseFailure) return { ok: false, error: err.error };
    throw err;
  }
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
    private readonly self: string | undefined,
  ) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    return this.tokens[this.i++]!;
  }
  private fail(code: SyntaxErrorCode, token = this.peek()): never {
    throw new ParseFailure({ code, params: { at: token.at + 1, found: this.text.slice(token.at, token.at + 12) } });
  }
  private isWord(word: string, token = this.peek()): boolean {
    return token.kind === 'ident' && !token.braced && token.text.toLowerCase() === word;
  }
  private isOp(text: string, token = this.peek()): boolean {
    return token.kind === 'op' && token.text === text;
  }
  private expectOp(text: string): void {
    if (!this.isOp(text)) this.fail(text === ')' ? 'syntax.expectedClose' : 'syntax.unexpected');
    this.i++;
  }

  expectEnd(): void {
    if (this.peek().kind !== 'end') this.fail('syntax.unexpected');
  }

  condition(): Condition {
    return this.logical('or', () => this.logical('and', () => this.negation()));
  }

  private logical(word: 'and' | 'or', operand: () => Condition): Condition {
    const first = operand();
    const of = [first];
    while (this.isWord(word)) {
      this.i++;
      of.push(operand());
    }
    return of.length === 1 ? first : { op: word, of };
  }

  private negation(): Condition {
    if (this.isWord('not')) {
      this.i++;
      return { op: 'not', of: this.negation() };
    }
    if (this.isOp('(')) {
      this.i++;
      const inner = this.condition();
      this.expectOp(')');
      return inner;
    }
    if (this.isWord('answered') && this.isOp('(', this.tokens[this.i + 1])) {
      this.i += 2;
      const field = this.fieldName();
      this.expectOp(')');
      return { op: 'answered', field };
    }
    return this.comparison();
  }

  private comparison(): Condition {
    const left = this.expr();
    const token = this.peek();
    if (this.isWord('in')) {
      this.i++;
      this.expectOp('(');
      const values = [this.literal()];
      while (this.isOp(',')) {
        this.i++;
        values.push(this.literal());
      }
      this.expectOp(')');
      return { op: 'in', left, values };
    }
    const op = token.kind === 'op' ? COMPARISON_TOKENS[token.text] : undefined;
    if (!op) this.fail('syntax.expectedComparison');
    this.i++;
    return { op, left, right: this.expr() };
  }

  private expr(): Expr {
    const token = this.peek();
    if (token.kind === 'ident' && (token.braced || !KEYWORDS.has(token.text.toLowerCase()))) {
      const fn = token.braced ? undefined : FUNCTIONS.get(token.text.toLowerCase());
      if (fn && this.isOp('(', this.tokens[this.i + 1])) {
        this.i += 2;
        const field = this.fieldName();
        this.expectOp(')');
        return { fn, field };
      }
      return { fn: 'answer', field: this.fieldName() };
    }
    if (this.isOp('.')) return { fn: 'answer', field: this.fieldName() };
    return { fn: 'value', value: this.literal() };
  }

  private fieldName(): string {
    const token = this.next();
    if (token.kind === 'op' && token.text === '.') {
      if (!this.self) this.fail('syntax.thisField', token);
      return this.self;
    }
    if (token.kind !== 'ident' || !/^[a-z][a-zA-Z0-9]*$/.test(token.text)) this.fail('syntax.expectedField', token);
    return token.text;
  }

  private literal(): Literal {
    const token = this.next();
    if (token.kind === 'string' || token.kind === 'number') return token.value;
    if (this.isWord('true', token)) return true;
    if (this.isWord('false', token)) return false;
    return this.fail('syntax.expectedValue', token);
  }
}

const printLiteral = (v: Literal): string => (typeof v === 'string' ? `'${v}'` : String(v));

const printField = (key: string) => (KEYWORDS.has(key.toLowerCase()) ? `\${${key}}` : key);

function printExpr(e: Expr): string {
  return e.fn === 'value'
    ? printLiteral(e.value)
    : e.fn === 'answer'
      ? printField(e.field)
      : `${e.fn}(${printField(e.field)})`;
}

/** The text of a condition, in the syntax parseCondition reads: parse(print(c)) gives c back. */
export function printCondition(c: Condition): string {
  const nested = (inner: Condition) =>
    inner.op === 'and' || inner.op === 'or' ? `(${printCondition(inner)})` : printCondition(inner);
  switch (c.op) {
    case 'and':
    case 'or':
      return c.of.map(nested).join(` ${c.op} `);
    case 'not':
      return `not ${nested(c.of)}`;
    case 'answered':
      return `answered(${printField(c.field)})`;
    case 'in':
      return `${printExpr(c.left)} in (${c.values.map(printLiteral).join(', ')})`;
    default:
      return `${printExpr(c.left)} ${COMPARISON_TEXT[c.op]} ${printExpr(c.right)}`;
  }
}
