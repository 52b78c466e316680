import type { VariableValue } from './types.ts';

/** A value as Bokvar hands it to the engine: JSON objects and lists become Json variables. */
export type PlainValue = string | number | boolean | null | Record<string, unknown> | unknown[];

/** Typed process variables for Camunda's REST API (Json needs Spin, which the engine has). */
export function toVariables(values: Record<string, PlainValue>): Record<string, VariableValue> {
  const result: Record<string, VariableValue> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === null) result[name] = { value: null, type: 'Null' };
    else if (typeof value === 'object') result[name] = { value: JSON.stringify(value), type: 'Json' };
    else if (typeof value === 'string') result[name] = { value, type: 'String' };
    else if (typeof value === 'boolean') result[name] = { value, type: 'Boolean' };
    else result[name] = { value, type: Number.isInteger(value) ? 'Long' : 'Double' };
  }
  return result;
}

/**
 * A variable's value as the engine's REST API returns it with
 * `deserializeValues=false`: Json variables arrive as their JSON text and are
 * parsed here; text that is not JSON is kept as it is.
 */
export function fromVariable(type: string | undefined, value: unknown): unknown {
  if (type !== 'Json' || typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
