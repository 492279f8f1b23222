/** Pure summaries of loaded decks: counts per deck and per topic, and selecting cards by filters. */
import type { Card, Deck, Domain } from '../deck/model.js';
import type { JoinedKeys } from './history.js';
import { DOMAINS, isDomain, keyArray, keysOf, type KeyList } from '../deck/model.js';
import { usageError } from '../errors.js';
import { unknownNameMessage } from './nearest.js';

export interface DeckSummary {
  deck: string;
  title: string;
  file: string;
  flashcards: number;
  questions: number;
  topics: string[];
  domains: Domain[];
}

export interface TopicSummary {
  topic: string;
  flashcards: number;
  questions: number;
}

export function summarizeDecks(decks: Deck[]): DeckSummary[] {
  return decks.map((d) => ({
    deck: d.id,
    title: d.title,
    file: d.file,
    flashcards: d.cards.filter((c) => c.kind === 'flashcard').length,
    questions: d.cards.filter((c) => c.kind === 'question').length,
    topics: [...new Set(d.cards.flatMap((c) => c.topics))].sort(),
    domains: DOMAINS.filter((domain) => d.cards.some((c) => c.domain === domain)),
  }));
}

export function summarizeTopics(decks: Deck[]): TopicSummary[] {
  const byTopic = new Map<string, TopicSummary>();
  for (const card of decks.flatMap((d) => d.cards)) {
    for (const topic of card.topics) {
      const row = byTopic.get(topic) ?? { topic, flashcards: 0, questions: 0 };
      if (card.kind === 'flashcard') row.flashcards++;
      else row.questions++;
      byTopic.set(topic, row);
    }
  }
  return [...byTopic.values()].sort((a, b) => a.topic.localeCompare(b.topic));
}

export interface CardFilter {
  topics?: string[];
  decks?: string[];
  domains?: string[];
}

/**
 * The cards matching every given filter (within one filter, any value matches). An unknown topic,
 * deck or domain is a usage error naming close matches and where to see them all.
 */
export function selectCards(decks: Deck[], filter: CardFilter): Card[] {
  const topics = checkNames('topic', 'crss topics', filter.topics, (name) => hasTopic(decks, name), () => topicNames(decks));
  const chosen = chosenDecks(decks, filter.decks);
  const domains = checkNames('domain', 'crss quiz --help', filter.domains, isDomain, () => [...DOMAINS]);
  const cards = ([] as Card[]).concat(...chosen.map((d) => d.cards)); // concat copies natively; flatMap calls back per card
  if (topics.length === 0 && domains.length === 0) return cards;
  return cards.filter(
    (c) =>
      (topics.length === 0 || c.topics.some((t) => topics.includes(t))) &&
      (domains.length === 0 || (c.domain !== undefined && domains.includes(c.domain))),
  );
}

/**
 * Chosen cards by position: all their keys, and each card when asked for. Study reads every key but
 * shows a few cards, and a cached deck makes card objects only when asked (Deck.lazy).
 */
export interface Selection {
  keys: KeyList;
  card(at: number): Card;
  /** The keys as one string and where each ends, when the decks have it (cached decks). */
  joined?: JoinedKeys;
}

export function selectionOf(cards: Card[]): Selection {
  return { keys: cards.map((c) => c.key), card: (at) => cards[at]! };
}

/** selectCards() as a Selection: without topic or domain filters, whole decks, whose cards are made only when asked for. */
export function selectForStudy(decks: Deck[], filter: Omit<CardFilter, 'domains'>): Selection {
  if (filter.topics && filter.topics.length > 0) return selectionOf(selectCards(decks, filter));
  const parts: Selection[] = chosenDecks(decks, filter.decks).map((d) => d.lazy ?? selectionOf(d.cards));
  let total = 0;
  const starts = parts.map((p) => (total += p.keys.length) - p.keys.length);
  const joined = parts.every((p) => p.joined) ? joinKeys(parts.map((p) => p.joined!)) : undefined;
  return {
    // Cached decks' keys stay in their one string; other decks' are listed.
    keys: joined ? keysOf(joined) : ([] as string[]).concat(...parts.map((p) => keyArray(p.keys))),
    ...(joined ? { joined } : {}),
    card(at) {
      let i = starts.length - 1;
      while (starts[i]! > at) i--;
      return parts[i]!.card(at - starts[i]!);
    },
  };
}

/** The decks a --deck filter names, or all when it names none; an unknown one is a usage error. */
function chosenDecks(decks: Deck[], wanted: string[] | undefined): Deck[] {
  const deckIds = checkNames('deck', 'crss decks', wanted, (name) => decks.some((d) => d.id === name), () => decks.map((d) => d.id));
  return deckIds.length === 0 ? decks : decks.filter((d) => deckIds.includes(d.id));
}

function joinKeys(parts: JoinedKeys[]): JoinedKeys {
  if (parts.length === 1) return parts[0]!;
  const ends = new Uint32Array(parts.reduce((n, p) => n + p.ends.length, 0));
  let at = 0;
  let offset = 0;
  for (const part of parts) {
    for (let i = 0; i < part.ends.length; i++) ends[at++] = offset + part.ends[i]!;
    offset += part.text.length;
  }
  return { text: parts.map((p) => p.text).join(''), ends };
}

/** Every topic of these decks, sorted. Cached cards share their deck's topic list, which is read once. */
function topicNames(decks: Deck[]): string[] {
  const names = new Set<string>();
  for (const deck of decks) {
    for (const topic of deck.topics) names.add(topic);
    for (const card of deck.cards) if (card.topics !== deck.topics) for (const topic of card.topics) names.add(topic);
  }
  return [...names].sort();
}

/** Whether any deck or card has the topic: deck topics first, which usually answer without a look at every card. */
function hasTopic(decks: Deck[], name: string): boolean {
  return decks.some((d) => d.topics.includes(name)) || decks.some((d) => d.cards.some((c) => c.topics.includes(name)));
}

/**
 * The wanted names in lower case; an unknown one is a usage error listing the known ones. The list
 * (every topic of 20,000 cards) is built only for that error, which names a few close ones.
 */
function checkNames(what: string, listCommand: string, wanted: string[] | undefined, isKnown: (name: string) => boolean, knownNames: () => string[]): string[] {
  const out: string[] = [];
  if (!wanted || wanted.length === 0) return out;
  for (const raw of wanted) {
    const name = raw.toLowerCase();
    if (!isKnown(name)) {
      throw usageError(unknownNameMessage(what, raw, knownNames(), listCommand));
    }
    out.push(name);
  }
  return out;
}
