/** This process's environment without the named variables: a child then falls back to its defaults. */
export function environmentWithout(names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !names.includes(entry[0])));
}
