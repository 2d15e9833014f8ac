package release

import (
	"strings"
	"testing"
)

const hexA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

func TestChecksumsRoundTrip(t *testing.T) {
	sums := []Sum{{Name: "b.zip", Hex: hexA}, {Name: "a.tar.gz", Hex: strings.Repeat("0", 64)}}
	text := FormatChecksums(sums)
	if want := strings.Repeat("0", 64) + "  a.tar.gz\n" + hexA + "  b.zip\n"; string(text) != want {
		t.Fatalf("FormatChecksums:\n%s\nwant\n%s", text, want)
	}
	got, err := ParseChecksums(text)
	if err != nil || len(got) != 2 || got[0].Name != "a.tar.gz" || got[1].Hex != hexA {
		t.Fatalf("ParseChecksums = %v, %v", got, err)
	}
	if got, err := ParseChecksums([]byte(strings.ToUpper(hexA) + " *c.zip\r\n")); err != nil || got[0].Name != "c.zip" || got[0].Hex != hexA {
		t.Fatalf("binary marker and CRLF: %v, %v", got, err)
	}
}

func TestParseChecksumsRejects(t *testing.T) {
	for name, text := range map[string]string{
		"empty":          "\n\n",
		"short hash":     "abc  x.zip\n",
		"not hex":        strings.Repeat("g", 64) + "  x.zip\n",
		"no name":        hexA + "  \n",
		"directory":      hexA + "  ../x.zip\n",
		"subdirectory":   hexA + "  sub/x.zip\n",
		"windows path":   hexA + `  sub\x.zip` + "\n",
		"listed twice":   hexA + "  x.zip\n" + hexA + "  x.zip\n",
		"dot-dot":        hexA + "  ..\n",
		"no separator":   hexA + "\n",
		"garbage binary": "\x00\x01\x02",
	} {
		if got, err := ParseChecksums([]byte(text)); err == nil {
			t.Errorf("%s: accepted as %v", name, got)
		}
	}
}
