/**
 * In-memory storage for one stand-in instance: oidc-provider's models (through an Adapter), the
 * role chosen for each grant, and the persona picked part-way through an interaction.
 * Written here rather than using oidc-provider's built-in memory adapter because the admin
 * "end session" route must find sessions by `sub` or `sid`, which that adapter cannot list,
 * and because each in-process instance (tests) needs its own state.
 */
import type { Adapter, AdapterPayload } from "oidc-provider";

interface Entry {
  payload: AdapterPayload;
  /** epoch ms; undefined = no expiry */
  expiresAt: number | undefined;
}

/** Sweep expired entries once a model holds this many, so a long-running stand-in stays bounded. */
const SWEEP_THRESHOLD = 2_000;
const MAX_REMEMBERED_ROLES = 10_000;

export interface SessionSummary {
  sessionId: string;
  accountId: string;
  /** clientId -> { sid, grantId } at the time the session was ended */
  authorizations: Record<string, { sid?: string; grantId?: string }>;
}

export class StandInStore {
  private readonly models = new Map<string, Map<string, Entry>>();
  private readonly selectedRoleByGrant = new Map<string, string>();
  private readonly pendingLogins = new Map<string, { accountId: string; acr: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** oidc-provider calls this once per model name ("Session", "Grant", "AccessToken", …). */
  readonly adapterFor = (model: string): Adapter => new ModelAdapter(this.modelMap(model), this.now);

  modelMap(model: string): Map<string, Entry> {
    let map = this.models.get(model);
    if (!map) {
      map = new Map();
      this.models.set(model, map);
    }
    return map;
  }

  rememberSelectedRole(grantId: string, personRoleId: string): void {
    this.selectedRoleByGrant.set(grantId, personRoleId);
    // Grants last at most 12 h; dropping the oldest entry keeps a long-running stand-in bounded.
    if (this.selectedRoleByGrant.size > MAX_REMEMBERED_ROLES) {
      const oldest = this.selectedRoleByGrant.keys().next().value;
      if (oldest !== undefined) this.selectedRoleByGrant.delete(oldest);
    }
  }

  selectedRoleFor(grantId: string | undefined): string | undefined {
    return grantId === undefined ? undefined : this.selectedRoleByGrant.get(grantId);
  }

  /** Persona chosen on the sign-in page, waiting for the role picker (10 minutes, like the interaction). */
  setPendingLogin(interactionUid: string, accountId: string, acr: string): void {
    this.pendingLogins.set(interactionUid, { accountId, acr, expiresAt: this.now() + 10 * 60_000 });
    if (this.pendingLogins.size > SWEEP_THRESHOLD) {
      for (const [uid, pending] of this.pendingLogins) if (pending.expiresAt <= this.now()) this.pendingLogins.delete(uid);
    }
  }

  pendingLogin(interactionUid: string): { accountId: string; acr: string } | undefined {
    const pending = this.pendingLogins.get(interactionUid);
    if (!pending || pending.expiresAt <= this.now()) return undefined;
    return { accountId: pending.accountId, acr: pending.acr };
  }

  clearPendingLogin(interactionUid: string): void {
    this.pendingLogins.delete(interactionUid);
  }

  /** Every live, signed-in session. */
  findAllSessions(): SessionSummary[] {
    const found: SessionSummary[] = [];
    for (const [sessionId, entry] of this.modelMap("Session")) {
      if (isExpired(entry, this.now())) continue;
      const { accountId, authorizations = {} } = entry.payload;
      if (typeof accountId === "string") found.push({ sessionId, accountId, authorizations });
    }
    return found;
  }

  /** Live sessions matching a user (`sub`) or an RP session id (`sid`). */
  findSessions(match: { sub?: string; sid?: string }): SessionSummary[] {
    return this.findAllSessions().filter((session) => {
      const sids = Object.values(session.authorizations).map((authorization) => authorization.sid);
      return (match.sub !== undefined && session.accountId === match.sub) || (match.sid !== undefined && sids.includes(match.sid));
    });
  }
}

function isExpired(entry: Entry, now: number): boolean {
  return entry.expiresAt !== undefined && entry.expiresAt <= now;
}

class ModelAdapter implements Adapter {
  constructor(
    private readonly entries: Map<string, Entry>,
    private readonly now: () => number,
  ) {}

  private live(id: string): Entry | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (isExpired(entry, this.now())) {
      this.entries.delete(id);
      return undefined;
    }
    return entry;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const expiresAt = typeof expiresIn === "number" ? this.now() + expiresIn * 1000 : undefined;
    this.entries.set(id, { payload, expiresAt });
    if (this.entries.size > SWEEP_THRESHOLD) {
      for (const [key, entry] of this.entries) if (isExpired(entry, this.now())) this.entries.delete(key);
    }
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.live(id)?.payload;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    for (const [id, entry] of this.entries) {
      if (entry.payload.uid === uid) return this.live(id)?.payload;
    }
    return undefined;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    for (const [id, entry] of this.entries) {
      if (entry.payload.userCode === userCode) return this.live(id)?.payload;
    }
    return undefined;
  }

  async consume(id: string): Promise<void> {
    const entry = this.live(id);
    if (entry) entry.payload.consumed = Math.floor(this.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.entries.delete(id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [id, entry] of this.entries) {
      if (entry.payload.grantId === grantId) this.entries.delete(id);
    }
  }
}
