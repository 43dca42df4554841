package main

import (
	"strings"

	"github.com/hanmoto/hanmoto/internal/jinput"

	"github.com/urfave/cli/v2"
)

// commandLine is what the arguments say before urfave/cli reads them: the
// command named, the language asked for, and whether help was asked for.
type commandLine struct {
	args []string       // reordered: command names, then flags, then "--" and the operands
	path []*cli.Command // the commands named, outermost first (none: the app itself)
	help bool
	lang string // --lang's value, "" when not given
	wide bool   // --wide, which every command with a table takes
	// noValue names a flag typed without its value ("-o" last, or before
	// another flag): it never takes the next flag or "--" as its value
	noValue string
	// unknown is the first flag no command on the path knows, spelt as
	// the help spells it; badValue a number flag's value that is no number
	unknown           string
	badFlag, badValue string
}

// imeFlags reads flags typed with an input method's dashes (ーーfix,
// －－ｆｉｘ, an editor's —fix) as flags; after "--" nothing is a flag.
func imeFlags(args []string) []string {
	out := append([]string(nil), args...)
	for i := 1; i < len(out); i++ {
		if out[i] == "--" {
			break
		}
		if f, ok := jinput.Flag(out[i]); ok {
			out[i] = f
		}
	}
	return out
}

// parseCommandLine puts every flag before the operands, so that flags may
// stand anywhere as people type them after years of git and go
// (urfave/cli v2 stops reading flags at the first operand). Flags are known
// by name from the command tree: a flag's value is never an operand, and
// after "--" nothing is a flag. The operands are passed after "--", so a
// file named "-x" stays a file.
//
// --lang, --help/-h and help as the first operand are taken out here: the
// help is ours, in the reader's language.
func parseCommandLine(app *cli.App, args []string) commandLine {
	cl := commandLine{args: []string{args[0]}}
	// the shell asks for completions with this flag last, and urfave/cli
	// looks for it there
	complete := len(args) > 1 && args[len(args)-1] == completionFlag
	if complete {
		args = args[:len(args)-1]
	}
	flags := app.Flags
	subs := app.Commands
	var flagArgs []flagArg
	var operands []string
	rest := args[1:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			operands = append(operands, rest[i+1:]...)
			break
		}
		if name, value, hasValue, ok := flagToken(a); ok {
			switch name {
			case "help", "h":
				cl.help = true
				continue
			case "lang":
				if !hasValue && i+1 < len(rest) {
					i++
					value = rest[i]
				}
				cl.lang = value
				continue
			case "wide":
				cl.wide = true
				continue
			}
			tok, next, ok := cl.readFlag(cl.findFlag(app, flags, name), a, name, value, hasValue, rest, i)
			i = next
			if ok {
				flagArgs = append(flagArgs, flagArg{name, tok})
			}
			continue
		}
		if len(operands) == 0 {
			if a == "help" && len(subs) > 0 {
				cl.help = true
				continue
			}
			if c := findCommand(subs, a); c != nil {
				flagArgs = cl.placeFlags(flags, flagArgs)
				cl.args = append(cl.args, c.Name)
				cl.path = append(cl.path, c)
				flags, subs = c.Flags, c.Subcommands
				continue
			}
		}
		operands = append(operands, a)
	}
	for _, fa := range flagArgs {
		cl.args = append(cl.args, fa.tok...)
	}
	switch {
	case complete:
		cl.args = append(append(cl.args, operands...), completionFlag)
	case len(operands) > 0:
		cl.args = append(cl.args, "--")
		cl.args = append(cl.args, operands...)
	}
	return cl
}

// findFlag is the flag name of the innermost command on the path that
// knows it (the app's last); nil when none does, and then the first such
// name is the line's unknown flag.
func (cl *commandLine) findFlag(app *cli.App, flags []cli.Flag, name string) cli.Flag {
	f := findFlag(flags, name)
	for j := len(cl.path) - 1; f == nil && j >= -1; j-- {
		if j < 0 {
			f = findFlag(app.Flags, name)
		} else {
			f = findFlag(cl.path[j].Flags, name)
		}
	}
	if f == nil && cl.unknown == "" {
		cl.unknown = dashes(name)
	}
	return f
}

// readFlag reads the flag typed as a (named name, with value when typed
// as name=value) at rest[i]: its words, with the next argument as its value
// when it takes one, and the index of the last argument it used. A flag
// missing its value is noted and dropped (ok false); a number flag's value
// that is no number is noted.
func (cl *commandLine) readFlag(f cli.Flag, a, name, value string, hasValue bool, rest []string, i int) (tok []string, last int, ok bool) {
	tok = []string{a}
	if f != nil && takesValue(f) && !hasValue {
		next := ""
		if i+1 < len(rest) {
			next = rest[i+1]
		}
		if _, _, _, isFlag := flagToken(next); i+1 >= len(rest) || next == "--" || isFlag {
			if cl.noValue == "" {
				cl.noValue = dashes(name)
			}
			return nil, i, false
		}
		i++
		value = rest[i]
		tok = append(tok, numeric(f, value))
	} else if f != nil && hasValue {
		tok = []string{a[:len(a)-len(value)] + numeric(f, value)}
	}
	if f != nil && !isNumber(f, numeric(f, value)) && cl.badFlag == "" {
		cl.badFlag, cl.badValue = dashes(name), value
	}
	return tok, i, true
}

// placeFlags puts the flags so far that the command above (flags) knows
// before the subcommand's name, as its own; the others go on down to the
// command that knows them, and are returned.
func (cl *commandLine) placeFlags(flags []cli.Flag, flagArgs []flagArg) []flagArg {
	var keep []flagArg
	for _, fa := range flagArgs {
		if findFlag(flags, fa.name) != nil {
			cl.args = append(cl.args, fa.tok...)
		} else {
			keep = append(keep, fa)
		}
	}
	return keep
}

const completionFlag = "--generate-bash-completion"

// flagArg is a flag as typed: its name and its one or two words.
type flagArg struct {
	name string
	tok  []string
}

// flagToken splits "--name=value", "--name", "-n" into the flag's name and
// value. "-" alone (standard input) and negative numbers are operands.
func flagToken(a string) (name, value string, hasValue, ok bool) {
	if len(a) < 2 || a[0] != '-' || a == "--" {
		return "", "", false, false
	}
	s := strings.TrimLeft(a, "-")
	if s == "" || (s[0] >= '0' && s[0] <= '9') || len(a)-len(s) > 2 {
		return "", "", false, false
	}
	if i := strings.IndexByte(s, '='); i >= 0 {
		return s[:i], s[i+1:], true, true
	}
	return s, "", false, true
}

func findFlag(flags []cli.Flag, name string) cli.Flag {
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				return f
			}
		}
	}
	return nil
}

func takesValue(f cli.Flag) bool {
	if d, ok := f.(cli.DocGenerationFlag); ok {
		return d.TakesValue()
	}
	return false
}

func findCommand(cs []*cli.Command, name string) *cli.Command {
	for _, c := range cs {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}
