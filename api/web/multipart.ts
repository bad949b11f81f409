/**
 * Just enough multipart/form-data for one file upload form (the woning CSV
 * import): text fields and file contents as UTF-8 strings. The body is read
 * with a size limit before this runs.
 */
export function parseMultipart(body: Buffer, contentType: string): Record<string, string> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) throw new Error('multipart boundary missing');
  const delimiter = Buffer.from(`--${b}`);
  const out: Record<string, string> = {};
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length, next);
    start = next;
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd === -1) continue;
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (!name) continue;
    // The part ends with CRLF before the next delimiter.
    let content = part.subarray(headerEnd + 4);
    if (content.length >= 2 && content[content.length - 2] === 13 && content[content.length - 1] === 10)
      content = content.subarray(0, content.length - 2);
    out[name] = content.toString('utf8');
  }
  return out;
}
