// The token lives for the tab (sessionStorage): a new tab signs in again, a reload does not.
const KEY = 'pmo.token';

export function getToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function setToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(KEY);
}
