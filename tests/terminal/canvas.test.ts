/** The canvas: wrapping at word boundaries to the width, redrawing in place, or writing only what is new. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { openCanvas, usableWidth, wrapToWidth } from '../../src/terminal/canvas.js';

describe('wrapToWidth', () => {
  it('wraps at spaces to the width, keeps indentation, and ignores colour codes', () => {
    expect(wrapToWidth('   one two three four', 13)).toBe('   one two\n   three four');
    expect(wrapToWidth('\u001b[1mQ:\u001b[22m alpha beta', 10)).toBe('\u001b[1mQ:\u001b[22m alpha\n   beta');
    expect(wrapToWidth('short\nlines stay', 40)).toBe('short\nlines stay');
  });

  it('lines up the rows of an option after its letter, and of Q: and A: after the label, and keeps a word longer than a row whole', () => {
    expect(wrapToWidth('  B) Remind them of the goals they set', 20)).toBe('  B) Remind them of\n     the goals they\n     set');
    expect(wrapToWidth('> C) As primary and essential', 16)).toBe('> C) As primary\n     and\n     essential');
    expect(wrapToWidth('A: Listen and acknowledge it', 14)).toBe('A: Listen and\n   acknowledge\n   it');
    expect(wrapToWidth('see https://example.org/a-very-long-address-indeed ok', 20)).toBe('see\nhttps://example.org/a-very-long-address-indeed\nok');
  });

  it('never breaks a word and never passes the width when every word fits', () => {
    const text = 'A person tells you they returned to use over the weekend and says they expect you to be disappointed in them. What is the most fitting response?';
    for (const width of [20, 33, 40, 79]) {
      const rows = wrapToWidth(text, width).split('\n');
      expect(rows.every((r) => r.length <= width)).toBe(true);
      expect(rows.join(' ')).toBe(text);
    }
  });

  it('uses one column less than the window, between 20 and 100, and 80 columns when none are known', () => {
    expect(usableWidth(80)).toBe(79);
    expect(usableWidth(0)).toBe(79);
    expect(usableWidth(undefined)).toBe(79);
    expect(usableWidth(200)).toBe(100);
    expect(usableWidth(10)).toBe(20);
  });
});

function fakeTerminal(columns: number) {
  const stream = Object.assign(new EventEmitter(), { isTTY: true, columns, written: '', write(s: string) { stream.written += s; return true; } });
  return stream;
}

describe('openCanvas', () => {
  it('with cursor control: hides the cursor, clears and redraws each view, redraws on resize, shows the cursor at the end', () => {
    const term = fakeTerminal(22);
    const canvas = openCanvas(term, true);
    canvas.show(['Q: one two three four five six']);
    expect(term.written).toBe('\u001b[?25l\u001b[2J\u001b[HQ: one two three four\n   five six\n');
    term.written = '';
    term.columns = 80;
    term.emit('resize');
    expect(term.written).toBe('\u001b[2J\u001b[HQ: one two three four five six\n');
    term.written = '';
    canvas.close();
    canvas.close();
    term.emit('resize');
    expect(term.written).toBe('\u001b[?25h');
  });

  it('paused (Ctrl-Z, an editor), it shows the cursor and draws nothing; resumed, it redraws', () => {
    const term = fakeTerminal(80);
    const canvas = openCanvas(term, true);
    canvas.show(['card']);
    term.written = '';
    canvas.pause();
    canvas.show(['card', 'more']);
    term.emit('resize');
    expect(term.written).toBe('\u001b[?25h');
    term.written = '';
    canvas.resume();
    expect(term.written).toBe('\u001b[?25l\u001b[2J\u001b[Hcard\nmore\n');
  });

  it('without cursor control: writes no escape sequence, only the lines that are new, and a blank line before a new view', () => {
    const term = fakeTerminal(80);
    const canvas = openCanvas(term, false);
    canvas.show(['1/2', 'Q: first', 'hint']);
    canvas.show(['1/2', 'Q: first', 'A: answer', 'keys']);
    canvas.show(['2/2', 'Q: second']);
    term.emit('resize');
    canvas.close();
    expect(term.written).toBe('1/2\nQ: first\nhint\nA: answer\nkeys\n\n2/2\nQ: second\n');
  });
});
