package manuscript

import (
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hanmoto/hanmoto/internal/i18n"
)

// What hanmoto init writes for a new book, in either language. A book that
// still carries one is not ready to publish: build warns, check refuses.
const (
	PlaceholderTitle  = "無題"
	PlaceholderAuthor = "著者名"
	// in English
	placeholderTitleEn  = "Untitled"
	placeholderAuthorEn = "Author Name"
)

// IsPlaceholderTitle says whether a title is still the one init wrote.
func IsPlaceholderTitle(s string) bool {
	s = strings.TrimSpace(s)
	return s == PlaceholderTitle || s == placeholderTitleEn
}

// IsPlaceholderAuthor says whether an author is still the one init wrote.
func IsPlaceholderAuthor(s string) bool {
	s = strings.TrimSpace(s)
	return s == PlaceholderAuthor || s == placeholderAuthorEn
}

// ScaffoldOptions say what a new manuscript starts with.
type ScaffoldOptions struct {
	Title, Author string // "" for the placeholders
	Date          string // YYYY-MM-DD
	// Lang is the language of book.yaml's comments and placeholders: the
	// person's, not the book's (a Japanese novel's, always).
	Lang i18n.Lang
}

// Scaffold starts a manuscript in dir: book.yaml with a fresh identifier,
// chapters/001.md and .gitignore. A folder that holds a book.yaml already
// is refused and left as it was.
func Scaffold(dir string, o ScaffoldOptions) error {
	if _, err := os.Stat(filepath.Join(dir, "book.yaml")); err == nil {
		return i18n.Errorf("%s already holds a book.yaml; nothing was changed", dir)
	}
	var id [16]byte
	if _, err := rand.Read(id[:]); err != nil {
		return err
	}
	id[6] = id[6]&0x0f | 0x40 // a version 4 (random) UUID
	id[8] = id[8]&0x3f | 0x80
	uuid := fmt.Sprintf("%x-%x-%x-%x-%x", id[0:4], id[4:6], id[6:8], id[8:10], id[10:])
	tmpl, title, author := bookYAMLEn, placeholderTitleEn, placeholderAuthorEn
	if o.Lang == i18n.Japanese {
		tmpl, title, author = bookYAMLJa, PlaceholderTitle, PlaceholderAuthor
	}
	if o.Title != "" {
		title = o.Title
	}
	if o.Author != "" {
		author = o.Author
	}
	files := map[string]string{
		"book.yaml":       fmt.Sprintf(tmpl, title, author, uuid, o.Date),
		"chapters/001.md": "# 第一話\n\n　ここから物語が始まる。\n「|台詞《せりふ》は鉤括弧で」\n",
		".gitignore":      "dist/\n",
	}
	for _, name := range []string{"book.yaml", "chapters/001.md", ".gitignore"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// book.yaml as init writes it: the keys a first book needs, the others
// commented out, each explained in the person's language. The cover's
// size is width × height, as KDP's help states it.
const bookYAMLJa = `# hanmoto の原稿の設定です。すべての項目は docs/manuscript.md にあります。
title: %q
title-reading: ""        # 書名の読み（カタカナ）。並べ替えに使われます
author: %q
language: ja
writing-mode: vertical   # vertical（縦書き）か horizontal（横書き）
line-mode: novel         # novel: Web 小説サイトと同じく、1 行を 1 段落にします
identifier: urn:uuid:%s  # 本の識別子です。この本のあいだ変えないでください
date: %s
# publisher: ""          # 発行者
# cover: cover.jpg       # 表紙。JPEG か PNG、幅×高さ 1600×2560 ピクセルを推奨（縦横比 1.6:1）
# series: ""             # シリーズ名
# volume: 1              # 巻数
`

const bookYAMLEn = `# hanmoto manuscript settings: docs/manuscript.md lists every key.
title: %q
title-reading: ""        # the title in katakana, for sorting
author: %q
language: ja
writing-mode: vertical   # vertical (縦書き) or horizontal (横書き)
line-mode: novel         # novel: every line a paragraph, as on web-novel sites
identifier: urn:uuid:%s  # keep this for the life of the book
date: %s
# publisher: ""
# cover: cover.jpg       # JPEG or PNG, width × height 1600 × 2560 pixels recommended (1.6:1)
# series: ""
# volume: 1
`
