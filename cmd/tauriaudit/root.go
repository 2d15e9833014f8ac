package main

import (
	"io"

	"github.com/spf13/cobra"
)

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
	root.Version = "-" // any non-empty value makes cobra add --version
	root.SetVersionTemplate(currentStamp().line() + "\n")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(scan, newACLCmd(stdout), newBaselineCmd(stdout, stderr), newRulesCmd(stdout), newExplainCmd(stdout), newVersionCmd(stdout), newVerifyReleaseCmd(stdout))
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &exitError{code: 2, err: err} })
	return root
}
