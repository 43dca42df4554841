package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/urfave/cli/v2"
)

// writeHelp prints the help of the app or of the last command in path, in
// the printer's language. It is ours rather than urfave/cli's templates so
// that every word of it can be Japanese, and so that no process-wide
// template or printer has to be changed.
func writeHelp(w io.Writer, p i18n.Printer, app *cli.App, path []*cli.Command) {
	name := app.Name
	usage, desc, args := app.Usage, app.Description, ""
	flags, subs := app.Flags, app.Commands
	for _, c := range path {
		name += " " + c.Name
		usage, desc, args = c.Usage, c.Description, c.ArgsUsage
		flags, subs = c.Flags, c.Subcommands
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s\n\n%s\n   %s", name, p.T(usage), p.T("Usage:"), name)
	switch {
	case len(path) == 0:
		b.WriteString(p.T(" [global options] command [options] [arguments…]"))
	case len(subs) > 0:
		b.WriteString(p.T(" command [options] [arguments…]"))
	default:
		if len(flags) > 0 {
			b.WriteString(p.T(" [options]"))
		}
		if args != "" {
			b.WriteString(" " + p.T(args))
		}
	}
	b.WriteString("\n")
	if desc != "" {
		b.WriteString("\n" + indent(p.T(desc), "   ") + "\n")
	}
	if len(subs) > 0 {
		b.WriteString("\n" + p.T("Commands:") + "\n")
		var rows [][2]string
		for _, c := range subs {
			if !c.Hidden {
				rows = append(rows, [2]string{c.Name, p.T(c.Usage)})
			}
		}
		writeRows(&b, rows)
	}
	if len(flags) > 0 {
		if len(path) == 0 {
			b.WriteString("\n" + p.T("Global options (before or after the command):") + "\n")
		} else {
			b.WriteString("\n" + p.T("Options (before or after the operands):") + "\n")
		}
		var rows [][2]string
		for _, f := range flags {
			if v, ok := f.(cli.VisibleFlag); ok && !v.IsVisible() {
				continue
			}
			rows = append(rows, flagRow(p, f))
		}
		rows = append(rows, [2]string{"-h, --help", p.T("show this help")})
		writeRows(&b, rows)
	}
	if len(path) > 0 && len(subs) > 0 {
		fmt.Fprintf(&b, "\n%s\n", p.Sprintf("Run %s COMMAND --help for a command's options.", name))
	}
	io.WriteString(w, b.String())
}

// flagRow is a flag's names with its placeholder, and what it does.
func flagRow(p i18n.Printer, f cli.Flag) [2]string {
	usage := ""
	if d, ok := f.(cli.DocGenerationFlag); ok {
		usage = d.GetUsage()
	}
	placeholder, text := unquoteUsage(p.T(usage))
	var names []string
	for _, n := range f.Names() {
		if len(n) == 1 {
			names = append(names, "-"+n)
		} else {
			names = append(names, "--"+n)
		}
	}
	// the short name first, as every manual page writes it
	if len(names) > 1 && len(names[len(names)-1]) == 2 {
		names = append([]string{names[len(names)-1]}, names[:len(names)-1]...)
	}
	left := strings.Join(names, ", ")
	if d, ok := f.(cli.DocGenerationFlag); ok && d.TakesValue() {
		if placeholder == "" {
			placeholder = "VALUE"
		}
		left += " " + placeholder
		if def := d.GetValue(); def != "" && def != "0" && def != "[]" {
			text += p.Sprintf(" (default: %s)", def)
		}
	}
	return [2]string{left, text}
}

func writeRows(b *strings.Builder, rows [][2]string) {
	width := 0
	for _, r := range rows {
		width = max(width, len(r[0]))
	}
	for _, r := range rows {
		fmt.Fprintf(b, "   %-*s   %s\n", width, r[0], strings.ReplaceAll(r[1], "\n", "\n   "+strings.Repeat(" ", width+3)))
	}
}

func indent(s, by string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = by + l
		}
	}
	return strings.Join(lines, "\n")
}

// unquoteUsage takes the `PLACEHOLDER` out of a flag's usage, as urfave/cli
// does for its own help.
func unquoteUsage(usage string) (placeholder, text string) {
	i := strings.IndexByte(usage, '`')
	if i < 0 {
		return "", usage
	}
	j := strings.IndexByte(usage[i+1:], '`')
	if j < 0 {
		return "", usage
	}
	placeholder = usage[i+1 : i+1+j]
	return placeholder, usage[:i] + placeholder + usage[i+2+j:]
}
