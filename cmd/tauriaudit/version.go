package main

import (
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Stamped by the release build:
//
//	-ldflags "-X main.version=1.2.3 -X main.commit=<sha> -X main.date=<RFC 3339>"
var (
	version = ""
	commit  = ""
	date    = ""
)

// buildStamp is what `tauriaudit version` reports.
type buildStamp struct {
	Version, Commit, Date string
}

// currentStamp prefers the ldflags values; a plain `go build` or
// `go install …@vX` falls back to the module version and the VCS
// settings Go records in the binary.
func currentStamp() buildStamp {
	bi, _ := debug.ReadBuildInfo()
	return stampFrom(version, commit, date, bi)
}

func stampFrom(v, c, d string, bi *debug.BuildInfo) buildStamp {
	s := buildStamp{Version: v, Commit: c, Date: d}
	if bi != nil {
		if s.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			s.Version = bi.Main.Version
		}
		for _, kv := range bi.Settings {
			switch {
			case kv.Key == "vcs.revision" && s.Commit == "":
				s.Commit = kv.Value
			case kv.Key == "vcs.time" && s.Date == "":
				s.Date = kv.Value
			}
		}
	}
	if s.Version == "" {
		s.Version = "devel"
	}
	return s
}

func toolVersion() string { return currentStamp().Version }

// line is the one-line form: "tauriaudit 1.2.3 (commit abc1234, built 2026-12-06T00:00:00Z)".
func (s buildStamp) line() string {
	var extra []string
	if s.Commit != "" {
		extra = append(extra, "commit "+s.Commit)
	}
	if s.Date != "" {
		extra = append(extra, "built "+s.Date)
	}
	out := "tauriaudit " + s.Version
	if len(extra) > 0 {
		out += " (" + strings.Join(extra, ", ") + ")"
	}
	return out
}

func newVersionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and build date",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := io.WriteString(stdout, currentStamp().line()+"\n")
			return err
		},
	}
}
