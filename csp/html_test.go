package csp

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

func TestScriptTags(t *testing.T) {
	f := fileOf(`<script>x</script><scripts src="http://no"></scripts><script
  src = "https://a.example/x.js" integrity></script><script src=http://b>`)
	tags := ScriptTags(f)
	got := []string{}
	for _, tg := range tags {
		got = append(got, string(f.Data[tg.Start:tg.End]))
	}
	if diff := cmp.Diff([]string{"", "https://a.example/x.js", "http://b"}, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if !tags[0].Inline || tags[1].Integrity || tags[2].Inline {
		t.Errorf("flags: %+v", tags)
	}
}

func fileOf(s string) *source.File { return source.NewFile("index.html", []byte(s)) }

// FuzzScriptTags: the HTML scanner must not panic and must keep every
// span inside the file.
func FuzzScriptTags(f *testing.F) {
	for _, s := range []string{"<script src=x>", "<!--", "<script", "<script src='a", "<SCRIPT\nsrc = \"b\"></script>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tg := range ScriptTags(fileOf(s)) {
			if tg.Start < 0 || tg.Start > tg.End || tg.End > len(s) {
				t.Fatalf("span %d..%d outside %d bytes", tg.Start, tg.End, len(s))
			}
		}
	})
}
