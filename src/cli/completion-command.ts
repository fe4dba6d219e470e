// `kdrill completion bash|zsh|fish`: a script that asks `kdrill __complete` for each completion.
import { UsageError } from '../errors.js';

// Words ending in / (deployment/) take no space after them: the name follows.
const BASH = `# kdrill completion for bash: source <(kdrill completion bash)
_kdrill() {
  local IFS=$'\\n'
  COMPREPLY=($(kdrill __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
  if [[ \${#COMPREPLY[@]} -eq 1 && \${COMPREPLY[0]} == */ ]]; then compopt -o nospace 2>/dev/null; fi
  if [[ \${#COMPREPLY[@]} -eq 0 && \${COMP_WORDS[COMP_CWORD-1]} =~ ^--(kubeconfig|log-file|kubeconfig-out)$ ]]; then COMPREPLY=($(compgen -f -- "\${COMP_WORDS[COMP_CWORD]}")); fi
}
complete -F _kdrill kdrill
`;

const ZSH = `#compdef kdrill
# kdrill completion for zsh: source <(kdrill completion zsh)
_kdrill() {
  local -a found slashed plain
  found=("\${(@f)$(kdrill __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  found=(\${found:#})
  slashed=(\${(M)found:#*/})
  plain=(\${found:#*/})
  (( \${#slashed} )) && compadd -Q -S '' -- "\${slashed[@]}"
  (( \${#plain} )) && compadd -Q -- "\${plain[@]}"
  [[ \${words[CURRENT-1]} == --(kubeconfig|log-file|kubeconfig-out) ]] && _files
  return 0
}
if (( $+functions[compdef] )); then compdef _kdrill kdrill; fi
`;

const FISH = `# kdrill completion for fish: kdrill completion fish | source
function __kdrill_complete
    set -l words (commandline -opc) (commandline -ct)
    kdrill __complete $words[2..-1] 2>/dev/null
end
complete -c kdrill -f -a '(__kdrill_complete)'
complete -c kdrill -l kubeconfig -r -F
complete -c kdrill -l log-file -r -F
`;

const SCRIPTS: Record<string, string> = { bash: BASH, zsh: ZSH, fish: FISH };

/** Prints the completion script for a shell. */
export async function completionCommand(args: string[]): Promise<number> {
  const [shell, ...rest] = args;
  if (shell === '--help' || shell === '-h') {
    process.stdout.write('Usage:\n  kdrill completion bash|zsh|fish\n\n  bash: source <(kdrill completion bash)   (in ~/.bashrc)\n  zsh:  source <(kdrill completion zsh)    (in ~/.zshrc, after compinit)\n  fish: kdrill completion fish | source    (in ~/.config/fish/config.fish)\n');
    return 0;
  }
  if (!shell || !Object.hasOwn(SCRIPTS, shell) || rest.length) throw new UsageError(`kdrill completion needs one shell: bash, zsh or fish${shell ? `, not "${[shell, ...rest].join(' ')}"` : ''}`, "run 'kdrill completion --help' for usage");
  process.stdout.write(SCRIPTS[shell]);
  return 0;
}
