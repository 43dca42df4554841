package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

func completionCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print the shell completion script for bash, zsh or fish",
		ArgsUsage: "bash|zsh|fish",
		Description: `Commands, sub-commands and flags complete with Tab; files complete as usual.

   bash:  echo 'source <(hanmoto completion bash)' >> ~/.bashrc
   zsh:   echo 'source <(hanmoto completion zsh)' >> ~/.zshrc
   fish:  hanmoto completion fish > ~/.config/fish/completions/hanmoto.fish`,
		Action: func(c *cli.Context) error {
			switch c.Args().First() {
			case "bash":
				fmt.Fprint(e.stdout, bashCompletion)
			case "zsh":
				fmt.Fprint(e.stdout, zshCompletion)
			case "fish":
				s, err := c.App.ToFishCompletion()
				if err != nil {
					return usage(err)
				}
				fmt.Fprint(e.stdout, s)
			default:
				return usage(e.p.Errorf("completion takes the shell: bash, zsh or fish"))
			}
			return nil
		},
	}
}

// The scripts ask hanmoto itself what may come next: the words typed so far
// followed by --generate-bash-completion (urfave/cli answers it).
const bashCompletion = `# hanmoto completion for bash: source <(hanmoto completion bash)
_hanmoto() {
  local cur="${COMP_WORDS[COMP_CWORD]}" words
  if [[ "$cur" == -* ]]; then
    words=$("${COMP_WORDS[@]:0:COMP_CWORD}" "$cur" --generate-bash-completion 2>/dev/null)
  else
    words=$("${COMP_WORDS[@]:0:COMP_CWORD}" --generate-bash-completion 2>/dev/null)
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -o bashdefault -F _hanmoto hanmoto
`

const zshCompletion = `#compdef hanmoto
# hanmoto completion for zsh: source <(hanmoto completion zsh)
_hanmoto() {
  local -a opts
  local cur=${words[CURRENT]}
  if [[ "$cur" == -* ]]; then
    opts=("${(@f)$(${words[1,CURRENT-1]} $cur --generate-bash-completion 2>/dev/null)}")
  else
    opts=("${(@f)$(${words[1,CURRENT-1]} --generate-bash-completion 2>/dev/null)}")
  fi
  if [[ -n "${opts[1]}" ]]; then
    _describe 'hanmoto' opts
  else
    _files
  fi
}
compdef _hanmoto hanmoto
`
