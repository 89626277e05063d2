/**
 * Shell completion scripts for bash, zsh and fish, written from the command tree commander holds
 * (`cli.ts` describes it as `CompletionCommand`s), so a new command or option completes without an
 * edit here. Hand-written: commander has no completion of its own, and the packages that add one
 * (omelette, tabtab) install files into the user's shell configuration, which gctf must not do.
 */

/** One command as completion sees it. */
export interface CompletionCommand {
  readonly name: string;
  readonly description: string;
  /** Every spelling of every option: `-r`, `--reporter`. */
  readonly options: readonly CompletionOption[];
  readonly subcommands: readonly CompletionCommand[];
}

export interface CompletionOption {
  readonly flags: readonly string[];
  readonly description: string;
  /** The values it takes, when they are a fixed list. */
  readonly choices?: readonly string[];
  /** Whether it takes a value at all. */
  readonly takesValue: boolean;
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** The completion script for `shell`, for the program `root`. */
export function completionScript(shell: Shell, root: CompletionCommand): string {
  switch (shell) {
    case 'bash':
      return bash(root);
    case 'zsh':
      return zsh(root);
    case 'fish':
      return fish(root);
  }
}

interface Node {
  readonly path: string;
  readonly command: CompletionCommand;
}

function nodes(root: CompletionCommand): Node[] {
  const all: Node[] = [];
  const walk = (command: CompletionCommand, path: string) => {
    all.push({ path, command });
    for (const sub of command.subcommands) walk(sub, path === '' ? sub.name : `${path} ${sub.name}`);
  };
  walk(root, '');
  return all;
}

/** A word list for the shell, single-quoted. */
const words = (list: readonly string[]) => `'${list.join(' ').replace(/'/g, `'\\''`)}'`;

function bash(root: CompletionCommand): string {
  const all = nodes(root);
  const name = root.name;
  const fn = `_${name.replace(/[^A-Za-z0-9_]/g, '_')}_completion`;
  const transitions = all.flatMap(({ path, command }) => command.subcommands.map((sub) => `      "${path}/${sub.name}") cmd="${path === '' ? sub.name : `${path} ${sub.name}`}" ;;`));
  const choices = all.flatMap(({ path, command }) =>
    command.options.filter((o) => o.choices).map((o) => `    ${o.flags.map((f) => `"${path}/${f}"`).join('|')}) COMPREPLY=($(compgen -W ${words(o.choices ?? [])} -- "$cur")); return ;;`),
  );
  const valued = all.flatMap(({ path, command }) => command.options.filter((o) => o.takesValue && !o.choices).flatMap((o) => o.flags.map((f) => `"${path}/${f}"`)));
  const options = all.map(({ path, command }) => `    "${path}") opts=${words([...command.options.flatMap((o) => o.flags), '--help'])}; subs=${words(command.subcommands.map((s) => s.name))} ;;`);
  return `# ${name} completion for bash: add to ~/.bashrc
#   source <(${name} completion bash)
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" cmd="" i w opts subs
  [ "$COMP_CWORD" -gt 0 ] && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "$cmd/$w" in
${transitions.join('\n')}
    esac
  done
  case "$cmd/$prev" in
${choices.join('\n')}
${valued.length > 0 ? `    ${valued.join('|')}) COMPREPLY=($(compgen -f -- "$cur")); return ;;` : ''}
  esac
  case "$cmd" in
${options.join('\n')}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$subs" -- "$cur") $(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F ${fn} ${name}
`;
}

function zsh(root: CompletionCommand): string {
  // zsh runs the bash script through its own bashcompinit, which is what it is for.
  return `# ${root.name} completion for zsh: add to ~/.zshrc
#   source <(${root.name} completion zsh)
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bash(root)
  .split('\n')
  .filter((line) => !line.startsWith('#'))
  .join('\n')}`;
}

function fish(root: CompletionCommand): string {
  const name = root.name;
  const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const lines = [`# ${name} completion for fish: save as ~/.config/fish/completions/${name}.fish`, `#   ${name} completion fish > ~/.config/fish/completions/${name}.fish`, `complete -c ${name} -f`];
  for (const { path, command } of nodes(root)) {
    const seen = path === '' ? [] : path.split(' ');
    const condition = seen.length === 0 ? '__fish_use_subcommand' : seen.map((w) => `__fish_seen_subcommand_from ${w}`).join('; and ');
    const subNames = command.subcommands.map((s) => s.name);
    for (const sub of command.subcommands) {
      const when = subNames.length > 0 && seen.length > 0 ? `${condition}; and not __fish_seen_subcommand_from ${subNames.join(' ')}` : condition;
      lines.push(`complete -c ${name} -n ${quote(when)} -a ${sub.name} -d ${quote(sub.description)}`);
    }
    for (const option of command.options) {
      const spell = option.flags.map((f) => (f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`)).join(' ');
      const values = option.choices ? ` -x -a ${quote(option.choices.join(' '))}` : option.takesValue ? ' -r -F' : '';
      lines.push(`complete -c ${name} -n ${quote(condition)} ${spell}${values} -d ${quote(option.description)}`);
    }
    if (command.subcommands.length === 0 && path !== '') lines.push(`complete -c ${name} -n ${quote(condition)} -F`);
  }
  return `${lines.join('\n')}\n`;
}
