package main

import (
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/report"
)

func bookFlag() cli.Flag {
	return &cli.StringFlag{Name: "book", Usage: "the serial's manuscript `DIR` (its book.yaml's volumes:); remembered for next time (default: the one given last, else the current folder)"}
}

func reportSeriesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "series",
		Usage: "a serial's volumes by month — units, KENP pages, royalties — and read-through from each to the next",
		Description: `Groups the ledger's lines by the volumes book.yaml lists (--book DIR: each
volume's asin for the eBook and KENP, isbn for the paperback). One row per
month and volume: paid units net of refunds, free units, KENP pages (*
where some are not priced yet), royalties per currency as KDP reported
them, and the home-currency total (— while a rate is missing).

Read-through is how many readers of volume N went on to N+1: its units
over volume N's, per month and over the series' life ("all"); and the same
with KENP pages made whole reads by each volume's kenpc (its page count
in KDP's bookshelf, set in book.yaml: no report carries it).

The ledger remembers --book: the next report series or chart series reads
the same serial without it.`,
		Flags: []cli.Flag{bookFlag(), newFormatFlag("table", "table", "csv", "json"), ledgerFlag()},
		Action: func(c *cli.Context) error {
			s, err := e.serialReport(c)
			if err != nil {
				return err
			}
			rows, rt := s.Tables()
			rows.Label, rt.Label = e.p.T, e.p.T
			if err := e.table(e.words(rows), e.format(c)); err != nil {
				return err
			}
			if e.format(c) == "table" {
				e.println(e.stdout, "")
			}
			return e.table(e.words(rt), e.format(c))
		},
	}
}

// serialReport is the ledger's lines of the serial --book names (or the
// ledger remembers), by volume and month.
func (e *env) serialReport(c *cli.Context) (*report.SerialReport, error) {
	l, err := openLedger(e, c, readLedger)
	if err != nil {
		return nil, err
	}
	defer l.Close()
	dir := c.String("book")
	if !c.IsSet("book") {
		if dir, err = l.SeriesBook(); err != nil {
			return nil, usage(err)
		}
		if dir == "" {
			dir = "."
		}
	}
	if err := e.inputDir(dir); err != nil {
		return nil, err
	}
	cfg, err := manuscript.ReadConfig(dir)
	if err != nil {
		return nil, manuscriptError(e, dir, err)
	}
	var vols []report.SeriesVolume
	for i, v := range cfg.Volumes {
		vols = append(vols, report.SeriesVolume{N: i + 1, ASIN: v.ASIN, ISBN: v.ISBN, KENPC: v.KENPC})
	}
	if len(vols) == 0 {
		return nil, usage(e.p.Errorf("%s has no volumes: list them in book.yaml (hanmoto volumes plan --write), each with its asin once KDP publishes it", filepath.ToSlash(filepath.Join(dir, manuscript.ConfigFile))))
	}
	if c.IsSet("book") {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return nil, usage(err)
		}
		if err := l.SetSeriesBook(abs); err != nil {
			return nil, usage(err)
		}
	}
	home, err := l.HomeCurrency()
	if err != nil {
		return nil, usage(err)
	}
	rs, err := l.Royalties(ctxb, ledger.Filter{})
	if err != nil {
		return nil, usage(err)
	}
	series := cfg.Series
	if series == "" {
		series = cfg.Title
	}
	return report.BuildSeries(series, rs, vols, home), nil
}

func chartSeriesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "series",
		Usage: "a serial's months as bars, each split by volume: royalties, units or KENP pages",
		Description: `One bar per month for the last --months, split into the serial's volumes
(--book DIR, remembered as report series remembers it), with a legend:
royalties in the home currency (--of royalty, the default; ≥ marks a month
part of which waits for a rate or for KENP to be priced, — one with none
converted), paid units (--of units) or KENP pages read (--of kenp).

   hanmoto chart series --book novel/
   hanmoto chart series --of units --svg series.svg`,
		Flags: []cli.Flag{bookFlag(), &cli.StringFlag{Name: "of", Value: "royalty", Usage: "`WHAT` each bar is: royalty, units or kenp"},
			&cli.IntFlag{Name: "months", Value: 12, Usage: "the last `N` months"}, colorsFlag(), svgFlag(), ledgerFlag()},
		Action: func(c *cli.Context) error {
			colors, err := colorsFor(e, c)
			if err != nil {
				return usage(err)
			}
			of, ok := report.SeriesMeasure(c.String("of"))
			if !ok {
				return usage(e.p.Errorf("--of %q: give royalty, units or kenp", c.String("of")))
			}
			if c.Int("months") < 1 {
				return usage(e.p.Errorf("--months must be at least 1"))
			}
			s, err := e.serialReport(c)
			if err != nil {
				return err
			}
			months, groups, values, marks, cur := s.Stack(of, func(n int) string { return e.p.Sprintf("vol. %d", n) })
			months, values, marks = report.Last(c.Int("months"), months, values, marks)
			title := e.p.Sprintf("%s by month and volume: %s", s.Name, e.p.Msg(report.MeasureTitle(of, s.Home)))
			e.println(e.stdout, title)
			report.StackedBarsText(e.stdout, e.p, months, groups, values, cur, chartWidth(e), colors, marks...)
			return writeSVG(c.String("svg"), report.StackedBars(title, months, groups, values, cur, marks...))
		},
	}
}
