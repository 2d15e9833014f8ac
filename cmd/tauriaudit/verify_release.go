package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"aead.dev/minisign"
	"github.com/spf13/cobra"

	assets "github.com/tauriaudit/tauriaudit/internal/release"
	"github.com/tauriaudit/tauriaudit/signing"
)

func newVerifyReleaseCmd(stdout io.Writer) *cobra.Command {
	var key, checksums string
	var all bool
	cmd := &cobra.Command{
		Use:   "verify-release DIR --key KEY",
		Short: "Verify downloaded release assets: the checksums file's minisign signature, then each file's SHA-256",
		Long: `verify-release checks tauriaudit's own release downloads in DIR: the minisign
signature of tauriaudit_<version>_checksums.txt (its .minisig beside it) with
KEY, then the SHA-256 of every listed file present in DIR. Files listed but
not downloaded are skipped unless --all is given; at least one must match.

KEY is the release public key: a minisign .pub file, its key line (RW…), or
base64 of the .pub file.

Exit status: 0 verified; 1 bad signature, wrong key or a file that does not
match; 2 usage (no checksums file, unreadable key).`,
		Args: cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			pk, err := loadReleaseKey(key)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			return verifyRelease(stdout, args[0], checksums, pk, all)
		},
	}
	cmd.Flags().StringVar(&key, "key", "", "release public key: .pub file, key line, or base64 of the .pub file (required)")
	cmd.Flags().StringVar(&checksums, "checksums", "", "checksums file name in DIR (default: the one tauriaudit_*_checksums.txt)")
	cmd.Flags().BoolVar(&all, "all", false, "fail when a listed file is missing from DIR")
	_ = cmd.MarkFlagRequired("key")
	return cmd
}

// loadReleaseKey reads --key as a file when one exists at that path,
// else as the key text itself.
func loadReleaseKey(arg string) (minisign.PublicKey, error) {
	fi, statErr := os.Stat(arg)
	if statErr != nil {
		pk, err := signing.ParseMinisignKey([]byte(arg))
		if err != nil {
			return pk, fmt.Errorf("--key %q is neither a readable file (%v) nor a minisign public key", arg, statErr)
		}
		return pk, nil
	}
	if !fi.Mode().IsRegular() || fi.Size() > 1<<16 {
		return minisign.PublicKey{}, fmt.Errorf("--key %s is not a minisign .pub file", arg)
	}
	text, err := os.ReadFile(arg)
	if err != nil {
		return minisign.PublicKey{}, err
	}
	pk, err := signing.ParseMinisignKey(text)
	if err != nil {
		return pk, fmt.Errorf("--key %s: %v", arg, err)
	}
	return pk, nil
}

func verifyRelease(w io.Writer, dir, checksums string, pk minisign.PublicKey, all bool) error {
	if checksums == "" {
		var err error
		if checksums, err = assets.FindChecksums(dir); err != nil {
			return &exitError{code: 2, err: err}
		}
	}
	v, err := assets.VerifyDir(dir, checksums, pk)
	switch {
	case errors.Is(err, assets.ErrUsage):
		return &exitError{code: 2, err: err}
	case err != nil:
		return &exitError{code: 1, err: err}
	}
	for _, f := range v.Files {
		line := fmt.Sprintf("%-8s %s", f.Status, f.Name)
		if f.Detail != "" {
			line += ": " + f.Detail
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintf(w, "%d of %d files listed in %s verified; signature by key %s\n", v.Verified(), len(v.Files), checksums, v.KeyID)
	if !v.OK(all) {
		return &exitError{code: 1, err: errors.New("release verification failed")}
	}
	return nil
}
