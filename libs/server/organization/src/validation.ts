// Input rules for identities and tenants: pure, unit-tested.
import { badInput, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '@pmo/core';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  const value = email.trim().toLowerCase();
  if (value.length > 254 || !EMAIL.test(value)) throw badInput('email is not a valid email address', { field: 'email' });
  return value;
}

export function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badInput(`password must be at least ${MIN_PASSWORD_LENGTH} characters`, { field: 'password' });
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw badInput(`password must be at most ${MAX_PASSWORD_LENGTH} characters`, { field: 'password' });
  }
  return password;
}

export function checkName(name: string, field: string): string {
  const value = name.trim();
  if (value.length < 1 || value.length > 200) throw badInput(`${field} must be 1 to 200 characters`, { field });
  return value;
}
