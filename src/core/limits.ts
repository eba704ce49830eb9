/**
 * Every size limit on untrusted input, in one place (CLI, library, server and web read these).
 * Bigger input is refused with a one-line error, never truncated silently.
 */

/** Text analysed in one document (UTF-16 code units, i.e. JavaScript string length). */
export const MAX_TEXT = 5_000_000;

/** HTML given inline (JSON `html`, the server's body): pages carry markup around the text. */
export const MAX_HTML = 2 * MAX_TEXT;

/** Bytes read for one document: a file, standard input, a fetched page (after gunzip). */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;
