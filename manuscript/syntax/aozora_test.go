package syntax

import "testing"

func TestKnownNotes(t *testing.T) {
	for inner, want := range map[string]bool{
		"改ページ": true, "天から３字下げ": true, "３字下げ": true, "地から２字上げ": true,
		"「悄然」はママ": true, "ルビの「しょうぜん」はママ": true, "「体」は底本では「休」": true,
		"「あさましい」に傍点": true, "「十二」は縦中横": true, "「文」に白丸傍点": true, "「線」に波線": true,
		"「文」に紫傍点": false, "「文」の左に傍線": true, "「文」の左に紫傍点": false,
		"挿絵入る": false, "中見出し": true, "「李徴」は中見出し": true, "ここから小見出し": true, "「李徴」は窓見出し": false,
	} {
		if got := KnownNote([]byte(inner)); got != want {
			t.Errorf("KnownNote(%s) = %v, want %v", inner, got, want)
		}
	}
}

func TestMidashiOf(t *testing.T) {
	for _, c := range []struct{ line, open, want string }{
		{"一［＃「一」は中見出し］", "", "中"},
		{"一［＃「二」は中見出し］", "", ""}, // names other text
		{"［＃大見出し］第二部［＃大見出し終わり］", "", "大"},
		{"［＃大見出し］第二部［＃中見出し終わり］", "", ""},
		{"その一", "小", "小"},
		{"本文", "", ""},
	} {
		if got := midashiOf(c.line, c.open); got != c.want {
			t.Errorf("midashiOf(%q, %q) = %q, want %q", c.line, c.open, got, c.want)
		}
	}
}
