/**
 * User-defined data as Authing's UserDefinedData carries it: `value` is always a string and
 * `dataType` tells authing-js-sdk's convertUdv how to read it back (JSON.parse for NUMBER, BOOLEAN
 * and OBJECT, `new Date(parseInt(value))` for DATETIME, as-is for STRING).
 *
 * Authing types each key by a field defined beforehand in the console. The emulator has no console,
 * so a value's type is taken from the value itself; this keeps what the SDK sends (`JSON.stringify(value)`)
 * and what it reads back the same JavaScript value.
 */
export type UdfDataType = 'STRING' | 'NUMBER' | 'DATETIME' | 'BOOLEAN' | 'OBJECT';

export interface TypedUdv {
  dataType: UdfDataType;
  value: string;
}

/** Exactly what `Date.prototype.toJSON` produces: such a string is taken for the Date it came from. */
const DATE_JSON = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Types a JavaScript value (from a parsed `customData` list, or a parsed setUdv value). */
export function typedUdv(value: unknown): TypedUdv {
  if (typeof value === 'string') {
    if (DATE_JSON.test(value) && !Number.isNaN(Date.parse(value))) return { dataType: 'DATETIME', value: String(Date.parse(value)) };
    return { dataType: 'STRING', value };
  }
  if (typeof value === 'number' && Number.isFinite(value)) return { dataType: 'NUMBER', value: String(value) };
  if (typeof value === 'boolean') return { dataType: 'BOOLEAN', value: String(value) };
  return { dataType: 'OBJECT', value: JSON.stringify(value ?? null) };
}

/**
 * Types the `value` string of setUdv / setUdvBatch: the SDK sends JSON; a client that sends a bare
 * string (not JSON) gets it stored as a STRING unchanged.
 */
export function typedUdvFromWire(value: string): TypedUdv {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { dataType: 'STRING', value };
  }
  return typedUdv(parsed);
}

/** The JavaScript value a stored UserDefinedData stands for: what authing-js-sdk's convertUdv reads back. */
export function plainUdv(row: { dataType: string; value: string }): unknown {
  switch (row.dataType) {
    case 'STRING':
      return row.value;
    case 'DATETIME':
      return new Date(Number(row.value)).toISOString();
    default:
      return JSON.parse(row.value) as unknown;
  }
}
