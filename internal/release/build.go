package release

import (
	"bytes"
	"context"
	"debug/buildinfo"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Options say what Build makes.
type Options struct {
	Repo    string    // module root holding cmd/tauriaudit, README.md, npm/
	Out     string    // output directory (dist)
	Version string    // without the leading "v"
	Commit  string    // full commit id
	Date    time.Time // commit date: stamped in and used as every mtime
	Targets []Target
	Key     string // minisign secret key file; "" leaves the release unsigned
	KeyPass string // its password, for an encrypted key
	Log     io.Writer
}

// Build cross-compiles the targets into Out, then writes the archives,
// the SBOM, the checksums file and (with a key) its signature, and the
// npm packages under Out/npm.
func Build(ctx context.Context, o Options) error {
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return err
	}
	var linked []Linked
	var npmBins []NpmBinary
	var assets []string
	for _, t := range o.Targets {
		bin := filepath.Join(o.Out, "build", t.OS+"_"+t.Arch, t.Binary())
		fmt.Fprintf(o.Log, "build %s\n", t)
		if err := goBuild(ctx, o, t, bin); err != nil {
			return err
		}
		bi, err := buildinfo.ReadFile(bin)
		if err != nil {
			return fmt.Errorf("%s: %v", bin, err)
		}
		linked = append(linked, Linked{Target: t, Info: bi})
		npmBins = append(npmBins, NpmBinary{Target: t, Path: bin})
		name := ArchiveName(o.Version, t)
		if err := writeArchive(filepath.Join(o.Out, name), t, bin, o.Repo, o.Date); err != nil {
			return err
		}
		assets = append(assets, name)
	}
	sbom, err := SBOM(o.Version, o.Date, linked)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(o.Out, SBOMName(o.Version)), append(sbom, '\n'), 0o644); err != nil {
		return err
	}
	assets = append(assets, SBOMName(o.Version))
	sums, err := writeChecksums(o, assets)
	if err != nil {
		return err
	}
	if o.Key != "" {
		key, err := LoadSecretKey(o.Key, o.KeyPass)
		if err != nil {
			return fmt.Errorf("minisign key %s: %v", o.Key, err)
		}
		trusted := fmt.Sprintf("file:%s\ttauriaudit v%s %s", ChecksumsName(o.Version), o.Version, o.Commit)
		if err := os.WriteFile(filepath.Join(o.Out, SignatureName(o.Version)), Sign(key, sums, trusted), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(o.Log, "signed %s with key %016X\n", ChecksumsName(o.Version), key.ID())
	} else {
		fmt.Fprintf(o.Log, "no key given: %s is not signed\n", ChecksumsName(o.Version))
	}
	return WriteNpmPackages(filepath.Join(o.Repo, "npm"), filepath.Join(o.Out, "npm"), o.Version, npmBins)
}

// goBuild runs the toolchain: static, trimmed, stamped, no VCS lookup
// (the stamp carries the commit).
func goBuild(ctx context.Context, o Options, t Target, out string) error {
	ld := fmt.Sprintf("-s -w -X main.version=%s -X main.commit=%s -X main.date=%s", o.Version, o.Commit, o.Date.UTC().Format(time.RFC3339))
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-buildvcs=false", "-ldflags", ld, "-o", out, "./cmd/tauriaudit")
	cmd.Dir = o.Repo
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+t.OS, "GOARCH="+t.Arch)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build %s: %v\n%s", t, err, stderr.Bytes())
	}
	return nil
}

// writeArchive packs the binary with README.md and LICENSE (if present).
func writeArchive(dst string, t Target, bin, repo string, mtime time.Time) error {
	entries := []Entry{{Name: t.Binary(), Path: bin, Exec: true}}
	for _, doc := range []string{"README.md", "LICENSE"} {
		if _, err := os.Stat(filepath.Join(repo, doc)); err == nil {
			entries = append(entries, Entry{Name: doc, Path: filepath.Join(repo, doc)})
		}
	}
	f, err := os.Create(dst)
	if err != nil {
		return err
	}
	if t.OS == "windows" {
		err = WriteZip(f, entries, mtime)
	} else {
		err = WriteTarGz(f, entries, mtime)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func writeChecksums(o Options, assets []string) ([]byte, error) {
	var sums []Sum
	for _, a := range assets {
		h, err := FileSHA256(filepath.Join(o.Out, a))
		if err != nil {
			return nil, err
		}
		sums = append(sums, Sum{Name: a, Hex: h})
	}
	data := FormatChecksums(sums)
	return data, os.WriteFile(filepath.Join(o.Out, ChecksumsName(o.Version)), data, 0o644)
}
