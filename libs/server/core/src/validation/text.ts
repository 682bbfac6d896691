// Free-text inputs: trimmed, bounded, with errors naming the field.
import { badInput } from '../errors/domain-error';

export function checkText(value: string, field: string, max = 200): string {
  const text = value.trim();
  if (text.length < 1 || text.length > max) throw badInput(`${field} must be 1 to ${max} characters`, { field });
  return text;
}
