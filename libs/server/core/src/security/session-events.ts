// Ending access reaches open WebSockets too. Every operation on a socket re-enters its
// session in the database, so an ended session is refused on its next statement; this
// closes the socket as well, so the client learns at once and live events stop:
// - when the token expires (a timer per socket);
// - when a logout, a password change or a removal ends a user's sessions: the change
//   publishes the user's id after commit, and every api process re-checks that user's
//   sockets and closes those whose session no longer stands.
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SessionRepository } from '../auth/session.repository';
import { TokenClaims } from '../auth/token.service';
import { TenantDb } from '../database/tenant-db';
import { Transport } from '../queue/transport';

/** Open WebSockets per user and api process: a page needs one, a few tabs a few. */
export const SOCKETS_PER_USER = 20;

/** graphql-ws's close code for a connection whose authentication ended. */
export const SESSION_ENDED_CLOSE = { code: 4401, reason: 'Unauthorized' };

export interface ClosableSocket {
  close(code: number, reason: string): void;
}

interface Tracked {
  socket: ClosableSocket;
  claims: TokenClaims;
}

const CHANNEL = 'sessions-ended';

@Injectable()
export class SessionEvents implements OnApplicationBootstrap {
  private readonly sockets = new Map<string, Set<Tracked>>();

  constructor(
    private readonly transport: Transport,
    private readonly db: TenantDb,
    private readonly sessions: SessionRepository,
  ) {}

  /** Tells every api process that some of `userId`'s sessions ended (best effort: the database refuses them anyway). */
  async ended(userId: string): Promise<void> {
    await this.transport.publish(CHANNEL, userId).catch(() => undefined);
  }

  /**
   * Listens from boot: a subscription made when the first socket opens could still be
   * setting up when that socket's session ends (on PostgreSQL, a new connection's
   * handshake). The process's pub/sub connection is then up for every other channel too.
   */
  onApplicationBootstrap(): void {
    this.transport.subscribe(CHANNEL, (userId) => void this.recheck(userId));
  }

  /**
   * Whether a socket may open for these claims: the session still stands (a logged-out
   * token is refused at once, not kept until it expires) and the user holds fewer than
   * SOCKETS_PER_USER sockets here.
   */
  async admits(claims: TokenClaims): Promise<boolean> {
    if ((this.sockets.get(claims.userId)?.size ?? 0) >= SOCKETS_PER_USER) return false;
    return (await this.db.unscoped((em) => this.sessions.userOf(em, claims.sessionId))) === claims.userId;
  }

  /** Watches an authenticated socket until the returned function is called (when it closes). */
  track(socket: ClosableSocket, claims: TokenClaims): () => void {
    const tracked: Tracked = { socket, claims };
    const ofUser = this.sockets.get(claims.userId) ?? new Set<Tracked>();
    this.sockets.set(claims.userId, ofUser.add(tracked));
    const expiry = setTimeout(() => socket.close(SESSION_ENDED_CLOSE.code, SESSION_ENDED_CLOSE.reason), Math.max(0, claims.expiresAt * 1000 - Date.now()));
    expiry.unref();
    return () => {
      clearTimeout(expiry);
      ofUser.delete(tracked);
      if (!ofUser.size) this.sockets.delete(claims.userId);
    };
  }

  private async recheck(userId: string): Promise<void> {
    for (const tracked of this.sockets.get(userId) ?? []) {
      // The database unreachable: leave it to the next operation's check.
      const standing = await this.db.unscoped((em) => this.sessions.userOf(em, tracked.claims.sessionId)).catch(() => userId);
      if (standing !== userId) tracked.socket.close(SESSION_ENDED_CLOSE.code, SESSION_ENDED_CLOSE.reason);
    }
  }
}
