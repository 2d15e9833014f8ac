// Command benchgen builds a synthetic git repository for
// scripts/bench-history.sh: N commits (with merges whose second parents
// are reachable only through the merge), signed with real keys made by gpg
// and ssh-keygen, plus signed annotated release tags.
//
// git 2.39's fast-import cannot carry commit signatures, and running gpg
// once per commit would take minutes, so the commits are written as loose
// objects here and signed in-process with the exported keys (OpenPGP via
// ProtonMail/go-crypto, SSH via sshsig). Those are ordinary OpenPGP and
// sshsig signatures: `git log --format=%G?` verifies them with gpg and
// ssh-keygen like any other. The objects are then packed by `git repack`.
//
//	go run ./signing/internal/benchgen -dir D -commits 20000 \
//	    -gpg-key sec.asc -ssh-key id_ed25519 [-sign-every 1]
package main

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/hex"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"
)

type gen struct {
	dir       string
	pgp       *openpgp.Entity
	ssh       ssh.Signer
	signEvery int
	n         int
	when      time.Time
}

func main() {
	g := &gen{when: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}
	commits := flag.Int("commits", 20000, "number of commits")
	gpgKey := flag.String("gpg-key", "", "armored OpenPGP secret key (unprotected)")
	sshKey := flag.String("ssh-key", "", "OpenSSH private key (unprotected)")
	flag.StringVar(&g.dir, "dir", "", "repository to create")
	flag.IntVar(&g.signEvery, "sign-every", 1, "sign every Nth commit (alternating OpenPGP and SSH); 0 signs none")
	flag.Parse()
	if g.dir == "" || *gpgKey == "" || *sshKey == "" {
		log.Fatal("need -dir, -gpg-key and -ssh-key")
	}
	g.loadKeys(*gpgKey, *sshKey)
	run(g.dir, "git", "init", "-q", "-b", "main", ".")
	head := g.history(*commits)
	must(os.WriteFile(filepath.Join(g.dir, ".git/refs/heads/main"), []byte(head+"\n"), 0o644))
	run(g.dir, "git", "repack", "-adq")
	run(g.dir, "git", "prune-packed")
	fmt.Println(head)
}

func (g *gen) loadKeys(gpgKey, sshKey string) {
	f, err := os.Open(gpgKey)
	must(err)
	defer f.Close()
	ents, err := openpgp.ReadArmoredKeyRing(f)
	must(err)
	g.pgp = ents[0]
	b, err := os.ReadFile(sshKey)
	must(err)
	g.ssh, err = ssh.ParsePrivateKey(b)
	must(err)
}

// history writes the commits and tags and returns the head commit.
func (g *gen) history(total int) string {
	conf := g.object("blob", []byte(`{"identifier":"com.example.bench","bundle":{"active":false}}`+"\n"))
	srcTree := g.object("tree", treeEntry("100644", "tauri.conf.json", conf))
	var head, side string
	for i := 0; g.n < total; i++ {
		blob := g.object("blob", []byte(fmt.Sprintf("change %d\n", i)))
		tree := g.object("tree", append(treeEntry("100644", "README.md", blob), treeEntry("40000", "src-tauri", srcTree)...))
		parents := []string{}
		if head != "" {
			parents = append(parents, head)
		}
		switch {
		case i%50 == 25 && head != "" && g.n < total-1:
			side = g.commit(tree, parents, fmt.Sprintf("side %d", i))
			continue
		case i%50 == 0 && side != "":
			parents = append(parents, side)
			side = ""
		}
		head = g.commit(tree, parents, fmt.Sprintf("change %d", i))
		if i > 0 && i%1000 == 0 {
			g.tag(head, fmt.Sprintf("v0.%d.0", i/1000))
		}
	}
	return head
}

func treeEntry(mode, name, hexHash string) []byte {
	h, _ := hex.DecodeString(hexHash)
	return append([]byte(mode+" "+name+"\x00"), h...)
}

func (g *gen) commit(tree string, parents []string, msg string) string {
	g.n++
	g.when = g.when.Add(time.Minute)
	var b bytes.Buffer
	fmt.Fprintf(&b, "tree %s\n", tree)
	for _, p := range parents {
		fmt.Fprintf(&b, "parent %s\n", p)
	}
	ident := fmt.Sprintf("Bench User <bench@example.com> %d +0000", g.when.Unix())
	fmt.Fprintf(&b, "author %s\ncommitter %s\n", ident, ident)
	payload := append(b.Bytes(), []byte("\n"+msg+"\n")...)
	if g.signEvery == 0 || g.n%g.signEvery != 0 {
		return g.object("commit", payload)
	}
	sig := g.sign(payload, (g.n/max(g.signEvery, 1))%2 == 0)
	header := "gpgsig " + strings.ReplaceAll(strings.TrimSuffix(sig, "\n"), "\n", "\n ") + "\n"
	out := append(append(append([]byte{}, b.Bytes()...), header...), "\n"+msg+"\n"...)
	return g.object("commit", out)
}

// tag writes a signed annotated tag and its ref.
func (g *gen) tag(target, name string) {
	payload := fmt.Sprintf("object %s\ntype commit\ntag %s\ntagger Bench User <bench@example.com> %d +0000\n\nrelease %s\n",
		target, name, g.when.Unix(), name)
	h := g.object("tag", []byte(payload+g.sign([]byte(payload), true)))
	must(os.MkdirAll(filepath.Join(g.dir, ".git/refs/tags"), 0o755))
	must(os.WriteFile(filepath.Join(g.dir, ".git/refs/tags", name), []byte(h+"\n"), 0o644))
}

func (g *gen) sign(payload []byte, pgp bool) string {
	var out bytes.Buffer
	if pgp {
		must(openpgp.ArmoredDetachSign(&out, g.pgp, bytes.NewReader(payload), &packet.Config{}))
		return strings.TrimSpace(out.String()) + "\n"
	}
	s, err := sshsig.Sign(bytes.NewReader(payload), g.ssh, sshsig.HashSHA512, "git")
	must(err)
	return string(sshsig.Armor(s))
}

// object writes a loose object and returns its id.
func (g *gen) object(typ string, body []byte) string {
	raw := append([]byte(fmt.Sprintf("%s %d\x00", typ, len(body))), body...)
	sum := sha1.Sum(raw)
	id := hex.EncodeToString(sum[:])
	p := filepath.Join(g.dir, ".git/objects", id[:2], id[2:])
	if _, err := os.Stat(p); err == nil {
		return id
	}
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	w.Write(raw)
	w.Close()
	must(os.MkdirAll(filepath.Dir(p), 0o755))
	must(os.WriteFile(p, z.Bytes(), 0o444))
	return id
}

func run(dir string, name string, args ...string) {
	must(os.MkdirAll(dir, 0o755))
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Stderr = dir, os.Stderr
	must(cmd.Run())
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
