/** A short hash of a card's text, stored with its reviews so that later tools can see which cards changed. */
import { crcHex } from '../core/crc32.js';
import { cardText, type Card } from './model.js';

export function contentHash(card: Card): string {
  return crcHex(cardText(card));
}
