package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/hanmoto/hanmoto/epub"
	"github.com/urfave/cli/v2"
)

func checkCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "check an EPUB (or build a manuscript folder and check it) against KDP's rules and epubcheck",
		ArgsUsage: "FILE.epub|DIR",
		Description: `KDP's rules: fewer than 300 HTML files, each under 30 MB, a cover image,
title, language, identifier and modification date, primary-writing-mode for
books that turn pages right to left, a navigation document and toc.ncx.

Then epubcheck, when Java and the jar are here (Debian's epubcheck package;
EPUBCHECK_JAR names another jar). Exit 1 when anything is an error.`,
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "no-epubcheck", Usage: "apply KDP's rules only"},
			&cli.StringFlag{Name: "volume", Usage: "build and check volume `N` of a serial (book.yaml's volumes:)"},
			quietFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usage(e.p.Errorf("check takes one EPUB file or manuscript folder"))
			}
			target := c.Args().First()
			fi, err := os.Stat(target)
			if err != nil {
				return usage(err)
			}
			if fi.IsDir() {
				tmp, err := os.MkdirTemp("", "hanmoto-check")
				if err != nil {
					return usage(err)
				}
				defer os.RemoveAll(tmp)
				if target, err = buildToCheck(e, c, target, filepath.Join(tmp, "book.epub")); err != nil {
					return err
				}
			} else if c.IsSet("volume") {
				return usage(e.p.Errorf("--volume picks a volume of a manuscript folder; %s is an EPUB", target))
			}
			findings, err := epub.Check(target)
			if err != nil {
				return fail(err)
			}
			errs := 0
			for _, f := range findings {
				if f.Severity == "error" {
					errs++
				}
				e.printf(e.stdout, "%s: %s\n", c.Args().First(), f)
			}
			if !c.Bool("no-epubcheck") {
				stop := newProgress(e, "running epubcheck…", c.Bool("quiet")).spin()
				res, ran, err := epub.Epubcheck(target)
				stop()
				switch {
				case err != nil:
					return usage(err)
				case !ran:
					e.printf(e.stderr, "epubcheck skipped: no Java or no epubcheck.jar (apt-get install epubcheck)"+"\n")
				default:
					if res.Fatals+res.Errors+res.Warnings > 0 {
						fmt.Fprint(e.stdout, res.Output)
						errs += res.Fatals + res.Errors
					}
					if !c.Bool("quiet") {
						e.printf(e.stdout, "epubcheck: %d fatals, %d errors, %d warnings\n", res.Fatals, res.Errors, res.Warnings)
					}
				}
			}
			if errs > 0 {
				return findingsRemain{}
			}
			if !c.Bool("quiet") {
				e.printf(e.stdout, "%s: ok for KDP\n", c.Args().First())
			}
			return nil
		},
	}
}

// buildToCheck builds the manuscript in dir — or its volume --volume — to
// out, quietly.
func buildToCheck(e *env, c *cli.Context, dir, out string) (string, error) {
	if !c.IsSet("volume") {
		return buildBook(e, dir, out, true)
	}
	b, err := loadForBuild(e, dir, true)
	if err != nil {
		return "", err
	}
	v, _, err := oneVolume(e, dir, b, c.String("volume"))
	if err != nil {
		return "", err
	}
	if out, err = writeEPUB(e, dir, v, out, true, time.Now()); err != nil {
		return "", err
	}
	e.sayPublished(e.stdout, b, v, out, c.Bool("quiet"))
	return out, nil
}
