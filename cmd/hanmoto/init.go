package main

import (
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"time"

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
that already holds a book.yaml.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "title", Value: manuscript.PlaceholderTitle, Usage: "the book's `TITLE`"},
			&cli.StringFlag{Name: "author", Value: manuscript.PlaceholderAuthor, Usage: "the author's `NAME`"},
			quietFlag(),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usage(e.p.Errorf("init takes the folder to create"))
			}
			dir := c.Args().First()
			if _, err := os.Stat(filepath.Join(dir, "book.yaml")); err == nil {
				return fail(e.p.Errorf("%s already holds a book.yaml; nothing was changed", dir))
			}
			var id [16]byte
			if _, err := rand.Read(id[:]); err != nil {
				return usage(err)
			}
			id[6] = id[6]&0x0f | 0x40
			id[8] = id[8]&0x3f | 0x80
			uuid := fmt.Sprintf("%x-%x-%x-%x-%x", id[0:4], id[4:6], id[6:8], id[8:10], id[10:])
			files := map[string]string{
				"book.yaml": fmt.Sprintf(`# hanmoto manuscript settings: docs/manuscript.md lists every key.
title: %q
title-reading: ""        # the title in katakana, for sorting
author: %q
language: ja
writing-mode: vertical   # vertical (縦書き) or horizontal (横書き)
line-mode: novel         # novel: every line a paragraph, as on web-novel sites
identifier: urn:uuid:%s  # keep this for the life of the book
date: %s
# publisher: ""
# cover: cover.jpg       # JPEG or PNG, width×height 1600×2560 recommended (1.6:1)
# series: ""
# volume: 1
`, c.String("title"), c.String("author"), uuid, time.Now().Format("2006-01-02")),
				"chapters/001.md": "# 第一話\n\n　ここから物語が始まる。\n「|台詞《せりふ》は鉤括弧で」\n",
				".gitignore":      "dist/\n",
			}
			for _, name := range []string{"book.yaml", "chapters/001.md", ".gitignore"} {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					return usage(err)
				}
				if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
					return usage(err)
				}
			}
			if !c.Bool("quiet") {
				e.printf(e.stdout, "created %s: edit book.yaml, write chapters/*.md, then: hanmoto build %s\n", dir, dir)
			}
			return nil
		},
	}
}
