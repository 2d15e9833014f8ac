package signing

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Tests of SHA-256 repositories (issue #7) that the shared history tests
// (history_test.go runs those on both object formats) do not cover: the
// config that declares the format, every stored object read back and
// hashed, and signatures next to a signature over the other format.

func TestParseRepoFormat(t *testing.T) {
	v1 := "[core]\n\trepositoryformatversion = 1\n"
	for _, c := range []struct {
		name, config string
		want         ObjectFormat
		err          string // substring of the error; "" for none
	}{
		{"empty", "", SHA1, ""},
		{"git init", "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n", SHA1, ""},
		{"git init sha256", v1 + "\tfilemode = true\n[extensions]\n\tobjectformat = sha256\n", SHA256, ""},
		{"explicit sha1", v1 + "[extensions]\n\tobjectformat = sha1\n", SHA1, ""},
		{"spelling", "[Core]\nRepositoryFormatVersion=1\n[EXTENSIONS]\n  objectFormat   =   \"sha256\"   # comment\n", SHA256, ""},
		{"inline key", "[core] repositoryformatversion = 1\n[extensions] objectformat = sha256 ; why\n", SHA256, ""},
		{"crlf and bom", "\xef\xbb\xbf[core]\r\n\trepositoryformatversion = 1\r\n[extensions]\r\n\tobjectformat = sha256\r\n", SHA256, ""},
		{"continuation", v1 + "[extensions]\n\tobjectformat = sha\\\n256\n", SHA256, ""},
		{"quoted halves", v1 + "[extensions]\n\tobjectformat = sha\"256\"\n", SHA256, ""},
		{"last wins", v1 + "[extensions]\n\tobjectformat = sha1\n\tobjectformat = sha256\n", SHA256, ""},
		{"subsection", v1 + "[extensions \"x\"]\n\tobjectformat = sha256\n", SHA1, "unknown repository extension x.objectformat"},
		{"other sections", v1 + "[remote \"origin\"]\n\turl = https://example.com/a.git # x\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[extensions]\n\tobjectformat = sha256\n", SHA256, ""},
		{"harmless extensions", v1 + "[extensions]\n\tworktreeConfig = true\n\tpreciousObjects\n\tpartialClone = origin\n\trefStorage = files\n\tnoop-v1\n", SHA1, ""},
		{"v0 harmless extensions", "[extensions]\n\tworktreeconfig = true\n\tpartialclone = origin\n", SHA1, ""},
		{"v0 unknown extension", "[extensions]\n\tfrobnicate = true\n", SHA1, ""},

		{"unknown format", v1 + "[extensions]\n\tobjectformat = sha512\n", SHA1, `extensions.objectFormat = "sha512" is not an object format git knows`},
		{"case matters", v1 + "[extensions]\n\tobjectformat = SHA256\n", SHA1, `"SHA256" is not an object format`},
		{"no value", v1 + "[extensions]\n\tobjectformat\n", SHA1, "extensions.objectFormat has no value"},
		{"compat map", v1 + "[extensions]\n\tobjectformat = sha256\n\tcompatObjectFormat = sha1\n", SHA1, "compatibility object map are not supported"},
		{"reftable", v1 + "[extensions]\n\trefstorage = reftable\n", SHA1, `extensions.refStorage = "reftable"`},
		{"unknown extension", v1 + "[extensions]\n\tfrobnicate = true\n", SHA1, "unknown repository extension frobnicate"},
		{"v0 with objectformat", "[extensions]\n\tobjectformat = sha256\n", SHA1, "extensions.objectformat needs core.repositoryformatversion = 1"},
		{"version 2", "[core]\n\trepositoryformatversion = 2\n", SHA1, "core.repositoryformatversion = 2 is not supported"},
		{"version text", "[core]\n\trepositoryformatversion = one\n", SHA1, "line 2: core.repositoryformatversion = \"one\" is not a number"},
		{"unterminated quote", v1 + "[extensions]\n\tobjectformat = \"sha256\n", SHA1, "bad config line 4"},
		{"unterminated section", "[core\n", SHA1, "bad config line 1"},
		{"bad escape", v1 + "[extensions]\n\tobjectformat = sha\\q256\n", SHA1, "bad config line 4"},
		{"garbage line", v1 + "= sha256\n", SHA1, "bad config line 3"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := parseRepoFormat("/r/.git/config", []byte(c.config))
			switch {
			case c.err == "" && err != nil:
				t.Fatalf("error %v, want %s", err, c.want)
			case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err) || !strings.HasPrefix(err.Error(), "/r/.git/config: ")):
				t.Fatalf("got %s, %v; want an error naming /r/.git/config with %q", got, err, c.err)
			case got != c.want:
				t.Fatalf("got %s, want %s", got, c.want)
			}
		})
	}
}

// deltaRepo builds a history whose files change a line at a time, so
// that packing stores most blobs, trees and commits as deltas.
func deltaRepo(t *testing.T, format string) *testEnv {
	e := newTestEnvFormat(t, format)
	var lines []string
	for i := range 300 {
		lines = append(lines, fmt.Sprintf("line %d of a file that packs well as deltas", i))
	}
	for i := range 25 {
		lines[i*7] = fmt.Sprintf("changed in commit %d", i)
		for _, f := range []string{"a.txt", "src/b.txt", "src/deep/c.txt"} {
			p := filepath.Join(e.repo, f)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(f+"\n"+strings.Join(lines, "\n")), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		e.git("add", "-A")
		e.commit(fmt.Sprintf("commit %d", i), fmt.Sprintf("2023-01-%02dT00:00:00Z", i+1), "")
		if i%10 == 9 {
			e.git("tag", "-a", "-m", "release", fmt.Sprintf("v0.%d.0", i/10))
		}
	}
	return e
}

// packEntryTypes counts the pack entries of each stored type.
func packEntryTypes(t *testing.T, r *Repo) map[ObjectType]int {
	n := map[ObjectType]int{}
	for _, p := range r.odb.packList() {
		for i := range p.n {
			typ, _, _, err := p.entryHeader(p.offsetAt(i))
			if err != nil {
				t.Fatalf("%s: entry %d: %v", p.name, i, err)
			}
			n[typ]++
		}
	}
	return n
}

// Every object git lists reads back with its type and content: hashing
// what the reader returns gives the object's id again, in each format and
// each way of storing it.
func TestObjectsReadBackInBothFormats(t *testing.T) {
	for _, format := range objectFormats {
		t.Run(format, func(t *testing.T) {
			e := deltaRepo(t, format)
			for _, layout := range []struct {
				name  string
				git   []string
				delta ObjectType // a delta type the pack must contain
			}{
				{"loose", nil, 0},
				{"ofs-delta", []string{"repack", "-adfq"}, objOfs},
				{"ref-delta", []string{"-c", "repack.useDeltaBaseOffset=false", "repack", "-adfq"}, objRef},
				{"gc", []string{"gc", "-q"}, objOfs},
			} {
				if layout.git != nil {
					e.git(layout.git...)
				}
				t.Run(layout.name, func(t *testing.T) {
					r, err := FindRepo(e.repo)
					if err != nil {
						t.Fatal(err)
					}
					defer r.Close()
					if r.Format.String() != format {
						t.Fatalf("format %s, want %s", r.Format, format)
					}
					types := packEntryTypes(t, r)
					if layout.delta != 0 && types[layout.delta] == 0 {
						t.Fatalf("no entries of type %d in the packs (%v): the layout does not exercise its delta kind", layout.delta, types)
					}
					if layout.delta == objOfs && types[objRef] != 0 || layout.delta == objRef && types[objOfs] != 0 {
						t.Fatalf("mixed delta kinds %v", types)
					}
					if reused := checkAllObjects(t, e, r); layout.git != nil && reused == 0 {
						t.Error("no packed object was built in the reused buffer")
					}
					checkResolve(t, e, r)
				})
			}
		})
	}
}

// checkAllObjects reads every object, with Read and into one reused
// buffer, and reports how often that buffer's storage held the object.
func checkAllObjects(t *testing.T, e *testEnv, r *Repo) (reused int) {
	list := e.git("cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype) %(objectsize)")
	sc := bufio.NewScanner(strings.NewReader(list))
	n := 0
	var scratch []byte
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		id, ok := ParseHash(f[0])
		if !ok || id.Format() != r.Format || id.String() != f[0] {
			t.Fatalf("%s: ParseHash = %v, %v (format %s)", f[0], id, ok, id.Format())
		}
		typ, data, err := r.ReadObject(id, 0)
		if err != nil {
			t.Fatalf("%s %s: %v", f[1], f[0], err)
		}
		if typ.String() != f[1] || strconv.Itoa(len(data)) != f[2] {
			t.Fatalf("%s: read a %s of %d bytes, git has a %s of %s", f[0], typ, len(data), f[1], f[2])
		}
		if got := objectID(r.Format, typ, data); got != f[0] {
			t.Fatalf("%s %s: content hashes to %s", f[1], f[0], got)
		}
		// Earlier objects' bytes in the buffer change nothing.
		typ, data, err = r.odb.ReadInto(id, 0, scratch)
		if err != nil {
			t.Fatalf("ReadInto %s %s: %v", f[1], f[0], err)
		}
		if got := objectID(r.Format, typ, data); got != f[0] {
			t.Fatalf("ReadInto %s %s: content hashes to %s", f[1], f[0], got)
		}
		if len(data) > 0 && cap(scratch) >= len(data) && &data[0] == &scratch[:1][0] {
			reused++
		}
		if cap(data) > cap(scratch) {
			scratch = data
		}
		n++
	}
	if n < 50 {
		t.Fatalf("only %d objects", n)
	}
	return reused
}

// objectID hashes an object as git names it.
func objectID(f ObjectFormat, typ ObjectType, data []byte) string {
	head := fmt.Sprintf("%s %d\x00", typ, len(data))
	if f == SHA256 {
		h := sha256.New()
		h.Write([]byte(head))
		h.Write(data)
		return fmt.Sprintf("%x", h.Sum(nil))
	}
	h := sha1.New()
	h.Write([]byte(head))
	h.Write(data)
	return fmt.Sprintf("%x", h.Sum(nil))
}

// checkResolve resolves revisions, abbreviated ids included, as git does.
func checkResolve(t *testing.T, e *testEnv, r *Repo) {
	head := e.git("rev-parse", "HEAD")
	for rev, gitRev := range map[string]string{
		"HEAD": "HEAD", "main": "main", "v0.1.0": "v0.1.0^{commit}", "refs/tags/v0.0.0": "v0.0.0^{commit}",
		"HEAD~3": "HEAD~3", "v0.1.0^": "v0.1.0^", head: "HEAD", head[:12]: "HEAD",
		strings.ToUpper(head[:10]): "HEAD", head[:40]: "HEAD", // 40 digits of a SHA-256 id abbreviate it
	} {
		h, err := r.Resolve(rev)
		if err != nil {
			t.Errorf("Resolve(%s): %v", rev, err)
			continue
		}
		if want := e.git("rev-parse", gitRev); h.String() != want {
			t.Errorf("Resolve(%s) = %s, git rev-parse %s = %s", rev, h, gitRev, want)
		}
	}
}

// A repository whose config does not say what git needs to read it, or
// says something this reader cannot do, is refused with the config's
// path in the error.
func TestOpenRepoRefusesUnreadableFormats(t *testing.T) {
	v1 := "[core]\n\trepositoryformatversion = 1\n"
	for _, c := range []struct {
		name, format, config string
		gc                   bool
		err                  string
	}{
		{"unknown object format", "sha256", v1 + "[extensions]\n\tobjectformat = sha512\n", false, `"sha512" is not an object format`},
		{"compat object map", "sha256", v1 + "[extensions]\n\tobjectformat = sha256\n\tcompatobjectformat = sha1\n", false, "compatibility object map"},
		{"reftable", "sha1", v1 + "[extensions]\n\trefstorage = reftable\n", false, "only the files ref storage"},
		{"sha256 objects, sha1 config, loose", "sha256", v1, false, "declares object format sha1, but ref HEAD names a sha256 id"},
		{"sha256 objects, sha1 config, packed", "sha256", v1, true, "does not fit"},
		{"sha1 objects, sha256 config, loose", "sha1", v1 + "[extensions]\n\tobjectformat = sha256\n", false, "declares object format sha256, but ref HEAD names a sha1 id"},
		{"sha1 objects, sha256 config, packed", "sha1", v1 + "[extensions]\n\tobjectformat = sha256\n", true, "(read with sha256 ids, the object format"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newTestEnvFormat(t, c.format)
			e.commit("one", "2023-01-01T00:00:00Z", "")
			e.git("checkout", "-q", "--detach") // HEAD holds an id itself
			if c.gc {
				e.git("gc", "-q")
			}
			config := filepath.Join(e.repo, ".git", "config")
			if err := os.WriteFile(config, []byte(c.config), 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := FindRepo(e.repo)
			if err == nil {
				r.Close()
				t.Fatal("opened")
			}
			if !strings.Contains(err.Error(), config) || !strings.Contains(err.Error(), c.err) {
				t.Fatalf("error %q, want one naming %s with %q", err, config, c.err)
			}
		})
	}
}

// makeIdx writes a version-2 pack index for ids (sorted by the caller)
// at the given offsets; offsets of 2^31 and above go to the 64-bit table.
func makeIdx(size int, ids [][]byte, offsets []uint64, packSum []byte) []byte {
	var b bytes.Buffer
	b.WriteString("\xfftOc\x00\x00\x00\x02")
	var fan [256]uint32
	for _, id := range ids {
		for i := int(id[0]); i < 256; i++ {
			fan[i]++
		}
	}
	binary.Write(&b, binary.BigEndian, fan)
	for _, id := range ids {
		b.Write(id[:size])
	}
	b.Write(make([]byte, 4*len(ids))) // CRCs
	var large []uint64
	for _, off := range offsets {
		if off >= 1<<31 {
			binary.Write(&b, binary.BigEndian, uint32(1<<31|len(large)))
			large = append(large, off)
			continue
		}
		binary.Write(&b, binary.BigEndian, uint32(off))
	}
	binary.Write(&b, binary.BigEndian, large)
	b.Write(packSum[:size])
	b.Write(make([]byte, size)) // the index's own checksum, unchecked
	return b.Bytes()
}

// Index tables are sliced by id size; 64-bit offsets too.
func TestPackIndexLayout(t *testing.T) {
	for _, f := range []ObjectFormat{SHA1, SHA256} {
		size := f.Size()
		id := func(first byte) []byte { return bytes.Repeat([]byte{first}, 32) }
		ids := [][]byte{id(0x01), id(0x7f), id(0x80), id(0xfe)}
		offsets := []uint64{12, 5 << 30, 1 << 31, 99}
		p := &pack{idx: makeIdx(size, ids, offsets, id(0xaa)), size: size}
		if err := p.parseIndex(); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for i, raw := range ids {
			h := hashFrom(raw[:size])
			if got := p.find(&h); got != int64(offsets[i]) {
				t.Errorf("%s: find(%x) = %d, want %d", f, raw[:size], got, offsets[i])
			}
		}
		miss := hashFrom(id(0x80)[:size])
		miss.b[size-1] = 0
		if got := p.find(&miss); got != -1 {
			t.Errorf("%s: find of an absent id = %d", f, got)
		}
		if got := p.withPrefix([]byte{0x7f}, func(Hash) bool { return true }, nil); len(got) != 1 || got[0].String() != strings.Repeat("7f", size) {
			t.Errorf("%s: withPrefix = %v", f, got)
		}
		// Read with the other id size, the same bytes do not fit.
		other := &pack{idx: p.idx, size: 52 - size}
		if err := other.parseIndex(); err == nil {
			t.Errorf("%s index parsed with %d-byte ids", f, other.size)
		}
	}
}

// Commits and tags signed over one object format carry the other
// format's signature in a header (git's compatObjectFormat does this).
// The payload drops both headers; only the object's own format's
// signature counts; git verify-commit and verify-tag agree.
func TestSignaturesBesideOtherFormatSignatures(t *testing.T) {
	needTools(t, "ssh-keygen")
	for _, format := range objectFormats {
		t.Run(format, func(t *testing.T) {
			e := newTestEnvFormat(t, format)
			key, pub := e.sshKey("k")
			signers := e.write("allowed_signers", "signer@example.com namespaces=\"git\" "+pub+"\n")
			ssh := []string{"gpg.format=ssh", "user.signingkey=" + key}
			e.commit("base", "2023-01-01T00:00:00Z", "")
			signed := e.commit("signed", "2023-01-02T00:00:00Z", "", ssh...)
			e.git("-c", "gpg.format=ssh", "-c", "user.signingkey="+key, "tag", "-s", "-m", "release", "v1.0.0")

			own, other := "gpgsig", "gpgsig-sha256"
			if format == "sha256" {
				own, other = other, own
			}
			raw := e.git("cat-file", "commit", signed) + "\n"
			if !strings.Contains(raw, "\n"+own+" -----BEGIN SSH SIGNATURE-----\n") {
				t.Fatalf("git signed a %s commit without a %s header:\n%s", format, own, raw)
			}
			foreign := other + " -----BEGIN SSH SIGNATURE-----\n U1NIU0lHAAAAAQ==\n -----END SSH SIGNATURE-----\n"
			sigAt := strings.Index(raw, own+" ")
			write := func(typ, text string) string {
				return e.runIn(e.repo, nil, text, "git", "hash-object", "-t", typ, "-w", "--stdin")
			}
			commits := map[string]string{ // case -> commit id
				"base":   e.git("rev-parse", "HEAD~1"),
				"signed": signed,
				// the other format's signature before ours, then after it
				"both-other-first": write("commit", raw[:sigAt]+foreign+raw[sigAt:]),
				"both-other-last":  write("commit", insertAfterSig(raw, foreign)),
				// our signature moved to the other format's header
				"other-only": write("commit", strings.Replace(raw, own+" ", other+" ", 1)),
			}
			for name, id := range commits {
				e.git("update-ref", "refs/heads/"+name, id)
			}
			tagRaw := e.git("cat-file", "tag", "v1.0.0") + "\n"
			head, body, _ := strings.Cut(tagRaw, "\n\n")
			dual := write("tag", head+"\n"+strings.ReplaceAll(foreign, other, "gpgsig")+"\n"+body)
			dual256 := write("tag", head+"\n"+strings.ReplaceAll(foreign, other, "gpgsig-sha256")+"\n"+body)
			e.git("update-ref", "refs/tags/v1.1.0", dual)
			e.git("update-ref", "refs/tags/v1.2.0", dual256)

			trust, err := LoadTrust("", signers, "")
			if err != nil {
				t.Fatal(err)
			}
			r, err := FindRepo(e.repo)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			a, err := AuditHistory(r, AuditOptions{Walk: WalkOptions{All: true}, Trust: trust})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]Verdict{} // by commit id
			for _, p := range a.Problems {
				got[p.ID.String()] = p.Verdict
			}
			want := map[string]Status{"base": StatusUnsigned, "signed": StatusGood, "both-other-first": StatusGood,
				"both-other-last": StatusGood, "other-only": StatusUnsigned}
			for name, w := range want {
				v, problem := got[commits[name]]
				if !problem {
					v.Status = StatusGood
				}
				if v.Status != w {
					t.Errorf("%s: %s (%s), want %s", name, v.Status, v.Detail, w)
				}
				gitGood := e.gitOK([]string{"gpg.ssh.allowedSignersFile=" + signers}, "verify-commit", commits[name])
				if gitGood != (w == StatusGood) {
					t.Errorf("%s: git verify-commit good = %v, want %s", name, gitGood, w)
				}
			}
			if len(got) != 2 {
				t.Errorf("problems %v, want base and other-only", got)
			}
			for _, tg := range a.Tags {
				gitGood := e.gitOK([]string{"gpg.ssh.allowedSignersFile=" + signers}, "verify-tag", tg.Name)
				if tg.Verdict.Status != StatusGood || !gitGood {
					t.Errorf("tag %s: %s (%s), git verify-tag good = %v; want good", tg.Name, tg.Verdict.Status, tg.Verdict.Detail, gitGood)
				}
			}
			if len(a.Tags) != 3 {
				t.Errorf("%d release tags, want 3", len(a.Tags))
			}
		})
	}
}

// insertAfterSig puts extra after the signature header of a commit (and
// its continuation lines).
func insertAfterSig(raw, extra string) string {
	lines := strings.SplitAfter(raw, "\n")
	var out strings.Builder
	in := false
	done := false
	for _, l := range lines {
		if in && !strings.HasPrefix(l, " ") && !done {
			out.WriteString(extra)
			done = true
		}
		in = strings.HasPrefix(l, "gpgsig") || (in && strings.HasPrefix(l, " "))
		out.WriteString(l)
	}
	return out.String()
}

// gitOK runs git with -c settings and reports whether it succeeded.
func (e *testEnv) gitOK(cfg []string, args ...string) bool {
	e.t.Helper()
	var all []string
	for _, c := range cfg {
		all = append(all, "-c", c)
	}
	cmd := exec.Command("git", append(all, args...)...)
	cmd.Dir, cmd.Env = e.repo, e.env
	return cmd.Run() == nil
}

// The history tree scan reads tree entries, whose ids are raw bytes of
// the repository's id size: key material added and removed again is
// found in both formats, with the commit and blob ids git prints.
func TestHistorySecretsInBothFormats(t *testing.T) {
	for _, format := range objectFormats {
		t.Run(format, func(t *testing.T) {
			e := newTestEnvFormat(t, format)
			put := func(p, content string) {
				full := filepath.Join(e.repo, p)
				os.MkdirAll(filepath.Dir(full), 0o755)
				if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			put("src-tauri/tauri.conf.json", `{"identifier": "com.example.app"}`)
			e.git("add", "-A")
			e.commit("initial", "2023-01-01T00:00:00Z", "")
			put("app/deep/.env", "TAURI_SIGNING_PRIVATE_KEY=dW50cnVzdGVkIGNvbW1lbnQ6IHJzaWduIGVuY3J5cHRlZCBzZWNyZXQga2V5ClJXUlRZMEl5\n")
			put("certs/release.p12", "\x30\x82binary")
			e.git("add", "-A")
			leak := e.commit("add keys", "2023-01-02T00:00:00Z", "")
			e.git("rm", "-q", "-r", "app", "certs")
			e.commit("remove keys", "2023-01-03T00:00:00Z", "")
			want := []string{
				"app/deep/.env " + leak + " " + e.git("rev-parse", leak+":app/deep/.env"),
				"certs/release.p12 " + leak + " " + e.git("rev-parse", leak+":certs/release.p12"),
			}
			for _, layout := range storageLayouts {
				for _, args := range layout.git {
					e.git(args...)
				}
				t.Run(layout.name, func(t *testing.T) {
					r, err := FindRepo(e.repo)
					if err != nil {
						t.Fatal(err)
					}
					defer r.Close()
					a, err := AuditHistory(r, AuditOptions{Walk: WalkOptions{All: true}, Secrets: true})
					if err != nil {
						t.Fatal(err)
					}
					var got []string
					for _, h := range a.Secrets {
						got = append(got, h.Path+" "+h.Commit.String()+" "+h.Blob.String())
					}
					slices.Sort(got)
					if !slices.Equal(got, want) {
						t.Errorf("history secrets:\n got %q\nwant %q", got, want)
					}
				})
			}
		})
	}
}

// A linked worktree reads the format from the common directory's config;
// a bare clone from its own.
func TestSHA256WorktreeAndBareClone(t *testing.T) {
	e := newTestEnvFormat(t, "sha256")
	for _, d := range []string{"01", "02", "03"} {
		e.commit("c"+d, "2023-03-"+d+"T00:00:00Z", "")
	}
	wt, bare := filepath.Join(e.dir, "wt"), filepath.Join(e.dir, "bare.git")
	e.git("worktree", "add", "-q", "-b", "side", wt, "HEAD~1")
	e.run(e.dir, "git", "clone", "-q", "--bare", e.repo, bare)
	for dir, rev := range map[string]string{wt: "side", bare: "main"} {
		r, err := FindRepo(dir)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		var got []string
		_, err = r.Walk(WalkOptions{}, func(c *Commit) error { got = append(got, c.ID.String()); return nil })
		r.Close()
		want := strings.Fields(e.git("rev-list", rev))
		if err != nil || r.Format != SHA256 || !slices.Equal(got, want) {
			t.Errorf("%s: format %s, walked %v (%v), git rev-list %s lists %v", dir, r.Format, got, err, rev, want)
		}
	}
}

// The config reader agrees with git's on what each variable is, and on
// which line is bad.
func TestGitConfigParserMatchesGit(t *testing.T) {
	needTools(t, "git")
	dir := t.TempDir()
	for i, text := range []string{
		"[core]\n\trepositoryformatversion = 1\n[extensions]\n\tobjectformat = sha256\n",
		"[Core] RepositoryFormatVersion=1 ; c\n[EXTENSIONS.Sub]\nKey\n  other-key = \"  a ; b \" c\\\"d  # e\n",
		"\xef\xbb\xbf[a \"Sub Section\\\" x\"]\r\n\tv = one\\\n two\\tthree\r\n\tw = \"\"\n# [x]\n; y = z\n",
		"[a]\n\tv = x   y \t \n\tw=\n[b.c.d]\n\te = f\n", // no inner tabs: older git turns them into spaces, newer keeps them
		"[a] b = \"c\nd\n",
		"[a]\nb = c\\x\n",
		"[a\n",
		"[a]\n1b = c\n",
		"[a \"b\"c]\nd = e\n",
		"k = v\n",
	} {
		p := filepath.Join(dir, fmt.Sprintf("config%d", i))
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("git", "config", "--file", p, "--list", "-z")
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, gitErr := cmd.Output()
		var got []string
		err := parseGitConfig([]byte(text), func(name string, value *string) error {
			if value == nil {
				got = append(got, name)
			} else {
				got = append(got, name+"\n"+*value)
			}
			return nil
		})
		if gitErr != nil {
			m := regexp.MustCompile(`bad config line (\d+)`).FindStringSubmatch(stderr.String())
			if err == nil || m == nil || !strings.HasSuffix(err.Error(), "bad config line "+m[1]) {
				t.Errorf("config %d %q: git says %q, we say %v", i, text, stderr.String(), err)
			}
			continue
		}
		want := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("config %d %q:\n got %q (%v)\nwant %q", i, text, got, err, want)
		}
	}
}
