package main

import (
	"io"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	scan := newScanCmd(stdout, stderr)
	root := &cobra.Command{
		Use:   "tauriaudit [scan] [PATH]",
		Short: "Security scanner for Tauri v2 apps",
		Long: `tauriaudit audits Tauri v2 apps: config and CSP, capabilities and the ACL Tauri
resolves from them, dependencies and CI, signing and release settings.

Running it without a subcommand is the same as "tauriaudit scan".`,
		Args:          scan.Args,
		RunE:          scan.RunE,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.Flags().AddFlagSet(scan.Flags())
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(scan, newACLCmd(stdout), newBaselineCmd(stdout, stderr), newRulesCmd(stdout), newExplainCmd(stdout), newVersionCmd(stdout))
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &exitError{code: 2, err: err} })
	return root
}

func newVersionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := io.WriteString(stdout, "tauriaudit "+toolVersion()+"\n")
			return err
		},
	}
}
