package signing

import (
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// signedRepo builds a repository whose commits carry every kind of
// signature outcome, made with the real gpg, ssh-keygen and gpgsm, and
// returns the trust material and the expected status per commit message.
func signedRepo(t *testing.T) (*testEnv, *Trust, map[string]Status) {
	return signedRepoFormat(t, "sha1")
}

// signedRepoFormat is signedRepo with the given object format. git signs
// a SHA-256 commit in a gpgsig-sha256 header and a SHA-256 tag in its
// message, each over the object's SHA-256 form.
func signedRepoFormat(t *testing.T, format string) (*testEnv, *Trust, map[string]Status) {
	needTools(t, "gpg", "ssh-keygen")
	e := newTestEnvFormat(t, format)
	want := map[string]Status{}
	day := func(d string) string { return d + "T12:00:00Z" }

	e.commit("unsigned", day("2021-01-01"), "")
	want["unsigned"] = StatusUnsigned

	good := e.gpgKey("Good <signer@example.com>")
	other := e.gpgKey("Other <signer@example.com>")
	e.commit("pgp-good", day("2021-01-02"), "", "user.signingkey="+good)
	want["pgp-good"] = StatusGood
	e.commit("pgp-untrusted", day("2021-01-03"), "", "user.signingkey="+other)
	want["pgp-untrusted"] = StatusUntrusted

	// A key made and used in 2020 that expired at the start of 2021.
	wrapper := e.write("oldgpg", "#!/bin/sh\nexec gpg --faked-system-time 20200601T000000 \"$@\"\n")
	os.Chmod(wrapper, 0o755)
	old := e.gpgKey("Old <signer@example.com>", "--faked-system-time", "20200101T000000")
	e.commit("pgp-expired", day("2020-06-01"), "", "user.signingkey="+old, "gpg.program="+wrapper)
	want["pgp-expired"] = StatusExpired

	revoked := e.gpgKey("Revoked <signer@example.com>")
	e.commit("pgp-revoked", day("2021-01-05"), "", "user.signingkey="+revoked)
	want["pgp-revoked"] = StatusRevoked
	rev, err := os.ReadFile(filepath.Join(e.dir, "g", "openpgp-revocs.d", revoked+".rev"))
	if err != nil {
		t.Fatal(err)
	}
	e.runIn(e.dir, nil, strings.ReplaceAll(string(rev), "\n:-----", "\n-----"), "gpg", "--batch", "--import")

	e.commit("pgp-good-2", day("2021-01-06"), "", "user.signingkey="+good)
	e.tamper("pgp-bad")
	want["pgp-bad"] = StatusBad

	sshGood, sshGoodPub := e.sshKey("ssh_good")
	sshOther, _ := e.sshKey("ssh_other")
	sshOld, sshOldPub := e.sshKey("ssh_old")
	ssh := func(key string) []string { return []string{"gpg.format=ssh", "user.signingkey=" + key} }
	e.commit("ssh-good", day("2021-02-01"), "", ssh(sshGood)...)
	want["ssh-good"] = StatusGood
	e.commit("ssh-untrusted", day("2021-02-02"), "", ssh(sshOther)...)
	want["ssh-untrusted"] = StatusUntrusted
	e.commit("ssh-expired", day("2021-02-03"), "", ssh(sshOld)...)
	want["ssh-expired"] = StatusExpired
	e.commit("ssh-wrong-principal", day("2021-02-04"), "intruder@example.com", ssh(sshGood)...)
	want["ssh-wrong-principal"] = StatusUntrusted
	e.commit("ssh-good-2", day("2021-02-05"), "", ssh(sshGood)...)
	e.tamper("ssh-bad")
	want["ssh-bad"] = StatusBad

	keyring := e.run(e.dir, "gpg", "--armor", "--export", good, old, revoked)
	signers := "signer@example.com namespaces=\"git\" " + sshGoodPub + "\n" +
		"# expired key\nsigner@example.com valid-before=\"20210101\" " + sshOldPub + "\n"
	trust, err := LoadTrust(e.write("keys.asc", keyring), e.write("allowed_signers", signers), "")
	if err != nil {
		t.Fatal(err)
	}
	x509Commits(e, trust, want)

	e.git("-c", "user.signingkey="+good, "tag", "-s", "-m", "release 1.0", "v1.0.0", ":/pgp-good")
	e.git("tag", "-a", "-m", "release 1.1", "v1.1.0", ":/ssh-good")
	e.git("tag", "v1.2.0", ":/unsigned")
	e.git("-c", "gpg.format=ssh", "-c", "user.signingkey="+sshOther, "tag", "-s", "-m", "release 1.3", "v1.3.0")
	e.git("tag", "nightly")
	return e, trust, want
}

// x509Commits adds gpgsm-signed commits when gpgsm is installed: one by a
// certificate in the roots file, one by a certificate outside it, and a
// forgery.
func x509Commits(e *testEnv, trust *Trust, want map[string]Status) {
	if _, err := exec.LookPath("gpgsm"); err != nil {
		e.t.Log("gpgsm not installed: no X.509 commits")
		return
	}
	e.write("g/gpgsm.conf", "disable-crl-checks\ninclude-certs -1\n")
	trusted := e.x509Cert("x509@example.com", "CN=Trusted Signer")
	untrusted := e.x509Cert("x509@example.com", "CN=Other Signer")
	e.run(e.dir, "gpgconf", "--reload", "gpg-agent") // re-read trustlist.txt
	x := func(fpr string) []string { return []string{"gpg.format=x509", "user.signingkey=" + fpr} }
	e.commit("x509-good", "2021-03-01T12:00:00Z", "x509@example.com", x(trusted)...)
	want["x509-good"] = StatusGood
	e.commit("x509-untrusted", "2021-03-02T12:00:00Z", "x509@example.com", x(untrusted)...)
	want["x509-untrusted"] = StatusUntrusted
	e.commit("x509-good-2", "2021-03-03T12:00:00Z", "x509@example.com", x(trusted)...)
	e.tamper("x509-bad")
	want["x509-bad"] = StatusBad
	if err := trust.AddX509PEM([]byte(e.run(e.dir, "gpgsm", "--armor", "--export", trusted))); err != nil {
		e.t.Fatal(err)
	}
}

// x509Cert makes a self-signed gpgsm certificate that gpgsm itself
// trusts (trustlist.txt) and returns its fingerprint.
func (e *testEnv) x509Cert(email, dn string) string {
	e.t.Helper()
	// %no-protection: signing must never need a pinentry, whatever agent
	// an earlier gpg call started for this home.
	params := "%no-protection\nKey-Type: RSA\nKey-Length: 2048\nKey-Usage: sign\nSerial: random\nName-DN: " + dn + "\nName-Email: " + email + "\n"
	pem := e.runIn(e.dir, nil, "", "gpgsm", "--batch", "--armor", "--pinentry-mode", "loopback", "--passphrase", "", "--gen-key", e.write("params", params))
	e.runIn(e.dir, nil, pem, "gpgsm", "--batch", "--import")
	out := e.run(e.dir, "gpgsm", "--with-colons", "--list-keys", dn)
	m := fprLine.FindStringSubmatch(out)
	if m == nil {
		e.t.Fatalf("no certificate fingerprint in %s", out)
	}
	var colons []string
	for i := 0; i < len(m[1]); i += 2 {
		colons = append(colons, m[1][i:i+2])
	}
	f, err := os.OpenFile(filepath.Join(e.dir, "g", "trustlist.txt"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		e.t.Fatal(err)
	}
	f.WriteString(strings.Join(colons, ":") + " S relax\n")
	f.Close()
	return m[1]
}

// storageLayouts rewrite how a test repository stores its objects and
// refs; each audit must read the same history from every layout.
var storageLayouts = []struct {
	name string
	git  [][]string
}{
	{"loose", nil},
	// Packs with OFS_DELTA bases, packed-refs (peeled tags), commit-graph.
	{"gc", [][]string{{"gc", "-q"}}},
	// Deltas that name their base by object id.
	{"ref-delta", [][]string{{"-c", "repack.useDeltaBaseOffset=false", "repack", "-adfq"}}},
}

// Every signature outcome, on both object formats and every storage
// layout: the audit of a SHA-256 repository is the audit of the same
// history in SHA-1.
func TestAuditHistorySignatures(t *testing.T) {
	for _, format := range objectFormats {
		t.Run(format, func(t *testing.T) {
			e, trust, want := signedRepoFormat(t, format)
			for _, layout := range storageLayouts {
				for _, args := range layout.git {
					e.git(args...)
				}
				t.Run(layout.name, func(t *testing.T) { checkSignedAudit(t, e, trust, want) })
			}
		})
	}
}

func checkSignedAudit(t *testing.T, e *testEnv, trust *Trust, want map[string]Status) {
	r, err := FindRepo(filepath.Join(e.repo))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	a, err := AuditHistory(r, AuditOptions{Walk: WalkOptions{All: true}, Trust: trust})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Status{}
	for _, p := range a.Problems {
		got[p.Summary] = p.Verdict.Status
		if p.Verdict.Status != StatusUnsigned && p.Verdict.Detail == "" {
			t.Errorf("%s: %s verdict without detail", p.Summary, p.Verdict.Status)
		}
		if id := e.git("rev-parse", p.ID.String()+"^{commit}"); p.ID.String() != id {
			t.Errorf("%s: problem names commit %s, git knows it as %s", p.Summary, p.ID, id)
		}
	}
	for msg, st := range want {
		if st == StatusGood {
			if _, bad := got[msg]; bad {
				t.Errorf("%s: got %s (%s), want good", msg, got[msg], detailOf(a, msg))
			}
			continue
		}
		if got[msg] != st {
			t.Errorf("%s: got %s (%s), want %s", msg, got[msg], detailOf(a, msg), st)
		}
	}
	for msg, st := range got {
		if _, ok := want[msg]; !ok {
			t.Errorf("unexpected problem %s: %s", msg, st)
		}
	}
	tags := map[string]string{}
	for _, tg := range a.Tags {
		tags[tg.Name] = tg.Verdict.Status.String()
		if tg.Lightweight {
			tags[tg.Name] = "lightweight"
		}
		if id, c := e.git("rev-parse", "refs/tags/"+tg.Name), e.git("rev-parse", tg.Name+"^{commit}"); tg.ID.String() != id || tg.Commit.String() != c {
			t.Errorf("tag %s: object %s on %s, git says %s on %s", tg.Name, tg.ID, tg.Commit, id, c)
		}
	}
	wantTags := map[string]string{"v1.0.0": "good", "v1.1.0": "unsigned", "v1.2.0": "lightweight", "v1.3.0": "untrusted"}
	if !maps.Equal(tags, wantTags) {
		t.Errorf("tags = %v, want %v", tags, wantTags)
	}
	revList := strings.Fields(e.git("rev-list", "--all"))
	if a.Info.Visited != len(revList) {
		t.Errorf("visited %d commits, git rev-list --all lists %d", a.Info.Visited, len(revList))
	}
	if want := e.git("rev-parse", "HEAD"); a.Info.Head.String() != want {
		t.Errorf("HEAD = %s, git rev-parse HEAD = %s", a.Info.Head, want)
	}
}

func detailOf(a *Audit, msg string) string {
	for _, p := range a.Problems {
		if p.Summary == msg {
			return p.Verdict.Detail
		}
	}
	return ""
}

// Without trust material, OpenPGP signatures cannot be checked, while SSH
// and X.509 signatures are still checked against the key they carry.
func TestAuditHistoryNoTrust(t *testing.T) {
	for _, format := range objectFormats {
		t.Run(format, func(t *testing.T) {
			e, _, want := signedRepoFormat(t, format)
			r, err := FindRepo(e.repo)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			a, err := AuditHistory(r, AuditOptions{Walk: WalkOptions{All: true}})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range a.Problems {
				w := want[p.Summary]
				exp := StatusUnverified
				switch {
				case w == StatusUnsigned:
					exp = StatusUnsigned
				case w == StatusBad && !strings.HasPrefix(p.Summary, "pgp"):
					exp = StatusBad
				}
				if p.Verdict.Status != exp {
					t.Errorf("%s: got %s, want %s", p.Summary, p.Verdict.Status, exp)
				}
			}
			if n := a.Counts[StatusGood]; n != 0 {
				t.Errorf("%d good verdicts without trust material", n)
			}
		})
	}
}

func TestWalkMatchesRevList(t *testing.T) {
	for _, format := range objectFormats {
		t.Run(format, func(t *testing.T) { testWalkMatchesRevList(t, format) })
	}
}

func testWalkMatchesRevList(t *testing.T, format string) {
	e := newTestEnvFormat(t, format)
	for _, d := range []string{"01", "02", "03"} {
		e.commit("main-"+d, "2022-01-"+d+"T00:00:00Z", "")
	}
	e.git("checkout", "-q", "-b", "side", "HEAD~1")
	e.commit("side-1", "2022-01-04T00:00:00Z", "")
	e.commit("side-2", "2022-01-05T00:00:00Z", "")
	e.git("checkout", "-q", "main")
	e.runIn(e.repo, []string{"GIT_COMMITTER_DATE=2022-01-06T00:00:00Z"}, "", "git", "merge", "-q", "--no-ff", "-m", "merge", "side")
	e.git("tag", "-a", "-m", "r", "v0.1.0", "HEAD~1")
	e.commit("after-tag", "2022-01-07T00:00:00Z", "")
	e.git("checkout", "-q", "-b", "orphan-ish", "main~2")
	e.commit("other-branch", "2022-01-08T00:00:00Z", "")
	e.git("checkout", "-q", "main")
	e.git("gc", "-q") // exercise the pack reader, deltas included
	e.commit("loose", "2022-01-09T00:00:00Z", "")
	e.git("tag", "v0.2.0") // on HEAD: since-tag still starts after v0.1.0

	r, err := FindRepo(e.repo)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, c := range []struct {
		opt WalkOptions
		git []string
	}{
		{WalkOptions{All: true}, []string{"--all"}},
		{WalkOptions{Range: "main~3..main"}, []string{"main~3..main"}},
		{WalkOptions{Range: "v0.1.0..HEAD"}, []string{"v0.1.0..HEAD"}},
		{WalkOptions{SinceTag: true}, []string{"v0.1.0..HEAD"}},
		{WalkOptions{Range: "side"}, []string{"side"}},
		{WalkOptions{}, []string{"HEAD"}},
	} {
		var got []string
		info, err := r.Walk(c.opt, func(cm *Commit) error { got = append(got, cm.ID.String()); return nil })
		if err != nil {
			t.Fatalf("%+v: %v", c.opt, err)
		}
		want := strings.Fields(e.git(append([]string{"rev-list"}, c.git...)...))
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: walked %d commits, git rev-list %v lists %d", info.Desc, len(got), c.git, len(want))
		}
	}
}

func TestWalkMaxCommits(t *testing.T) {
	for _, format := range objectFormats {
		t.Run(format, func(t *testing.T) { testWalkMaxCommits(t, format) })
	}
}

func testWalkMaxCommits(t *testing.T, format string) {
	e := newTestEnvFormat(t, format)
	for _, d := range []string{"01", "02", "03", "04"} {
		e.commit("c"+d, "2022-02-"+d+"T00:00:00Z", "")
	}
	r, err := FindRepo(e.repo)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var got []string
	var progress [][2]int
	info, err := r.Walk(WalkOptions{MaxCommits: 2, Progress: func(d, t int) { progress = append(progress, [2]int{d, t}) }},
		func(c *Commit) error { got = append(got, c.Summary); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if !info.Truncated || !slices.Equal(got, []string{"c04", "c03"}) {
		t.Errorf("truncated=%v got %v, want the two newest", info.Truncated, got)
	}
	if len(progress) == 0 {
		t.Error("progress was never reported")
	}
}

// Peeling many refs on every CPU gives each ref what Peel gives it, in
// order: commits through annotated tags, and errors for refs naming a
// blob, a tree or nothing readable.
func TestPeelAllMatchesPeel(t *testing.T) {
	e := newTestEnvFormat(t, "sha1")
	e.commit("one", "2022-01-01T00:00:00Z", "")
	e.git("tag", "-a", "-m", "r", "annotated")
	e.commit("two", "2022-01-02T00:00:00Z", "")
	ids := []string{e.git("rev-parse", "HEAD"), e.git("rev-parse", "HEAD~1"), e.git("rev-parse", "annotated"),
		e.git("rev-parse", "HEAD^{tree}"), e.git("hash-object", "-w", "--stdin")}
	var cmds strings.Builder
	for i := range 1200 {
		fmt.Fprintf(&cmds, "create refs/tags/t%04d %s\n", i, ids[i%len(ids)])
	}
	e.runIn(e.repo, nil, cmds.String(), "git", "update-ref", "--stdin")
	r, err := FindRepo(e.repo)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	refs := r.Refs()
	refs = append(refs, Ref{Name: "refs/tags/missing", ID: Hash{b: [32]byte{7}}})
	got := r.peelAll(refs)
	if len(got) != len(refs) || len(refs) < 1200 {
		t.Fatalf("%d refs peeled of %d", len(got), len(refs))
	}
	failed := 0
	for i, ref := range refs {
		c, err := r.Peel(ref.ID)
		if got[i].commit != c || (got[i].err == nil) != (err == nil) {
			t.Fatalf("%s: peelAll gives %v, %v; Peel %v, %v", ref.Name, got[i].commit, got[i].err, c, err)
		}
		if err != nil {
			failed++
		}
	}
	if failed < 400 {
		t.Errorf("only %d refs failed to peel: the errors are not exercised", failed)
	}
}
