package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/tauriaudit/tauriaudit/checks"
	"github.com/tauriaudit/tauriaudit/report"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// scanFlags are the options of `tauriaudit scan`.
type scanFlags struct {
	format    string
	output    string
	failOn    string
	platforms []string
	color     string
	quiet     bool
	limits    rules.Limits
}

func newScanCmd(stdout, stderr io.Writer) *cobra.Command {
	fl := &scanFlags{limits: rules.DefaultLimits}
	cmd := &cobra.Command{
		Use:   "scan [PATH]",
		Short: "Audit every Tauri app under PATH (default: the current directory)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			root := "."
			if len(args) == 1 {
				root = args[0]
			}
			return scan(c.Context(), root, fl, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&fl.format, "format", "f", "text", "output format: text, json or sarif")
	f.StringVarP(&fl.output, "output", "o", "", "write the report to `FILE` instead of standard output")
	f.StringVar(&fl.failOn, "fail-on", "error", "exit 1 when a finding is at or above this level: error, warning, note or none")
	f.StringSliceVar(&fl.platforms, "platform", nil, "audit only these targets (linux, macOS, windows, android, iOS); default: desktop plus mobile targets the app builds")
	f.StringVar(&fl.color, "color", "auto", "colour text output: auto, always or never (NO_COLOR is honoured)")
	f.BoolVarP(&fl.quiet, "quiet", "q", false, "text output: findings only, no source lines and no summary")
	f.Int64Var(&fl.limits.MaxFileSize, "max-file-size", rules.DefaultLimits.MaxFileSize, "largest file read, in bytes; larger files are reported and skipped")
	f.IntVar(&fl.limits.MaxFiles, "max-files", rules.DefaultLimits.MaxFiles, "most directory entries walked")
	return cmd
}

func scan(ctx context.Context, root string, fl *scanFlags, stdout, stderr io.Writer) error {
	opt, format, failOn, err := fl.validate()
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	projects, err := rules.Load(ctx, root, opt)
	if err != nil {
		if errors.Is(err, rules.ErrNoApp) {
			err = fmt.Errorf("%s: %w", root, err)
		}
		return &exitError{code: 2, err: err}
	}
	all := checks.All()
	res := rules.Run(ctx, projects, all)
	doc := report.NewDocument(report.Tool{Name: "tauriaudit", Version: toolVersion(),
		URI: "https://github.com/tauriaudit/tauriaudit"}, appDirs(projects), res, all)
	if err := fl.write(doc, format, projects, stdout); err != nil {
		return &exitError{code: 2, err: err}
	}
	if len(res.Errors) > 0 {
		return &exitError{code: 2, err: fmt.Errorf("%d rule(s) failed; the report is incomplete", len(res.Errors))}
	}
	if rules.Failing(res.Findings, failOn) > 0 {
		return &exitError{code: 1}
	}
	return nil
}

func (fl *scanFlags) validate() (rules.LoadOptions, report.Format, rules.Level, error) {
	opt := rules.LoadOptions{Limits: fl.limits}
	format := report.Format(fl.format)
	switch format {
	case report.Text, report.JSON, report.SARIF:
	default:
		return opt, "", "", fmt.Errorf("unknown --format %q (want text, json or sarif)", fl.format)
	}
	failOn, err := rules.ParseLevel(fl.failOn)
	if err != nil {
		return opt, "", "", fmt.Errorf("--fail-on: %w", err)
	}
	for _, s := range fl.platforms {
		p, ok := source.ParsePlatform(strings.TrimSpace(s))
		if !ok {
			return opt, "", "", fmt.Errorf("unknown --platform %q (want linux, macOS, windows, android or iOS)", s)
		}
		opt.Platforms = append(opt.Platforms, p)
	}
	if fl.color != "auto" && fl.color != "always" && fl.color != "never" {
		return opt, "", "", fmt.Errorf("unknown --color %q (want auto, always or never)", fl.color)
	}
	if fl.limits.MaxFileSize <= 0 || fl.limits.MaxFiles <= 0 {
		return opt, "", "", errors.New("--max-file-size and --max-files must be positive")
	}
	return opt, format, failOn, nil
}

// write renders the report to --output (written whole, then renamed into
// place) or to stdout.
func (fl *scanFlags) write(doc *report.Document, format report.Format, projects []*rules.Project, stdout io.Writer) error {
	ropt := report.Options{Quiet: fl.quiet}
	if len(projects) > 0 {
		ropt.Files = projects[0].Files()
	}
	if fl.output == "" {
		ropt.Color = useColor(fl.color, stdout)
		return report.Write(stdout, format, doc, ropt)
	}
	tmp, err := os.CreateTemp(filepath.Dir(fl.output), ".tauriaudit-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := report.Write(tmp, format, doc, ropt); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), fl.output)
}

// useColor follows no-color.org and only colours a terminal.
func useColor(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func appDirs(ps []*rules.Project) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Dir
	}
	return out
}
