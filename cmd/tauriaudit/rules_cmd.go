package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/tauriaudit/tauriaudit/checks"
	"github.com/tauriaudit/tauriaudit/report"
	"github.com/tauriaudit/tauriaudit/rules"
)

func newRulesCmd(stdout io.Writer) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule: ID, name, level, security-severity and title",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			switch format {
			case "text":
				return report.CatalogText(stdout, checks.All())
			case "markdown":
				return report.Catalog(stdout, checks.All())
			}
			return &exitError{code: 2, err: fmt.Errorf("unknown format %q (want text or markdown)", format)}
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or markdown")
	return cmd
}

func newExplainCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE",
		Short: "Print a rule's documentation (by ID or name)",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			r := rules.Find(checks.All(), args[0])
			if r == nil {
				return &exitError{code: 2, err: fmt.Errorf("no rule %q; see tauriaudit rules", args[0])}
			}
			return report.Explain(stdout, r)
		},
	}
}
