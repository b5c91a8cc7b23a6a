import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';

/**
 * Turns an LDIF file into lines, streaming, whatever its encoding: UTF-8 (with or without BOM),
 * or UTF-16 with a BOM as `ldifde` writes on Windows. Lines end with LF, CRLF or a lone CR; the
 * line endings are not part of the yielded lines.
 */
export async function* readLines(file: string, signal?: AbortSignal): AsyncGenerator<string> {
  let pending = '';
  for await (const text of decodeFile(file, signal)) {
    pending += text;
    let start = 0;
    // Positions of the next LF and CR, searched again only once passed: files without CR
    // (most) must not be rescanned to the end for every line.
    let lf = pending.indexOf('\n');
    let cr = pending.indexOf('\r');
    for (;;) {
      if (lf >= 0 && lf < start) lf = pending.indexOf('\n', start);
      if (cr >= 0 && cr < start) cr = pending.indexOf('\r', start);
      if (lf < 0 && cr < 0) break;
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        // A CR at the very end of this chunk may be the first half of a CRLF split across chunks.
        if (cr === pending.length - 1) break;
        yield pending.slice(start, cr);
        start = pending[cr + 1] === '\n' ? cr + 2 : cr + 1;
      } else {
        yield pending.slice(start, lf);
        start = lf + 1;
      }
    }
    pending = pending.slice(start);
  }
  if (pending.endsWith('\r')) pending = pending.slice(0, -1);
  if (pending !== '') yield pending;
}

/** Decodes the file's bytes to text chunks, choosing the encoding from its BOM. */
async function* decodeFile(file: string, signal?: AbortSignal): AsyncGenerator<string> {
  const stream = createReadStream(file, { signal, highWaterMark: 256 * 1024 });
  let decoder: TextDecoder | undefined;
  let head = Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (!decoder) {
      // The BOM is at most 3 bytes: wait for them before choosing.
      head = Buffer.concat([head, chunk]);
      if (head.length < 3) continue;
      decoder = decoderFor(head);
      yield decoder.decode(head, { stream: true });
      continue;
    }
    yield decoder.decode(chunk, { stream: true });
  }
  if (!decoder) {
    decoder = decoderFor(head);
    yield decoder.decode(head, { stream: true });
  }
  yield decoder.decode();
}

/** The decoder for the BOM at the start of `head`; the decoder drops the BOM itself. */
export function decoderFor(head: Uint8Array): TextDecoder {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be');
  // Fatal: a Latin-1 or otherwise non-UTF-8 file must fail, not turn accents into U+FFFD.
  return new TextDecoder('utf-8', { fatal: true });
}
