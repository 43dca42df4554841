package main

import (
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/hanmoto/hanmoto/sales/ledger"
	"github.com/hanmoto/hanmoto/sales/report"
)

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
in KDP's bookshelf, set in book.yaml: no report carries it).`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "book", Value: ".", Usage: "the serial's manuscript `DIR` (its book.yaml's volumes:)"},
			newFormatFlag("table", "table", "csv", "json"), ledgerFlag(),
		},
		Action: func(c *cli.Context) error {
			dir := c.String("book")
			if err := e.inputDir(dir); err != nil {
				return err
			}
			cfg, err := manuscript.ReadConfig(dir)
			if err != nil {
				return manuscriptError(e, dir, err)
			}
			var vols []report.SeriesVolume
			for i, v := range cfg.Volumes {
				vols = append(vols, report.SeriesVolume{N: i + 1, ASIN: v.ASIN, ISBN: v.ISBN, KENPC: v.KENPC})
			}
			if len(vols) == 0 {
				return usage(e.p.Errorf("%s has no volumes: list them in book.yaml (hanmoto volumes plan --write), each with its asin once KDP publishes it", filepath.ToSlash(filepath.Join(dir, manuscript.ConfigFile))))
			}
			l, err := openLedger(e, c, readLedger)
			if err != nil {
				return err
			}
			defer l.Close()
			home, err := l.HomeCurrency()
			if err != nil {
				return usage(err)
			}
			rs, err := l.Royalties(ctxb, ledger.Filter{})
			if err != nil {
				return usage(err)
			}
			s := report.BuildSeries(cfg.Series, rs, vols, home)
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
