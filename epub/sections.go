package epub

import "bytes"

// episodeOpen begins an episode's element in a body file; its id follows.
const episodeOpen = `<section class="episode" id="`

// Section is an episode's place in a body document.
type Section struct {
	ID         string // the episode's id, ep0001
	Start, End int
}

// EpisodeSections finds the episodes of a body document as the packer
// writes them (episodeOpen, one after another): each from its opening tag
// to the end of its closing one. A previewer shows them one at a time.
func EpisodeSections(doc []byte) []Section {
	var out []Section
	for i := 0; ; {
		k := bytes.Index(doc[i:], []byte(episodeOpen))
		if k < 0 {
			break
		}
		start := i + k
		idStart := start + len(episodeOpen)
		q := bytes.IndexByte(doc[idStart:], '"')
		if q < 0 {
			break
		}
		if n := len(out); n > 0 {
			out[n-1].End = start
		}
		out = append(out, Section{ID: string(doc[idStart : idStart+q]), Start: start})
		i = idStart + q
	}
	if n := len(out); n > 0 {
		end := bytes.LastIndex(doc, []byte("</section>"))
		if end < out[n-1].Start {
			return nil
		}
		out[n-1].End = min(end+len("</section>\n"), len(doc))
	}
	return out
}
