package syntax

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
)

// 青空文庫's layout notes, as web novels pasted through Aozora tools carry
// them (the notes themselves are never printed: scan.go):
//
//   - at the start of a line, ［＃地付き］ sets the line at the foot of its
//     column (〈了〉), ［＃地からN字上げ］ N characters above it, ［＃N字下げ］
//     (or ［＃天からN字下げ］) N characters down from the head;
//   - a line of its own, ［＃ここからN字下げ］ … ［＃ここで字下げ終わり］ sets
//     every line between N characters down, and ［＃ここから地付き］ …
//     ［＃ここで地付き終わり］ at the foot.
//
// Each becomes a class on the paragraph (chitsuki, jiage-N, jisage-N) that
// the stylesheets set; N is 1 to 10.

var (
	lineNote = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^［＃(地付き|地から(\d+)字上げ|(?:天から)?(\d+)字下げ)］`)
	})
	// 見出し notes, in 青空文庫's three forms: after the text they name
	// (X［＃「X」は中見出し］), around it (［＃中見出し］X［＃中見出し終わり］),
	// and around lines (［＃ここから中見出し］ … ［＃ここで中見出し終わり］)
	midashiRef    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(.+)［＃「(.+)」は(大|中|小)見出し］$`) })
	midashiAround = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^［＃(大|中|小)見出し］(.+)［＃(大|中|小)見出し終わり］$`)
	})
	midashiBlock = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^［＃(?:ここから(大|中|小)見出し|ここで(大|中|小)見出し終わり)］$`)
	})
	midashiNote = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:「.+」は|ここから|ここで)?(大|中|小)見出し(?:終わり)?$`)
	})
	editorial = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:ルビの)?「[^」]*」(?:の「[^」]*」)?は(?:ママ|底本では「.*」|底本では.*)$|^ママ$`)
	})
	// 挿絵 notes: ［＃挿絵（fig1.png）入る］, with a caption
	// ［＃「月夜の町」のキャプション付きの挿絵（fig1.png、横320×縦480）入る］,
	// 図 or 写真 for 挿絵; the size is the source's and is read from the image
	illustNote = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:「([^」]*)」のキャプション付きの)?(?:挿絵|図|写真)（([^、）]+)(?:、[^）]*)?）入る$`)
	})
	blockNote = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^［＃(ここから(?:天から)?(\d+)字下げ(?:、折り返して(\d+)字下げ)?|ここで字下げ終わり|ここから地付き|ここで地付き終わり)］$`)
	})
)

// KnownNote says whether a note (its text between ［＃ and ］) is one the
// book sets: a page break, a layout note above, or one naming the text
// before it (「X」は縦中横, 「X」に傍点). Lint reports the others.
func KnownNote(inner []byte) bool {
	n := "［＃" + noteDigits(string(inner)) + "］"
	switch n {
	case "［＃改ページ］", "［＃改丁］", "［＃改見開き］", "［＃改段］":
		return true
	}
	if _, _, _, ok := noteRef(inner); ok {
		return true
	}
	// editorial notes: the text is as the source printed it (ママ), or
	// differs from it (底本では…); nothing to set
	if editorial().Match(inner) || midashiNote().Match(inner) || illustNote().Match(inner) || kaeriten(inner) || okuri(inner) {
		return true
	}
	return lineNote().MatchString(n) || blockNote().MatchString(n)
}

// noteDigits writes a note's number in ASCII digits: ２, 2 and 二 alike.
func noteDigits(s string) string {
	kanji := map[rune]string{'一': "1", '二': "2", '三': "3", '四': "4", '五': "5", '六': "6", '七': "7", '八': "8", '九': "9", '十': "10"}
	var b bytes.Buffer
	for _, r := range s {
		if d, ok := kanji[r]; ok {
			b.WriteString(d)
		} else if r >= '０' && r <= '９' {
			b.WriteRune('0' + r - '０')
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// noteClass is the class of N (1–10) for a layout note.
func noteClass(name, n string) string {
	k, _ := strconv.Atoi(n)
	return name + "-" + strconv.Itoa(min(max(k, 1), 10))
}

// hanging is the class of ［＃ここからN字下げ、折り返してM字下げ］: every
// line M characters down, and its first line N — a hanging indent (hang-K,
// K = M−N) when the wrapped lines go further down, a lead (lead-K) when
// the first does.
func hanging(first, wrapped string) string {
	n, _ := strconv.Atoi(first)
	m, _ := strconv.Atoi(wrapped)
	n, m = min(max(n, 0), 10), min(max(m, 1), 10)
	class := noteClass("jisage", strconv.Itoa(m))
	switch {
	case m > n:
		class += " hang-" + strconv.Itoa(min(m-n, 5))
	case n > m:
		class += " lead-" + strconv.Itoa(min(n-m, 3))
	}
	return class
}

// aozoraLayout gives the paragraphs their layout notes' classes, makes
// the 見出し notes' lines headings, and takes the block notes' own lines
// out.
func aozoraLayout(doc *ast.Document, src []byte) {
	block := ""   // the class of an open ここから block
	midashi := "" // 大, 中 or 小 inside ［＃ここから中見出し］
	teihon := false
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		para, ok := n.(*ast.Paragraph)
		p := blockStart(n)
		if !ok || p < 0 {
			n = next
			continue
		}
		start := bytes.LastIndexByte(src[:p], '\n') + 1
		end := len(src)
		if i := bytes.IndexByte(src[start:], '\n'); i >= 0 {
			end = start + i
		}
		raw := string(bytes.TrimRight(src[start:end], " \t\r"))
		if !teihon && strings.HasPrefix(raw, "底本：") {
			// a 青空文庫 file's end: its source (底本) and the volunteers who
			// typed and proofread it, on a page of its own after the work
			teihon = true
			doc.InsertBefore(doc, n, &PageBreakNode{})
		}
		if teihon {
			para.SetAttributeString("class", []byte("teihon"))
			n = next
			continue
		}
		if m := midashiBlock().FindStringSubmatch(raw); m != nil {
			midashi = m[1]
			doc.RemoveChild(doc, n)
			n = next
			continue
		}
		if kind := midashiOf(raw, midashi); kind != "" {
			h := ast.NewHeading(2)
			for c := para.FirstChild(); c != nil; {
				cn := c.NextSibling()
				h.AppendChild(h, c)
				c = cn
			}
			h.SetLines(para.Lines())
			h.SetAttributeString("class", []byte(map[string]string{"大": "o-midashi", "中": "naka-midashi", "小": "ko-midashi"}[kind]))
			doc.ReplaceChild(doc, n, h)
			n = next
			continue
		}
		if imgs, alone := illustrationsIn(para, src); len(imgs) > 0 {
			// an image alone in a paragraph is a page of its own
			// (illustrations()): a 挿絵 note alone on its line becomes
			// one, and a note inside text one after its paragraph
			at := ast.Node(para)
			if alone {
				for c := para.FirstChild(); c != nil; {
					cn := c.NextSibling()
					para.RemoveChild(para, c)
					c = cn
				}
				para.AppendChild(para, imgs[0])
				imgs = imgs[1:]
			}
			for _, img := range imgs {
				p := ast.NewParagraph()
				p.AppendChild(p, img)
				doc.InsertAfter(doc, at, p)
				at = p
			}
			if alone {
				n = next
				continue
			}
		}
		line := noteDigits(raw)
		if m := blockNote().FindStringSubmatch(line); m != nil {
			switch {
			case m[2] != "" && m[3] != "":
				block = hanging(m[2], m[3])
			case m[2] != "":
				block = noteClass("jisage", m[2])
			case m[1] == "ここから地付き":
				block = "chitsuki"
			default:
				block = ""
			}
			doc.RemoveChild(doc, n)
			n = next
			continue
		}
		class := block
		if m := lineNote().FindStringSubmatch(line); m != nil {
			switch {
			case m[2] != "":
				class = noteClass("jiage", m[2])
			case m[3] != "":
				class = noteClass("jisage", m[3])
			default:
				class = "chitsuki"
			}
		}
		if class != "" {
			para.SetAttributeString("class", []byte(class))
		}
		n = next
	}
}

// illustrationsIn are the images a paragraph's 挿絵 notes name, each
// with its caption as its text, and whether the paragraph is one such
// note and nothing else. The paragraph's text is the source from its start
// to the next block's: in novel line mode a paragraph made of one line
// still holds the lines of the block it was cut from.
func illustrationsIn(para *ast.Paragraph, src []byte) (imgs []*ast.Image, alone bool) {
	start := blockStart(para)
	if start < 0 {
		return nil, false
	}
	// to the end of its lines, or of the line it starts on where novel
	// line mode cut it from a block, and never into the next block
	end := len(src)
	if i := bytes.IndexByte(src[start:], '\n'); i >= 0 {
		end = start + i
	}
	if lines := para.Lines(); lines.Len() > 0 {
		end = max(end, lines.At(lines.Len()-1).Stop)
	}
	for nx := para.NextSibling(); nx != nil; nx = nx.NextSibling() {
		if p := blockStart(nx); p >= 0 {
			if p > start && p < end {
				end = p
			}
			break
		}
	}
	text := src[start:max(start, end)]
	blank := func(b []byte) bool { return len(bytes.Trim(b, "　 \t\r\n")) == 0 }
	alone = true
	for at := 0; ; {
		k := bytes.Index(text[at:], []byte("［＃"))
		if k < 0 {
			break
		}
		k += at
		e := noteEnd(text, k)
		if e < 0 {
			break
		}
		if m := illustNote().FindSubmatch(text[k+len("［＃") : e-len("］")]); m != nil {
			link := ast.NewLink()
			link.Destination = bytes.TrimSpace(m[2])
			img := ast.NewImage(link)
			img.SetPos(start + k) // an error names the note
			if len(m[1]) > 0 {
				img.AppendChild(img, ast.NewString(m[1]))
			}
			imgs = append(imgs, img)
			alone = alone && len(imgs) == 1 && blank(text[:k]) && blank(text[e:])
		}
		at = e
	}
	return imgs, alone && len(imgs) == 1
}

// midashiOf is the 見出し (大, 中 or 小) a line is, by a note of its own or
// inside a ［＃ここから…見出し］ block (open), or "".
func midashiOf(line, open string) string {
	if m := midashiRef().FindStringSubmatch(line); m != nil && m[1] == m[2] {
		return m[3]
	}
	if m := midashiAround().FindStringSubmatch(line); m != nil && m[1] == m[3] {
		return m[1]
	}
	if open != "" && strings.TrimSpace(line) != "" {
		return open
	}
	return ""
}

// UnsetNote is a 青空文庫 note the book prints nothing for, or a 外字
// note it prints as ※: where it starts in the text, and the note.
type UnsetNote struct {
	Off  int
	Note string
}

// UnsetNotes lists the notes of src the book does not set: notes KnownNote
// does not know, and 外字 notes naming no character.
func UnsetNotes(src []byte) []UnsetNote {
	var out []UnsetNote
	for i := 0; i < len(src); {
		k := bytes.Index(src[i:], []byte("［＃"))
		if k < 0 {
			break
		}
		k += i
		gaiji := k >= len("※") && string(src[k-len("※"):k]) == "※"
		end := noteEnd(src, k)
		if end < 0 {
			i = k + len("［＃")
			continue
		}
		switch {
		case gaiji && !GaijiResolved(src[k-len("※"):end]):
			out = append(out, UnsetNote{k - len("※"), string(src[k-len("※") : end])})
		case !gaiji && !KnownNote(src[k+len("［＃"):end-len("］")]) && !IsPageBreakLine(lineAt(src, k)):
			out = append(out, UnsetNote{k, string(src[k:end])})
		}
		i = end
	}
	return out
}

// lineAt is the line holding off.
func lineAt(src []byte, off int) []byte {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	end := bytes.IndexByte(src[off:], '\n')
	if end < 0 {
		return src[start:]
	}
	return src[start : off+end]
}
