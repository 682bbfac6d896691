import { DomainError } from '@pmo/core';

/** For unit tests of rules: the DomainError code `fn` throws, or 'OK' when it throws nothing. */
export function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : `not a DomainError: ${String(error)}`;
  }
  return 'OK';
}
