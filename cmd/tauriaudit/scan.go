package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/tauriaudit/tauriaudit/checks"
	"github.com/tauriaudit/tauriaudit/internal/reporoot"
	"github.com/tauriaudit/tauriaudit/report"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// scanFlags are the options of `tauriaudit scan` (and `baseline`).
type scanFlags struct {
	format    string
	output    string
	failOn    string
	platforms []string
	color     string
	quiet     bool
	config    string
	baseline  string
	mode      string
	staged    bool
	hook      bool
	timeout   time.Duration
	limits    rules.Limits
	settings  rules.Settings
	noCache   bool
	repoRoot  string
}

func newScanCmd(stdout, stderr io.Writer) *cobra.Command {
	fl := &scanFlags{limits: rules.DefaultLimits}
	cmd := &cobra.Command{
		Use:   "scan [PATH]",
		Short: "Audit every Tauri app under PATH (default: the current directory)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return scanCommand(c.Context(), rootArg(args), fl, stdout, stderr)
		},
	}
	fl.register(cmd.Flags())
	return cmd
}

func rootArg(args []string) string {
	if len(args) == 1 {
		return args[0]
	}
	return "."
}

func (fl *scanFlags) register(f *pflag.FlagSet) {
	f.StringVarP(&fl.format, "format", "f", "text", "output format: text, json, sarif or markdown")
	f.StringVarP(&fl.output, "output", "o", "", "write the report to `FILE` instead of standard output")
	f.StringVar(&fl.failOn, "fail-on", "error", "exit 1 when a finding is at or above this level: error, warning, note or none")
	f.StringSliceVar(&fl.platforms, "platform", nil, "audit only these targets (linux, macOS, windows, android, iOS); default: desktop plus mobile targets the app builds")
	f.StringVar(&fl.color, "color", "auto", "colour text output: auto, always or never (NO_COLOR is honoured)")
	f.BoolVarP(&fl.quiet, "quiet", "q", false, "text output: findings only, no source lines and no summary")
	f.StringVar(&fl.config, "config", "", "read settings from `FILE` (default: .tauriaudit.toml in PATH, if present)")
	f.StringVar(&fl.baseline, "baseline", "", "report only findings not recorded in the baseline `FILE` (see tauriaudit baseline)")
	f.StringVar(&fl.mode, "mode", "", "precommit (fast: no git history) or release (everything; release-gate rules fail the run)")
	f.BoolVar(&fl.staged, "staged", false, "audit the files staged in git (the index, as git commit records them) and report what the staged change brings")
	f.BoolVar(&fl.hook, "hook", false, "as a pre-commit hook: --staged when git runs it during a commit, the whole app otherwise (pre-commit run --all-files, CI)")
	f.Int64Var(&fl.limits.MaxFileSize, "max-file-size", rules.DefaultLimits.MaxFileSize, "largest file read, in bytes; larger files are reported and skipped")
	f.IntVar(&fl.limits.MaxFiles, "max-files", rules.DefaultLimits.MaxFiles, "most directory entries walked")
	f.DurationVar(&fl.timeout, "timeout", 10*time.Minute, "stop and report an incomplete scan after this long (0: no limit)")
	s := &fl.settings
	f.StringVar(&s.GitRange, "git-range", "", "audit commits in the git range `A..B`")
	f.BoolVar(&s.GitSinceTag, "git-since-tag", false, "audit commits since the newest tag reachable from HEAD (default in release mode)")
	f.BoolVar(&s.GitAll, "git-all", false, "audit every commit reachable from any ref")
	f.StringSliceVar(&s.ReleaseTags, "release-tags", nil, "globs naming release tags, e.g. v*,app-v* (default: v1.2.3-like names; also release_tags in the config file)")
	f.IntVar(&s.MaxCommits, "max-commits", 100_000, "most commits read from history")
	f.StringVar(&s.TrustedKeys, "trusted-keys", "", "armored OpenPGP keyring `FILE` of trusted commit signers")
	f.StringVar(&s.AllowedSigners, "allowed-signers", "", "ssh allowed_signers `FILE` of trusted commit signers")
	f.StringVar(&s.X509Roots, "x509-roots", "", "PEM `FILE` of trusted X.509 roots for commit signatures")
	f.StringVar(&s.SigstoreTrustedRoot, "sigstore-trusted-root", "", "Sigstore trusted_root.json `FILE` (Fulcio CAs, Rekor keys) that keyless gitsign commits and cosign bundles are verified against, offline")
	f.StringVar(&s.CertIdentity, "certificate-identity", "", "keyless signatures must be by this certificate identity (email or URI), as in cosign")
	f.StringVar(&s.CertIdentityRegexp, "certificate-identity-regexp", "", "keyless signatures must be by an identity matching this RE2 `REGEXP` (unanchored, as in cosign)")
	f.StringVar(&s.CertOIDCIssuer, "certificate-oidc-issuer", "", "keyless signatures must come from this OIDC issuer, e.g. https://token.actions.githubusercontent.com")
	f.StringVar(&s.CertOIDCIssuerRegexp, "certificate-oidc-issuer-regexp", "", "keyless signatures must come from an OIDC issuer matching this RE2 `REGEXP` (unanchored)")
	f.StringVar(&s.CosignKey, "cosign-key", "", "PEM public key `FILE` that verifies cosign sign-blob signatures")
	f.StringVar(&s.CodesignRoots, "codesign-roots", "", "PEM `FILE` of roots that Authenticode signatures of sidecars and installers must chain to")
	f.StringVar(&s.Artifacts, "artifacts", "", "`DIR` of release and updater artifacts to verify")
	f.StringVar(&s.PluginManifests, "plugin-manifests", "", "`DIR` of plugin crates or acl-manifests.json files for plugins not in the app or the embedded database")
	f.StringVar(&s.OSVDB, "osv-db", "", "`DIR` of an offline OSV database export to match lockfiles against")
	f.StringVar(&s.CacheDir, "cache-dir", defaultCacheDir(), "`DIR` that remembers commit signatures already verified good, per trust material")
	f.BoolVar(&fl.noCache, "no-cache", false, "verify every commit signature afresh and write no cache")
	f.StringVar(&fl.repoRoot, "repo-root", "", "name files in reports relative to `DIR`, which holds PATH (default: the top of the git work tree holding PATH, else PATH)")
}

// defaultCacheDir is tauriaudit's folder in the user's cache directory,
// or "" (no cache) when there is none.
func defaultCacheDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "tauriaudit")
}

// checkCacheDir accepts a folder given with --cache-dir that exists, or
// that one mkdir can create: a typo deeper in the path is refused rather
// than silently creating a new tree. (The default cache folder is never
// checked: a cache that cannot be written only costs time.)
func checkCacheDir(d string) error {
	fi, err := os.Stat(d)
	switch {
	case err == nil && !fi.IsDir():
		return errors.New("not a directory")
	case err == nil:
		return nil
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	if fi, err := os.Stat(filepath.Dir(d)); err != nil || !fi.IsDir() {
		return errors.New("neither it nor its parent folder exists")
	}
	return nil
}

// scanRun is one loaded and audited tree.
type scanRun struct {
	projects []*rules.Project
	res      *rules.Result
	rules    []*rules.Rule
	cfg      *rules.Config
}

func scanCommand(ctx context.Context, root string, fl *scanFlags, stdout, stderr io.Writer) error {
	format, failOn, err := fl.validate()
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	prepareHeap()
	repoPath, err := fl.repoPath(root)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	sr, err := fl.scanWatched(ctx, root)
	if err != nil {
		return err
	}
	doc := report.NewDocument(toolInfo(), appDirs(sr.projects), sr.res, sr.rules)
	doc.RepoPath = repoPath
	if err := fl.write(doc, format, sr.projects, stdout); err != nil {
		return &exitError{code: 2, err: err}
	}
	if err := unreadInputs(sr.projects); err != nil {
		return &exitError{code: 2, err: err}
	}
	if len(sr.res.Errors) > 0 {
		return &exitError{code: 2, err: fmt.Errorf("%d rule(s) failed; the report is incomplete", len(sr.res.Errors))}
	}
	if rules.Failing(sr.res.Findings, failOn) > 0 || fl.mode == "release" && gateFailures(sr) > 0 {
		return &exitError{code: 1}
	}
	return nil
}

// repoPath is the scanned root's path below the repository root that
// reports name files from: --repo-root, else the top of the git work
// tree holding root (GitHub resolves SARIF paths against it), else root.
func (fl *scanFlags) repoPath(root string) (string, error) {
	if fl.repoRoot != "" {
		rel, err := reporoot.Rel(fl.repoRoot, root)
		if err != nil {
			return "", &rules.InputError{Flag: "--repo-root", Path: fl.repoRoot, Err: err}
		}
		return rel, nil
	}
	_, rel, _, err := reporoot.Find(root)
	return rel, err
}

// unreadInputs fails the run when a Tauri input exists and could not be
// read: the report (where TA-CFG-000 lists each) cannot vouch for the app.
func unreadInputs(ps []*rules.Project) error {
	if len(ps) == 0 {
		return nil
	}
	unread := ps[0].UnreadInputs()
	if len(unread) == 0 {
		return nil
	}
	more := ""
	if len(unread) > 1 {
		more = fmt.Sprintf(" (and %d more, see TA-CFG-000 in the report)", len(unread)-1)
	}
	u := unread[0]
	return fmt.Errorf("%s: a Tauri input could not be read (%s); the audit is incomplete%s", u.Loc.File, u.Msg, more)
}

func toolInfo() report.Tool {
	return report.Tool{Name: "tauriaudit", Version: toolVersion(), URI: "https://github.com/tauriaudit/tauriaudit"}
}

// scan loads root, runs the enabled rules and applies the config file
// and the baseline; --staged audits the index instead (staged.go).
func (fl *scanFlags) scan(ctx context.Context, root string) (*scanRun, error) {
	if fl.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, fl.timeout)
		defer cancel()
	}
	if fl.staged || fl.hook && committing() {
		return fl.scanStaged(ctx, root)
	}
	opt, err := fl.loadOptions()
	if err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	all := checks.All()
	cfg, err := loadConfig(root, fl.config, all)
	if err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	if opt.Settings.ReleaseTags == nil && cfg != nil {
		opt.Settings.ReleaseTags = cfg.ReleaseTags
	}
	projects, err := rules.Load(ctx, root, opt)
	if err == nil {
		defer projects[0].Inputs().Close()
	}
	if err != nil {
		switch {
		case errors.Is(err, rules.ErrNoApp):
			err = fmt.Errorf("%s: %w", root, err)
		case errors.Is(err, context.DeadlineExceeded):
			err = fmt.Errorf("loading stopped after --timeout %s; the scan is incomplete and nothing was reported", fl.timeout)
		}
		return nil, &exitError{code: 2, err: err}
	}
	selected := cfg.Select(all)
	res := rules.Run(ctx, projects, selected)
	now := time.Now()
	cfg.Apply(res, now)
	rules.ApplyInline(res, projects[0].Files(), all, now)
	if err := fl.applyBaseline(res); err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	return &scanRun{projects: projects, res: res, rules: selected, cfg: cfg}, nil
}

func (fl *scanFlags) loadOptions() (rules.LoadOptions, error) {
	opt := rules.LoadOptions{Limits: fl.limits, Settings: fl.settings}
	if fl.noCache {
		opt.Settings.CacheDir = ""
	} else if d := opt.Settings.CacheDir; d != "" && d != defaultCacheDir() {
		if err := checkCacheDir(d); err != nil {
			return opt, &rules.InputError{Flag: "--cache-dir", Path: d, Err: err}
		}
	}
	opt.Settings.Mode = fl.mode
	if d := opt.Settings.PluginManifests; d != "" {
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			return opt, fmt.Errorf("--plugin-manifests: %s is not a directory", d)
		}
	}
	if fl.mode == "precommit" {
		opt.Settings.GitRange, opt.Settings.GitSinceTag, opt.Settings.GitAll = "", false, false
	}
	if stderrIsTerminal() {
		opt.Settings.Progress = progressPrinter(os.Stderr)
	}
	for _, s := range fl.platforms {
		p, ok := source.ParsePlatform(strings.TrimSpace(s))
		if !ok {
			return opt, fmt.Errorf("unknown --platform %q (want linux, macOS, windows, android or iOS)", s)
		}
		opt.Platforms = append(opt.Platforms, p)
	}
	return opt, nil
}

// loadConfig reads --config, or .tauriaudit.toml in the scanned root.
func loadConfig(root, explicit string, all []*rules.Rule) (*rules.Config, error) {
	p := explicit
	var data []byte
	var err error
	if p == "" {
		p = filepath.Join(root, ".tauriaudit.toml")
		if data, err = readRootFile(root, ".tauriaudit.toml"); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, nil
			}
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	} else if data, err = rules.ReadFlagFile("--config", p); err != nil {
		return nil, err
	}
	return parseConfigIn(root, p, data, all)
}

// parseConfigIn parses the config file at p and, when it lies inside the
// scanned root, names it from the root in findings (TA-CFG-019/020), as
// every other file is named, so reports can place them in the repository.
func parseConfigIn(root, p string, data []byte, all []*rules.Rule) (*rules.Config, error) {
	cfg, err := rules.ParseConfig(source.NewFile(filepath.ToSlash(p), data), all)
	if err != nil {
		return nil, err
	}
	if rel, err := reporoot.Rel(root, p); err == nil && rel != "" {
		cfg.Rename(rel)
	}
	return cfg, nil
}

// readRootFile reads the scanned tree's own file name as the loader reads
// any file of the tree: inside the root only, a regular file (opening a
// FIFO would block), within the default size limit.
func readRootFile(root, name string) ([]byte, error) {
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	fi, err := r.Stat(name)
	switch {
	case err != nil && !errors.Is(err, fs.ErrNotExist) && strings.Contains(err.Error(), "escapes"):
		return nil, errors.New("symlink leads outside the scanned root; not followed")
	case err != nil:
		return nil, err
	case !fi.Mode().IsRegular():
		return nil, errors.New("not a regular file")
	case fi.Size() > rules.DefaultLimits.MaxFileSize:
		return nil, fmt.Errorf("file is %d bytes, over the %d-byte limit", fi.Size(), rules.DefaultLimits.MaxFileSize)
	}
	f, err := r.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, rules.DefaultLimits.MaxFileSize))
}

func (fl *scanFlags) applyBaseline(res *rules.Result) error {
	if fl.baseline == "" {
		return nil
	}
	data, err := rules.ReadFlagFile("--baseline", fl.baseline)
	if err != nil {
		return err
	}
	b, err := rules.ReadBaseline(data)
	if err != nil {
		return err
	}
	b.Apply(res, fl.baseline)
	return nil
}

// gateFailures counts unsuppressed findings of release-gate rules.
func gateFailures(sr *scanRun) int {
	gate := map[string]bool{}
	for _, r := range sr.rules {
		gate[r.ID] = r.Gate
	}
	n := 0
	for _, f := range sr.res.Findings {
		if f.Suppressed == nil && gate[f.RuleID] {
			n++
		}
	}
	return n
}

func (fl *scanFlags) validate() (report.Format, rules.Level, error) {
	format := report.Format(fl.format)
	switch format {
	case report.Text, report.JSON, report.SARIF, report.Markdown:
	default:
		return "", "", fmt.Errorf("unknown --format %q (want text, json, sarif or markdown)", fl.format)
	}
	failOn, err := rules.ParseLevel(fl.failOn)
	if err != nil {
		return "", "", fmt.Errorf("--fail-on: %w", err)
	}
	switch {
	case fl.color != "auto" && fl.color != "always" && fl.color != "never":
		return "", "", fmt.Errorf("unknown --color %q (want auto, always or never)", fl.color)
	case fl.mode != "" && fl.mode != "precommit" && fl.mode != "release":
		return "", "", fmt.Errorf("unknown --mode %q (want precommit or release)", fl.mode)
	case fl.limits.MaxFileSize <= 0 || fl.limits.MaxFiles <= 0:
		return "", "", errors.New("--max-file-size and --max-files must be positive")
	case fl.timeout < 0:
		return "", "", errors.New("--timeout must not be negative")
	}
	for _, g := range fl.settings.ReleaseTags {
		if _, err := path.Match(g, ""); err != nil {
			return "", "", fmt.Errorf("--release-tags: bad glob %q: %w", g, err)
		}
	}
	return format, failOn, nil
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
	return writeFileAtomic(fl.output, func(w io.Writer) error { return report.Write(w, format, doc, ropt) })
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

func stderrIsTerminal() bool { return term.IsTerminal(int(os.Stderr.Fd())) }

// progressPrinter draws one self-erasing progress line on stderr.
func progressPrinter(w io.Writer) func(done, total int) {
	last := time.Time{}
	return func(done, total int) {
		if time.Since(last) < 100*time.Millisecond && done != total {
			return
		}
		last = time.Now()
		if done == total {
			fmt.Fprint(w, "\r\x1b[K")
			return
		}
		fmt.Fprintf(w, "\r\x1b[Kreading history: %d/%d commits", done, total)
	}
}

func appDirs(ps []*rules.Project) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Dir
	}
	return out
}

// committing reports whether git is running us as a hook of a commit: git
// sets GIT_INDEX_FILE to the index being committed for its commit hooks
// (.git/index, or a temporary index for commit -a), and nothing sets it
// for pre-commit run --all-files or a CI job, which audit the whole app.
func committing() bool { return os.Getenv("GIT_INDEX_FILE") != "" }
