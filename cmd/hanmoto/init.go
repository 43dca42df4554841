package main

import (
	"errors"
	"time"

	"github.com/hanmoto/hanmoto/internal/i18n"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/urfave/cli/v2"
)

func initCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "init",
		Usage:     "start a manuscript folder",
		ArgsUsage: "DIR",
		Description: `Writes DIR/book.yaml (with a fresh, stable identifier: keep it for the
life of the book), DIR/chapters/001.md and DIR/.gitignore. Refuses a folder
that already holds a book.yaml. book.yaml's comments are in your language.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "title", Usage: "the book's `TITLE` (default: a placeholder build warns of)"},
			&cli.StringFlag{Name: "author", Usage: "the author's `NAME` (default: a placeholder build warns of)"},
			quietFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usage(e.p.Errorf("init takes the folder to create"))
			}
			dir := c.Args().First()
			err := manuscript.Scaffold(dir, manuscript.ScaffoldOptions{Title: c.String("title"), Author: c.String("author"),
				Date: time.Now().Format("2006-01-02"), Lang: e.p.Lang})
			var ie *i18n.Error
			switch {
			case errors.As(err, &ie):
				return fail(err)
			case err != nil:
				return usage(err)
			}
			if !c.Bool("quiet") {
				e.printf(e.stdout, "created %s: edit book.yaml, write chapters/*.md, then: hanmoto build %s\n", dir, dir)
			}
			return nil
		},
	}
}
