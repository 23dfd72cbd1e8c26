// A broken template must stop the start with its file and line, phrased for the person who
// edited it. Handlebars reports errors three ways: the parser's "Parse error on line N:" with a
// caret drawing, the compiler's exception with a lineNumber and a " - 3:3" suffix, and runtime
// errors (a missing partial, a helper given the wrong value) with no position at all.

import { ConfigError } from '../config/env.js';

const PARSER_ERROR = /^(Parse|Lexical) error on line (\d+)[:.]?/;

interface Located {
  line?: number;
  detail: string;
}

function locate(error: unknown): Located {
  const message = error instanceof Error ? error.message : String(error);
  const parser = PARSER_ERROR.exec(message);
  if (parser) {
    // The last line says what was expected and what was found; the caret drawing adds nothing here.
    const lines = message.split('\n');
    const found = lines.length > 1 ? lines[lines.length - 1]! : 'Unrecognized text';
    return { line: Number(parser[2]), detail: `${parser[1]} error: ${found}` };
  }
  const lineNumber = error instanceof Error ? (error as Error & { lineNumber?: unknown }).lineNumber : undefined;
  const detail = message.replace(/ - \d+:\d+$/, '');
  return typeof lineNumber === 'number' ? { line: lineNumber, detail } : { detail };
}

/** "templates: ./custom/initial.client.slack.hbs line 3: Parse error: …". */
export function templateError(file: string, error: unknown): ConfigError {
  const { line, detail } = locate(error);
  return new ConfigError(`templates: ${file}${line !== undefined ? ` line ${line}` : ''}: ${detail}`);
}
