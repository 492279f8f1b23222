/**
 * Renamed cards keep their history (pure). A card that lists `formerly: [old-id]` takes over what was
 * recorded under `deck/old-id`: reviews, suspensions, burials and quiz answers count for it everywhere.
 *
 * Logs are never rewritten: the mapping is applied where the history is read (Store, given the loaded
 * decks' former keys). The reduced state, and so the snapshot that caches it, stays keyed as the logs
 * are; a card's record is merged from its own key's and its former keys' records when it is read. That
 * gives what reducing the renamed events would give, because each field of a record keeps the merge key
 * of the event that decided it (history.ts): the later event wins whichever key it was written under.
 * Events (`stats`, `show`, the quiz's missed and weak questions) are renamed as they are read.
 *
 * A forget is the one event that is not simply renamed. A forget of the current key (`crss reset`, or a
 * prune of the renamed card) also forgets what the former keys recorded before it. A forget written for
 * a former key (`crss prune` before the deck said `formerly`) forgets only that key's history: the
 * learner chose to drop it, and the renamed card's own history since is kept.
 */
import type { Deck, KeyList } from '../deck/model.js';
import type { CardKey, HistoryEvent } from './events.js';
import { briefOf, forget, newBrief, setBriefColumns, type BriefColumns, type CardBrief, type CardRecord, type CardRecords, type HistoryState, type JoinedKeys } from './history.js';

export interface FormerKeys {
  /** Former key to the current key of the card that lists it. */
  readonly currentOf: ReadonlyMap<CardKey, CardKey>;
  /** Current key to its former keys, in the order the card lists them. */
  readonly formerOf: ReadonlyMap<CardKey, readonly CardKey[]>;
}

/**
 * The former keys of these decks' cards (from each deck's map, so a cached deck makes no card objects).
 * The maps are made when first read: a first session, with no history to rename, never reads them.
 */
export function formerKeysOf(decks: readonly Deck[]): FormerKeys {
  let maps: FormerKeys | undefined;
  const build = (): FormerKeys => {
    const currentOf = new Map<CardKey, CardKey>();
    const formerOf = new Map<CardKey, CardKey[]>();
    for (const deck of decks) {
      if (!deck.formerly) continue;
      for (const [old, id] of Object.entries(deck.formerly)) {
        const oldKey = `${deck.id}/${old}`;
        const key = `${deck.id}/${id}`;
        currentOf.set(oldKey, key);
        const list = formerOf.get(key);
        if (list) list.push(oldKey);
        else formerOf.set(key, [oldKey]);
      }
    }
    return { currentOf, formerOf };
  };
  return {
    get currentOf() {
      return (maps ??= build()).currentOf;
    },
    get formerOf() {
      return (maps ??= build()).formerOf;
    },
  };
}

/** The key a card has now: `key` itself unless a card lists it in `formerly`. */
export function currentKey(keys: FormerKeys, key: CardKey): CardKey {
  return keys.currentOf.get(key) ?? key;
}

/** The event as if written under its card's current key. */
export function renameEvent(e: HistoryEvent, keys: FormerKeys): HistoryEvent {
  const current = keys.currentOf.get(e.card);
  return current === undefined ? e : { ...e, card: current };
}

function copyOf(r: CardRecord): CardRecord {
  const copy: CardRecord = { ...r };
  if (r.reviewIds) copy.reviewIds = r.reviewIds.slice();
  return copy;
}

/** The stamp of a merge key (`<stamp> <id>`, history.ts). */
const stampOf = (key: string) => key.slice(0, key.indexOf(' '));

const earlier = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined || a <= b ? a : b);
const later = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined || a >= b ? a : b);

function setOrDelete<K extends keyof CardRecord>(r: CardRecord, field: K, value: CardRecord[K] | undefined): void {
  if (value === undefined) delete r[field];
  else r[field] = value;
}

/** Adds `from` to `into`, field by field, as applying both records' events to one record would. */
function absorb(into: CardRecord, from: CardRecord): void {
  if (from.scheduleBy !== undefined && (into.scheduleBy === undefined || from.scheduleBy > into.scheduleBy)) {
    into.schedule = from.schedule;
    into.scheduleBy = from.scheduleBy;
    setOrDelete(into, 'contentHash', from.contentHash);
  }
  if (from.suspendBy !== undefined && (into.suspendBy === undefined || from.suspendBy > into.suspendBy)) {
    into.suspended = from.suspended;
    into.suspendBy = from.suspendBy;
  }
  if (from.buryBy !== undefined && (into.buryBy === undefined || from.buryBy > into.buryBy)) {
    setOrDelete(into, 'buriedUntil', from.buriedUntil);
    into.buryBy = from.buryBy;
  }
  if (from.lastEventTime > into.lastEventTime) into.lastEventTime = from.lastEventTime;
  setOrDelete(into, 'firstReviewTime', earlier(into.firstReviewTime, from.firstReviewTime));
  setOrDelete(into, 'lastReviewTime', later(into.lastReviewTime, from.lastReviewTime));
  if (from.quizWrongBy !== undefined && (into.quizWrongBy === undefined || from.quizWrongBy > into.quizWrongBy)) {
    setOrDelete(into, 'quizWrongAt', from.quizWrongAt);
    into.quizWrongBy = from.quizWrongBy;
  }
  setOrDelete(into, 'forgottenAt', later(into.forgottenAt, from.forgottenAt));
  if (from.reviewIds) into.reviewIds = [...new Set([...(into.reviewIds ?? []), ...from.reviewIds])].sort();
}

/**
 * One card's record from its own key's record and its former keys' records (see the top of this file).
 * A single record is returned as it is; otherwise a new record, the given ones untouched.
 */
export function mergeFormerRecords(own: CardRecord | undefined, formers: readonly CardRecord[]): CardRecord | undefined {
  if (formers.length === 0) return own;
  if (own === undefined && formers.length === 1) return formers[0];
  const parts = formers.map(copyOf);
  const forgotten = own?.forgottenAt;
  // A record keeps the forget's stamp, not its wall time: the stamp is the estimate (equal without clock skew).
  if (forgotten !== undefined) for (const part of parts) forget(part, forgotten, forgotten);
  const merged = own ? copyOf(own) : parts.shift()!;
  for (const part of parts) absorb(merged, part);
  // A wrong quiz answer counts only until the card's next review (by stamp), whichever key either was
  // recorded under: the review with the latest stamp is the one that set the schedule.
  if (merged.quizWrongBy !== undefined && merged.scheduleBy !== undefined && stampOf(merged.quizWrongBy) <= stampOf(merged.scheduleBy)) {
    delete merged.quizWrongAt;
    delete merged.quizWrongBy;
  }
  return merged;
}

/** Which of a brief's review times fall since `since`, as countReview() counts them. */
function reviewedSince(firstReview: number, lastReview: number, since: number): 'first' | 'again' | undefined {
  if (firstReview >= since) return 'first';
  if (lastReview >= since && firstReview < since) return 'again';
  return undefined;
}

/**
 * The records of a history with every card under its current key: a current card's record merged with
 * its former keys', and no record under a former key. Read through on every call, so events appended to
 * the history underneath show at once.
 */
export class FormerKeyRecords implements CardRecords {
  constructor(
    private readonly inner: CardRecords,
    private readonly renames: FormerKeys,
  ) {}

  get(key: CardKey): CardRecord | undefined {
    if (this.renames.currentOf.has(key)) return undefined;
    const formers = this.renames.formerOf.get(key);
    const own = this.inner.get(key);
    if (formers === undefined) return own;
    const found: CardRecord[] = [];
    for (const former of formers) {
      const r = this.inner.get(former);
      if (r) found.push(r);
    }
    return mergeFormerRecords(own, found);
  }

  set(key: CardKey, record: CardRecord): unknown {
    return this.inner.set(key, record);
  }

  has(key: CardKey): boolean {
    if (this.renames.currentOf.has(key)) return false;
    return this.inner.has(key) || (this.renames.formerOf.get(key)?.some((k) => this.inner.has(k)) ?? false);
  }

  /** The keys with history under them or a former key: the current key, and 1 or more former keys. */
  private heldKeys(key: CardKey): CardKey[] {
    const held = this.inner.has(key) ? [key] : [];
    for (const former of this.renames.formerOf.get(key) ?? []) if (this.inner.has(former)) held.push(former);
    return held;
  }

  /** Current keys whose card has history under a former key. */
  private renamedWithHistory(): CardKey[] {
    const out: CardKey[] = [];
    for (const [key, formers] of this.renames.formerOf) if (formers.some((k) => this.inner.has(k))) out.push(key);
    return out;
  }

  get size(): number {
    let n = this.inner.size;
    for (const key of this.renamedWithHistory()) n += (this.inner.has(key) ? 0 : 1) - this.heldKeys(key).filter((k) => k !== key).length;
    return n;
  }

  *entries(): IterableIterator<[CardKey, CardRecord]> {
    for (const [key, r] of this.inner) {
      if (this.renames.currentOf.has(key)) continue;
      yield [key, this.renames.formerOf.has(key) ? this.get(key)! : r];
    }
    for (const key of this.renamedWithHistory()) if (!this.inner.has(key)) yield [key, this.get(key)!];
  }

  [Symbol.iterator](): IterableIterator<[CardKey, CardRecord]> {
    return this.entries();
  }

  *keys(): IterableIterator<CardKey> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): IterableIterator<CardRecord> {
    for (const [, r] of this.entries()) yield r;
  }

  brief(key: CardKey, into?: CardBrief): CardBrief | undefined {
    if (this.renames.currentOf.has(key)) return undefined;
    if (!this.renames.formerOf.has(key)) return this.inner.brief(key, into);
    const held = this.heldKeys(key);
    if (held.length <= 1) return held.length === 0 ? undefined : this.inner.brief(held[0]!, into);
    return briefOf(this.get(key)!, into);
  }

  countReviewedSince(since: number): { first: number; again: number } {
    const counts = this.inner.countReviewedSince(since);
    const b = newBrief();
    // Each renamed card counted once, as its merged record, instead of once per key holding its history.
    for (const key of this.renamedWithHistory()) {
      for (const held of this.heldKeys(key)) {
        this.inner.brief(held, b);
        const was = reviewedSince(b.firstReview, b.lastReview, since);
        if (was) counts[was]--;
      }
      this.brief(key, b);
      const is = reviewedSince(b.firstReview, b.lastReview, since);
      if (is) counts[is]++;
    }
    return counts;
  }

  briefsOf(keys: KeyList, joined?: JoinedKeys): BriefColumns {
    const given = this.inner.briefsOf(keys, joined);
    const renamed = this.renamedWithHistory();
    if (renamed.length === 0) return given;
    // Copied before any is changed: a snapshot answers with its own columns as they lie.
    const columns: BriefColumns = {
      known: given.known.slice(),
      due: given.due.slice(),
      state: given.state.slice(),
      suspended: given.suspended.slice(),
      buriedUntil: given.buriedUntil.slice(),
      quizWrongAt: given.quizWrongAt.slice(),
    };
    // With the keys in one string, a key string is made only when its length is one of theirs (most
    // are not, in real decks). Comparing in place with charCodeAt measured slower than this.
    const wanted = new Set(renamed);
    const lengths = new Set(renamed.map((k) => k.length));
    const brief = newBrief();
    for (let i = 0; i < keys.length; i++) {
      if (joined && !lengths.has(joined.ends[i]! - (i === 0 ? 0 : joined.ends[i - 1]!))) continue;
      const key = keys.at(i)!;
      if (wanted.has(key)) setBriefColumns(columns, i, this.brief(key, brief));
    }
    return columns;
  }
}

/**
 * The history with renamed cards under their current keys. The state's counts are read through, so
 * events applied to `state` later show here too.
 */
export function withFormerKeys(state: HistoryState, keys: FormerKeys): HistoryState {
  // Only history read from the logs can lie under a former key: what a process appends afterwards is
  // written under the current keys of the cards it shows. So when nothing is recorded under a former key
  // now (a first session, or a history from after the renames), the state needs no renaming, and a
  // study start skips the view and its allocations (the young-generation budget, design.md).
  if (state.cards.size === 0 || keys.formerOf.size === 0) return state;
  let held = false;
  for (const old of keys.currentOf.keys()) {
    if (state.cards.has(old)) {
      held = true;
      break;
    }
  }
  if (!held) return state;
  const cards = new FormerKeyRecords(state.cards, keys);
  return {
    cards,
    get reviewCount() {
      return state.reviewCount;
    },
    get undone() {
      return state.undone;
    },
    get clock() {
      return state.clock;
    },
  };
}
