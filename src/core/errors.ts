/**
 * Numbered errors, one place for all of them (spaCy's errors.py is the model). The CLI and server
 * print `slant: E<code> <message>` on one line; nothing else about an error reaches the user.
 */
export const E = {
  // input (1xx)
  EMPTY_INPUT: 101,
  BINARY_INPUT: 102,
  INPUT_TOO_LARGE: 103,
  BAD_ENCODING: 104,
  FILE_NOT_FOUND: 105,
  BAD_JSON: 106,
  URL_FAILED: 107,
  URL_FORBIDDEN: 108,
  NO_TEXT_IN_HTML: 109,
  BAD_ARGUMENT: 110,
  /** A library caller passed a value of the wrong type (analyze(5), a title object, a bad date). */
  BAD_INPUT: 111,
  // pipeline (2xx)
  PIPELINE_ORDER: 201,
  UNKNOWN_COMPONENT: 202,
  COMPONENT_CONTRACT: 203,
  MODEL_LOAD: 204,
  // data / evaluation (3xx)
  BAD_DATA_FILE: 301,
  BAD_LABEL_LINE: 302,
  // storage / server (4xx)
  STORAGE: 401,
  NOT_FOUND: 404,
  BAD_REQUEST: 410,
  UNAUTHORIZED: 411,
  READ_ONLY: 412,
  TIMEOUT: 413,
  METHOD_NOT_ALLOWED: 414,
  UNSUPPORTED_MEDIA: 415,
  BUSY: 416,
  UNAVAILABLE: 417,
} as const;

export type ErrorCode = (typeof E)[keyof typeof E];

export class SlantError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'SlantError';
    this.code = code;
  }
  /** The one-line form printed to users. */
  line(): string {
    return `E${this.code} ${this.message}`;
  }
}

export function fail(code: ErrorCode, message: string): never {
  throw new SlantError(code, message);
}

/** One line for any thrown value: our own errors keep their code, anything else is labelled internal. */
export function errorLine(err: unknown): string {
  if (err instanceof SlantError) return err.line();
  const msg = err instanceof Error ? err.message : String(err);
  return `E999 internal error: ${msg.split('\n')[0]}`;
}
