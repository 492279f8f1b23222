/**
 * The learner's editor, for `e` in study: `$EDITOR +LINE file`, the form vi, vim, nano, emacs and most
 * others take, run through sh as git does, so that an editor named with options ("code --wait") works.
 * The caller lends the terminal out first (session-terminal.ts) and takes it back after.
 */

/** Runs `editor` on `file` at `line` and waits for it to exit. Returns whether it exited with 0. */
export function runEditor(editor: string, file: string, line: number): boolean {
  // Loaded here only: the bundle replaces node:child_process with a stand-in (design.md, start-up).
  const { spawnSync } = process.getBuiltinModule('node:child_process');
  const result = spawnSync('/bin/sh', ['-c', `${editor} "$@"`, editor, `+${line}`, file], { stdio: 'inherit' });
  return result.status === 0;
}
