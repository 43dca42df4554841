package manuscript_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hanmoto/hanmoto/manuscript"
)

// Every key the Config reads from book.yaml is one book.yaml may give:
// short-title was read by the printer, but the key check refused it.
func TestEveryConfigKeyAccepted(t *testing.T) {
	ty := reflect.TypeOf(manuscript.Config{})
	for i := 0; i < ty.NumField(); i++ {
		key, _, _ := strings.Cut(ty.Field(i).Tag.Get("yaml"), ",")
		if key == "" || key == "-" {
			continue
		}
		y := "title: t\nidentifier: urn:uuid:00000000-0000-4000-8000-000000000000\n"
		if key != "title" && key != "identifier" {
			y += key + ":\n"
		}
		if _, err := manuscript.ParseConfig([]byte(y)); err != nil && strings.Contains(err.Error(), "unknown key") {
			t.Errorf("book.yaml's %s: %v", key, err)
		}
	}
	c, err := manuscript.ParseConfig([]byte("title: 長い長い書名\nshort-title: 短い書名\nidentifier: urn:uuid:00000000-0000-4000-8000-000000000000\n"))
	if err != nil || c.ShortTitle != "短い書名" {
		t.Errorf("short-title: %v %+v", err, c)
	}
}
