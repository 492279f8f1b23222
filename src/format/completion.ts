/**
 * Shell completion scripts for bash, zsh and fish, written from the command tree itself (cli.ts
 * describes it), so that a new command or option completes without touching this file. Names that
 * change with the decks and the history (topics, decks, cards, backups) are asked of crss at Tab
 * time through its hidden `complete-names` command.
 */

/** What a word may be completed with: a fixed list, names crss lists, or files and folders. */
export type CompletionValues = { words: string[] } | { names: NameKind } | 'files' | 'folders' | 'none';
export const NAME_KINDS = ['topics', 'decks', 'cards', 'settings', 'backups'] as const;
export type NameKind = (typeof NAME_KINDS)[number];

export interface CompletionOption {
  /** `-o`, `--output`. */
  flags: string[];
  description: string;
  /** Absent for a flag that takes no value. */
  value?: CompletionValues;
}

export interface CompletionCommand {
  name: string;
  description: string;
  options: CompletionOption[];
  /** What the positional arguments complete with. */
  args: CompletionValues;
  subcommands: CompletionCommand[];
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** Every command path with its command, the root first: `[['config', 'set'], cmd]`. */
function paths(root: CompletionCommand, prefix: string[] = []): [string[], CompletionCommand][] {
  return [[prefix, root], ...root.subcommands.flatMap((c) => paths(c, [...prefix, c.name]))];
}

const shellWords = (words: string[]) => words.join(' ');

function bashValues(values: CompletionValues | undefined): string {
  if (values === undefined || values === 'none') return 'COMPREPLY=()';
  if (values === 'files') return 'COMPREPLY=($(compgen -f -- "$cur"))';
  if (values === 'folders') return 'COMPREPLY=($(compgen -d -- "$cur"))';
  if ('words' in values) return `COMPREPLY=($(compgen -W '${shellWords(values.words)}' -- "$cur"))`;
  return `COMPREPLY=($(compgen -W "$(crss complete-names ${values.names} 2>/dev/null)" -- "$cur"))`;
}

export function bashScript(root: CompletionCommand): string {
  const all = paths(root);
  const key = (path: string[]) => path.join(' ');
  const global = root.options;
  const valued = [...new Set(all.flatMap(([, c]) => c.options.filter((o) => o.value).flatMap((o) => o.flags)))];
  const lines = [
    '# crss completion for bash. Load it now with: source <(crss completion bash)',
    '# or for every shell: crss completion bash > ~/.local/share/bash-completion/completions/crss',
    '_crss() {',
    '  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} words_path="" word i skip=0',
    '  # The command path so far: the words that name commands, skipping options and their values.',
    '  # (Not named `path`: in zsh that is PATH itself.)',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    word=${COMP_WORDS[i]}',
    '    if ((skip)); then skip=0; continue; fi',
    '    case $word in',
    `      ${valued.join('|')}) skip=1 ;;`,
    '      -*) ;;',
    '      *) case "$words_path/$word" in',
    ...all.filter(([p]) => p.length > 0).map(([p]) => `           "${key(p.slice(0, -1))}/${p.at(-1)}") words_path=${p.length > 1 ? '"$words_path $word"' : '$word'} ;;`),
    '         esac ;;',
    '    esac',
    '  done',
    '  case $words_path in',
  ];
  for (const [p, cmd] of all) {
    const options = [...cmd.options, ...(p.length > 0 ? global.filter((o) => !o.flags.includes('--version')) : [])];
    lines.push(`    "${key(p)}")`);
    const withValues = options.filter((o) => o.value);
    if (withValues.length > 0) {
      lines.push('      case $prev in');
      for (const o of withValues) lines.push(`        ${o.flags.join('|')}) ${bashValues(o.value)}; return ;;`);
      lines.push('      esac');
    }
    const flags = [...options.flatMap((o) => o.flags.filter((f) => f.startsWith('--'))), '--help'];
    lines.push(`      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W '${shellWords(flags)}' -- "$cur")); return; fi`);
    if (cmd.subcommands.length > 0) lines.push(`      COMPREPLY=($(compgen -W '${shellWords(cmd.subcommands.map((c) => c.name))}' -- "$cur"))`);
    else lines.push(`      ${bashValues(cmd.args)}`);
    lines.push('      ;;');
  }
  lines.push('  esac', '}', 'complete -F _crss crss', '');
  return lines.join('\n');
}

/** zsh runs the bash script through its bash-completion emulation, which supports all it uses. */
export function zshScript(root: CompletionCommand): string {
  return [
    '# crss completion for zsh. Load it now with: source <(crss completion zsh)',
    '# or add that line to ~/.zshrc (after compinit).',
    'autoload -U +X compinit && { (( $+functions[compdef] )) || compinit; }',
    'autoload -U +X bashcompinit && bashcompinit',
    bashScript(root).split('\n').slice(2).join('\n'),
  ].join('\n');
}

const fishQuote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fishValues(values: CompletionValues | undefined): string {
  if (values === undefined || values === 'none') return '-f';
  if (values === 'files') return '-F';
  if (values === 'folders') return `-f -a '(__fish_complete_directories)'`;
  if ('words' in values) return `-f -a ${fishQuote(shellWords(values.words))}`;
  return `-f -a '(crss complete-names ${values.names} 2>/dev/null)'`;
}

export function fishScript(root: CompletionCommand): string {
  const lines = ['# crss completion for fish. Load it now with: crss completion fish | source', '# or for every shell: crss completion fish > ~/.config/fish/completions/crss.fish', 'complete -c crss -f'];
  const condition = (path: string[], children: CompletionCommand[]) => {
    const seen = path.map((name) => `__fish_seen_subcommand_from ${name}`);
    const notDeeper = children.length > 0 ? [`not __fish_seen_subcommand_from ${children.map((c) => c.name).join(' ')}`] : [];
    return path.length === 0 ? (children.length > 0 ? '__fish_use_subcommand' : '') : [...seen, ...notDeeper].join('; and ');
  };
  for (const [path, cmd] of paths(root)) {
    const where = condition(path, cmd.subcommands);
    const n = where ? ` -n ${fishQuote(where)}` : '';
    for (const sub of cmd.subcommands) lines.push(`complete -c crss${n} -a ${sub.name} -d ${fishQuote(sub.description)}`);
    for (const o of cmd.options) {
      const names = o.flags.map((f) => (f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`)).join(' ');
      lines.push(`complete -c crss${path.length > 0 ? ` -n ${fishQuote(path.map((p) => `__fish_seen_subcommand_from ${p}`).join('; and '))}` : ''} ${names}${o.value ? ` -r ${fishValues(o.value)}` : ''} -d ${fishQuote(o.description)}`);
    }
    if (cmd.subcommands.length === 0 && cmd.args !== 'none') lines.push(`complete -c crss${n} ${fishValues(cmd.args)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: Shell, root: CompletionCommand): string {
  return shell === 'bash' ? bashScript(root) : shell === 'zsh' ? zshScript(root) : fishScript(root);
}
