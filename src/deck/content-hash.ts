/** A short hash of a card's text, stored with its reviews so that later tools can see which cards changed. */
import { crc32 } from 'node:zlib';
import { cardText, type Card } from './model.js';

export function contentHash(card: Card): string {
  return crc32(cardText(card)).toString(16).padStart(8, '0');
}
