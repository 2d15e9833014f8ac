package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/tauriaudit/tauriaudit/rules"
)

func newBaselineCmd(stdout, stderr io.Writer) *cobra.Command {
	fl := &scanFlags{limits: defaultLimits()}
	cmd := &cobra.Command{
		Use:   "baseline [PATH]",
		Short: "Record the current findings, so `scan --baseline FILE` reports only new ones",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			fl.baseline = ""
			prepareHeap()
			sr, err := fl.scanWatched(c.Context(), rootArg(args))
			if err != nil {
				return err
			}
			b := newBaseline(sr)
			if fl.output == "" {
				return b.Write(stdout)
			}
			return writeFileAtomic(fl.output, b.Write)
		},
	}
	fl.register(cmd.Flags())
	return cmd
}

func defaultLimits() rules.Limits { return rules.DefaultLimits }

func newBaseline(sr *scanRun) *rules.Baseline { return rules.NewBaseline(sr.res.Findings) }
