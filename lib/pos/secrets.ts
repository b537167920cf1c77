/**
 * Associated data for a connection's sealed API credentials: a sealed value only opens on the row it
 * was sealed for (see lib/crypto/secret-box.ts). Free of `server-only`, so the worker can use it.
 */
export function credentialsAad(connectionId: string): string {
  return `pos_connections.credentials:${connectionId}`;
}
