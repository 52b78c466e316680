/**
 * JSON with the keys of every object sorted, so that the same content gives the
 * same text however it was built or serialized. Keys whose value is undefined
 * are left out, as JSON.stringify leaves them out. The intake hashes this text
 * into a notice's source reference, and those references are stored: the
 * output must never change.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    return `{${Object.keys(object)
      .sort()
      .filter((key) => object[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
