package signing

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/tauriaudit/tauriaudit/signing/macsigtest"
)

// The fuzz targets feed hostile input to every parser that reads
// repository or artifact content; none may panic.

func FuzzClassifyAndVerify(f *testing.F) {
	f.Add([]byte("-----BEGIN PGP SIGNATURE-----\n\nwnUEABYKAB0WIQ\n=abcd\n-----END PGP SIGNATURE-----\n"))
	f.Add([]byte("-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAQ==\n-----END SSH SIGNATURE-----\n"))
	f.Add([]byte("-----BEGIN SIGNED MESSAGE-----\nMIAGCSqGSIb3DQEHAqCAMIACAQEx\n-----END SIGNED MESSAGE-----\n"))
	f.Fuzz(func(t *testing.T, sig []byte) {
		Classify(sig)
		(&Trust{}).Verify(sig, []byte("payload"), Ident{Email: "a@b.c", When: time.Unix(1e9, 0)})
	})
}

func FuzzParseObjects(f *testing.F) {
	f.Add([]byte("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a@b> 1 +0000\ncommitter A <a@b> 1 +0000\ngpgsig -----BEGIN SSH SIGNATURE-----\n x\n -----END SSH SIGNATURE-----\n\nmsg\n"))
	f.Add([]byte("object 4b825dc642cb6eb9a060e54bf8d69288fbee4904\ntype commit\ntag v1\ntagger A <a@b> 1 +0000\n\nm\n-----BEGIN PGP SIGNATURE-----\n"))
	// SHA-256 objects, signed in both formats (compatObjectFormat).
	f.Add([]byte("tree 6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321\nparent a410d0d3ae287c056000fefc1c74043617180ced716fa45b788ca7296fe77348\nauthor A <a@b> 1 +0000\ncommitter A <a@b> 1 +0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n x\n -----END PGP SIGNATURE-----\ngpgsig-sha256 -----BEGIN SSH SIGNATURE-----\n x\n -----END SSH SIGNATURE-----\n\nmsg\n"))
	f.Add([]byte("object a410d0d3ae287c056000fefc1c74043617180ced716fa45b788ca7296fe77348\ntype commit\ntag v1\ntagger A <a@b> 1 +0000\ngpgsig -----BEGIN SSH SIGNATURE-----\n x\n -----END SSH SIGNATURE-----\n\nm\n-----BEGIN SSH SIGNATURE-----\n"))
	sha256ID, _ := ParseHash("a410d0d3ae287c056000fefc1c74043617180ced716fa45b788ca7296fe77348")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, id := range []Hash{{}, sha256ID} {
			if c, err := ParseCommit(id, data); err == nil {
				p := c.Payload()
				if len(p) > len(data) || c.Tree.Format() != c.ID.Format() && !c.ID.IsZero() {
					t.Fatalf("payload of %d bytes from %d, tree %s in a %s commit", len(p), len(data), c.Tree.Format(), c.ID.Format())
				}
			}
			if tg, err := ParseTag(id, data); err == nil && len(tg.Payload) > len(data) {
				t.Fatalf("tag payload of %d bytes from %d", len(tg.Payload), len(data))
			}
		}
	})
}

// FuzzPackIndex feeds hostile .idx files, read with both id sizes, to the
// index parser and the lookups that trust its tables.
func FuzzPackIndex(f *testing.F) {
	for _, size := range []int{20, 32} {
		id := func(b byte) []byte { return bytes.Repeat([]byte{b}, 32) }
		f.Add(makeIdx(size, [][]byte{id(1), id(0x80), id(0xff)}, []uint64{12, 1 << 33, 40}, id(9)))
		f.Add(makeIdx(size, nil, nil, id(0)))
	}
	f.Fuzz(func(t *testing.T, idx []byte) {
		for _, size := range []int{20, 32} {
			p := &pack{idx: idx, size: size}
			if p.parseIndex() != nil {
				continue
			}
			for i := range p.n {
				p.offsetAt(i)
				h := hashFrom(p.ids[i*size : (i+1)*size])
				p.find(&h)
			}
			var h Hash
			copy(h.b[:], idx[len(idx)-32:])
			h.sha256 = size == 32
			p.find(&h)
			p.withPrefix(h.b[:1], func(Hash) bool { return true }, nil)
		}
	})
}

// FuzzRepoConfig: any .git/config gives a format or an error naming the
// file, never a panic.
func FuzzRepoConfig(f *testing.F) {
	f.Add([]byte("[core]\n\trepositoryformatversion = 1\n\tfilemode = true\n[extensions]\n\tobjectformat = sha256\n"))
	f.Add([]byte("[remote \"origin\"]\n\turl = \"a\\\"b\" ; c\n[extensions.x] y = z\\\n w\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		format, err := parseRepoFormat("cfg", data)
		if err != nil && !strings.HasPrefix(err.Error(), "cfg: ") || format != SHA1 && format != SHA256 {
			t.Fatalf("%v, %v", format, err)
		}
	})
}

func FuzzAllowedSigners(f *testing.F) {
	f.Add([]byte(`a@b.c,*@d.e namespaces="git",valid-after="20200101",valid-before="20300101Z" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDq9vJ4QHcmkhaTiVSjrbDWDtkXfmvIq2O6fJzZ9n3s7 c`))
	f.Add([]byte("\"a b\" cert-authority ssh-ed25519 AAAA\n# c\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ss, err := ParseAllowedSigners(data)
		if err == nil {
			for i := range ss {
				matchPrincipal(ss[i].Principals, "a@b.c")
				ss[i].allowsNamespace("git")
			}
		}
	})
}

func FuzzInspectBinary(f *testing.F) {
	f.Add([]byte("MZ\x90\x00"))
	f.Add([]byte("\xcf\xfa\xed\xfe\x07\x00\x00\x01"))
	f.Add([]byte("\xca\xfe\xba\xbe\x00\x00\x00\x02"))
	f.Add([]byte("\x7fELF\x02\x01\x01"))
	// A signed SuperBlob (SHA-1 and SHA-256 CodeDirectories, CMS with the
	// cdhashes attributes), to mutate.
	id, roots := testIdentity(f, "Fuzz Root", "Fuzz Signer", "FUZZ123456")
	blob, err := macsigtest.Signed(id, 0, "com.example.fuzz")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(blob)
	f.Fuzz(func(t *testing.T, data []byte) {
		if info, err := Inspect(data); err == nil {
			for i := range info.Slices {
				info.Slices[i].VerifySignature(roots)
			}
		}
		parseSuperBlob(data)
		if v := VerifyMachOSignature(data, roots); v.SigValid && !v.Signed {
			t.Fatalf("valid without a signature: %+v", v)
		}
		MSISigned(data)
	})
}

func FuzzMinisignDecode(f *testing.F) {
	f.Add("dW50cnVzdGVkIGNvbW1lbnQ6IG1pbmlzaWduIHB1YmxpYyBrZXk6IDE5QzMxNjYxNjE1NUE5NTkKUldSWnFWVmhZUlpER1hIV3dtWEgxNWZ0eEtSdWhNSVNhUVJHWWFQWkk5WE9JOVNPcnhZc2xITDgK")
	f.Add("RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3")
	f.Fuzz(func(t *testing.T, s string) {
		DecodeUpdaterPubkey(s)
		DecodeUpdaterSig([]byte(s))
		ScanText("x/.env", []byte(s))
		ParseSums([]byte(s))
	})
}

func FuzzPackDelta(f *testing.F) {
	f.Add([]byte("abc"), []byte{3, 5, 0x91, 0, 3, 2, 'x', 'y'})
	f.Fuzz(func(t *testing.T, base, delta []byte) {
		applyDelta(base, delta)
	})
}

// FuzzParseIndex: any bytes give an index or an error, never a panic,
// with allocations bounded by the input. Each input is also tried with a
// valid SHA-1 checksum appended, so the fuzzer gets past the checksum.
func FuzzParseIndex(f *testing.F) {
	f.Add(buildIndex(2, 1, []rawEntry{{name: "src-tauri/tauri.conf.json"}}, nil))
	f.Add(buildIndex(4, 2, []rawEntry{{name: "a/b.json"}, {name: "c.json", strip: 6}}, []byte("TREE\x00\x00\x00\x00")))
	f.Add(buildIndex(2, 0, nil, append(append([]byte("link\x00\x00\x00\x2c"), make([]byte, 20)...), 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
	f.Fuzz(func(t *testing.T, data []byte) {
		for i, d := range [][]byte{data, withSum(data), data} {
			ix, err := parseIndex(d, ObjectFormat(i/2))
			if err != nil {
				continue
			}
			if ix.link != nil {
				n := len(ix.entries) + 1
				ewahEach(ix.link.del, n, func(int) error { return nil })
				ewahEach(ix.link.replace, n, func(int) error { return nil })
			}
			for i := range ix.entries {
				checkEntry(&ix.entries[i])
			}
		}
	})
}
