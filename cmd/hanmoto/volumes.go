package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/hanmoto/hanmoto/internal/jinput"
	"github.com/hanmoto/hanmoto/internal/textable"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/paperback"
)

func volumesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "volumes",
		Usage: "make a serial several books: plan its volumes, write them to book.yaml",
		Description: `A serial of hundreds of episodes is published as 第1巻, 第2巻, …: each a book
of its own, listed in book.yaml's volumes: with its episodes and its own
identifier. build --volume N (or all) then makes each volume's EPUB.

   hanmoto volumes plan --target 12万
   hanmoto volumes plan --target 120000 --write
   hanmoto build --volume all
   hanmoto volumes record 1 --asin B0ABCDE123   once KDP sells volume 1`,
		Subcommands: []*cli.Command{volumesPlanCommand(e), volumesRecordCommand(e)},
	}
}

func volumesPlanCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "plan",
		Usage:     "propose volumes of about a target length, at part or episode ends",
		ArgsUsage: "[DIR]",
		Description: `Divides the serial in DIR (default: the current folder) into volumes of about
--target characters (文字数, as an author counts them: no spaces, readings or
notes), never inside an episode, at a part's end where one is near, each
paperback within KDP's page limit on the trim and paper (--trim, --paper or
book.yaml's print:). Prints 巻, episodes, characters and estimated pages.

--write puts the plan in book.yaml's volumes:, replacing that block alone:
every other line stays as written. A volume keeps the identifier, ISBN and
ASIN book.yaml gave it; a new one gets an identifier of its own.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "target", Value: "120000", Usage: "characters a volume, about: `N` (120000, 12万, 120000字)"},
			&cli.StringFlag{Name: "trim", Usage: "the paperback's `SIZE`, for the page limit: a5, b6, shiroku, shinsho, …"},
			&cli.StringFlag{Name: "paper", Usage: "white or cream (`PAPER`: cream allows 776 pages, white 828)"},
			&cli.IntFlag{Name: "max-pages", Usage: "keep each paperback within `N` pages (below KDP's limit: a thinner book, a price band)"},
			&cli.BoolFlag{Name: "write", Usage: "write the plan to book.yaml's volumes:"},
			newFormatFlag("table", listFormats...),
			quietFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usage(e.p.Errorf("volumes plan takes one manuscript folder, got %d arguments", c.NArg()))
			}
			dir := c.Args().First()
			if dir == "" {
				dir = "."
			}
			if err := e.inputDir(dir); err != nil {
				return err
			}
			t, err := jinput.Amount(strings.TrimSuffix(jinput.Fold(c.String("target")), "字"))
			if err != nil || !t.IsInteger() || t.IntPart() < 1000 {
				return usage(e.p.Errorf("--target %q: give the characters of a volume, as 120000 or 12万 (at least 1000)", c.String("target")))
			}
			b, err := manuscript.Load(dir, manuscript.Options{NoRender: true})
			if err != nil {
				return manuscriptError(e, dir, err)
			}
			opt, err := paperback.Settings(paperback.Flags{Trim: c.String("trim"), Paper: c.String("paper")}, b.Config.Print)
			var se *paperback.SettingError
			if errors.As(err, &se) && se.InBook {
				return fail(e.p.Errorf("%s: %v", filepath.ToSlash(filepath.Join(dir, manuscript.ConfigFile)), se.Err))
			}
			if err != nil {
				return usage(err)
			}
			if c.Int("max-pages") < 0 || c.IsSet("max-pages") && c.Int("max-pages") < paperback.MinPages {
				return usage(e.p.Errorf("--max-pages %d: KDP prints paperbacks of at least %d pages", c.Int("max-pages"), paperback.MinPages))
			}
			plan, pages := paperback.PlanVolumes(b, int(t.IntPart()), opt.Trim, opt.Paper, c.Int("max-pages"))
			tb := &textable.Table{Header: []string{"volume", "episodes", "characters", "pages"},
				Numeric: map[string]bool{"volume": true, "characters": true, "pages": true}}
			for i, v := range plan {
				tb.Add(strconv.Itoa(i+1), fmt.Sprintf("%d-%d", v.First, v.Last), strconv.Itoa(v.Chars), strconv.Itoa(pages[i]))
			}
			tb.Label = e.p.T
			if !c.Bool("quiet") || e.format(c) != "table" {
				if err := e.table(e.words(tb), e.format(c)); err != nil {
					return err
				}
			}
			if !c.Bool("write") {
				return nil
			}
			if err := manuscript.WriteVolumes(dir, b.Config.VolumesFor(plan)); err != nil {
				return fail(err)
			}
			if !c.Bool("quiet") {
				e.printf(e.stderr, "wrote %d volumes to %s\n", len(plan), filepath.ToSlash(filepath.Join(dir, manuscript.ConfigFile)))
			}
			return nil
		},
	}
}
