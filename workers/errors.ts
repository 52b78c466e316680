/** Texts that reach Camunda incidents and the log: readable, and free of personal data. */
export const INVALID_INPUT = 'Ogiltig indata, rätta variablerna och försök igen';
export const TECHNICAL_FAILURE = 'Tekniskt fel';
export const COULD_NOT_REPORT = "Couldn't report the task's outcome to the engine (lock lost or engine unreachable)";

/** Camunda keeps incident messages short; the details field carries the rest. */
export const MAX_ERROR_MESSAGE = 600;

export function truncate(text: string, max = MAX_ERROR_MESSAGE): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

/**
 * Data that no retry can fix (an impossible date, a missing field). runSafely
 * turns it into an incident at once, with this message.
 */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
}
