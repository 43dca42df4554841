package main

import (
	"io"
	"path/filepath"
	"strings"

	"github.com/hanmoto/hanmoto/epub"
	"github.com/hanmoto/hanmoto/internal/jinput"
	"github.com/hanmoto/hanmoto/manuscript"
	"github.com/urfave/cli/v2"
)

func volumesRecordCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "record",
		Usage:     "record volume N as KDP sells it: its ASIN and a fingerprint of its content",
		ArgsUsage: "N [DIR]",
		Description: `Once KDP publishes volume N of the serial in DIR (default: the current
folder), writes its asin (--asin) and a fingerprint of the EPUB as built now
to its entry in book.yaml's volumes:. From then on build --volume and check
--volume say when the volume would change from the book readers bought, and
in what: its text (with the episodes saved since), its 目次, its title or
奥付, its stylesheet, its art. Record it again when KDP has the new file.

   hanmoto volumes record 1 --asin B0ABCDE123
   hanmoto volumes record 第2巻 novel/`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "asin", Usage: "the volume's `ASIN` on KDP (10 letters and digits, B0…)"},
			quietFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() < 1 || c.NArg() > 2 {
				return usage(e.p.Errorf("volumes record takes a volume's number and a manuscript folder: hanmoto volumes record 1 [DIR]"))
			}
			dir := c.Args().Get(1)
			if dir == "" {
				dir = "."
			}
			if err := e.inputDir(dir); err != nil {
				return err
			}
			asin := strings.ToUpper(strings.TrimSpace(jinput.Fold(c.String("asin"))))
			if c.IsSet("asin") && !manuscript.ValidASIN(asin) {
				return usage(e.p.Errorf("--asin %q: an ASIN is 10 letters and digits, as KDP's bookshelf shows it (B0ABCDE123)", c.String("asin")))
			}
			b, err := loadForBuild(e, dir, true)
			if err != nil {
				return err
			}
			if b.Volumes() == 0 {
				return usage(&manuscript.NoVolumesError{Which: c.Args().First()})
			}
			ns, err := b.VolumeNumbers(c.Args().First(), false)
			if err != nil {
				return usage(err)
			}
			v, err := b.Volume(ns[0])
			if err != nil {
				return manuscriptError(e, dir, err)
			}
			fp, err := epub.FingerprintBook(v)
			if err != nil {
				return manuscriptError(e, dir, err)
			}
			vols := append([]manuscript.VolumeConfig(nil), b.Config.Volumes...)
			vols[ns[0]-1].Fingerprint = &fp
			if asin != "" {
				vols[ns[0]-1].ASIN = asin
			}
			if err := manuscript.WriteVolumes(dir, vols); err != nil {
				return fail(err)
			}
			if !c.Bool("quiet") {
				e.printf(e.stderr, "recorded volume %d as published (%d episodes, made %s) in %s\n", ns[0], fp.Episodes, fp.Made, filepath.ToSlash(filepath.Join(dir, manuscript.ConfigFile)))
			}
			return nil
		},
	}
}

// sayPublished tells, to w, how volume v of series, as built to file,
// stands against what KDP sells: as published, or what would change.
func (e *env) sayPublished(w io.Writer, series, v *manuscript.Book, file string, quiet bool) {
	n := v.Config.Volume
	rec, changes, err := epub.Published(series, v, file)
	switch {
	case err != nil:
		e.printf(w, "warning: volume %d: can't compare it with what was published: %v\n", n, err)
	case rec == nil:
		if asin := series.Config.Volumes[n-1].ASIN; asin != "" && !quiet {
			e.printf(w, "note: volume %d is on sale (asin %s), and book.yaml holds no fingerprint of it: once this is the file KDP sells, hanmoto volumes record %d\n", n, asin, n)
		}
	case len(changes) == 0:
		if !quiet {
			e.printf(w, "volume %d is as published (made %s)\n", n, rec.Made)
		}
	default:
		e.printf(w, "warning: volume %d would change from the book KDP sells (made %s):\n", n, rec.Made)
		for _, m := range changes {
			e.printf(w, "  - %s\n", e.p.Msg(m))
		}
		e.printf(w, "  upload it to KDP as the volume's new file, then: hanmoto volumes record %d\n", n)
	}
}
