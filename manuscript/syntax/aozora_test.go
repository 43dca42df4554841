package syntax

import "testing"

func TestKnownNotes(t *testing.T) {
	for inner, want := range map[string]bool{
		"改ページ": true, "天から３字下げ": true, "３字下げ": true, "地から２字上げ": true,
		"「悄然」はママ": true, "ルビの「しょうぜん」はママ": true, "「体」は底本では「休」": true,
		"「あさましい」に傍点": true, "「十二」は縦中横": true,
		"挿絵入る": false, "中見出し": false, "「李徴」は中見出し": false,
	} {
		if got := KnownNote([]byte(inner)); got != want {
			t.Errorf("KnownNote(%s) = %v, want %v", inner, got, want)
		}
	}
}
