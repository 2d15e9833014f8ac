// Command build makes tauriaudit's release assets in dist/:
//
//	go run ./internal/release/cmd/build -version 1.2.3 [-key minisign.key] [-targets host]
//
// The commit and its date default to git's HEAD; the key's password, if
// it has one, is read from $MINISIGN_PASSWORD.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/tauriaudit/tauriaudit/internal/release"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
}

func run() error {
	var o release.Options
	var date, targets string
	flag.StringVar(&o.Version, "version", "", "release version, without the leading v (required)")
	flag.StringVar(&o.Commit, "commit", "", "commit id (default: git rev-parse HEAD)")
	flag.StringVar(&date, "date", "", "commit date, RFC 3339 (default: HEAD's committer date)")
	flag.StringVar(&o.Out, "out", "dist", "output directory")
	flag.StringVar(&o.Repo, "repo", ".", "repository root")
	flag.StringVar(&targets, "targets", "all", `"all", "host", or os/arch,… (e.g. linux/amd64,darwin/arm64)`)
	flag.StringVar(&o.Key, "key", os.Getenv("TAURIAUDIT_MINISIGN_KEY"), "minisign secret key file (default $TAURIAUDIT_MINISIGN_KEY); empty: unsigned")
	flag.Parse()
	o.Version = strings.TrimPrefix(o.Version, "v")
	if o.Version == "" || flag.NArg() > 0 {
		flag.Usage()
		return fmt.Errorf("-version is required")
	}
	o.KeyPass, o.Log = os.Getenv("MINISIGN_PASSWORD"), os.Stderr
	var err error
	if o.Commit == "" {
		if o.Commit, err = git(o.Repo, "rev-parse", "HEAD"); err != nil {
			return err
		}
	}
	if date == "" {
		if date, err = git(o.Repo, "show", "-s", "--format=%cI", o.Commit); err != nil {
			return err
		}
	}
	if o.Date, err = time.Parse(time.RFC3339, date); err != nil {
		return fmt.Errorf("-date: %v", err)
	}
	if o.Targets, err = parseTargets(targets); err != nil {
		return err
	}
	return release.Build(context.Background(), o)
}

func parseTargets(s string) ([]release.Target, error) {
	switch s {
	case "all":
		return release.Targets, nil
	case "host":
		s = runtime.GOOS + "/" + runtime.GOARCH
	}
	var out []release.Target
	for _, one := range strings.Split(s, ",") {
		found := false
		for _, t := range release.Targets {
			if t.String() == strings.TrimSpace(one) {
				out, found = append(out, t), true
			}
		}
		if !found {
			return nil, fmt.Errorf("-targets: %q is not a shipped target", one)
		}
	}
	return out, nil
}

func git(dir string, args ...string) (string, error) {
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}
