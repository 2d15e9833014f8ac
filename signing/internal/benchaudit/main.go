// Command benchaudit runs tauriaudit's history audit (the same code the
// TA-GIT rules use) on a repository and prints what it found and how long
// it took. scripts/bench-history.sh times it against git.
//
//	go run ./signing/internal/benchaudit -repo D -trusted-keys K -allowed-signers S [-range A..B | -since-tag]
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"time"

	"github.com/tauriaudit/tauriaudit/signing"
	"github.com/tauriaudit/tauriaudit/signing/secretrules"
)

func main() {
	repo := flag.String("repo", ".", "repository")
	keys := flag.String("trusted-keys", "", "armored OpenPGP keyring")
	signers := flag.String("allowed-signers", "", "ssh allowed_signers file")
	roots := flag.String("x509-roots", "", "PEM roots")
	rng := flag.String("range", "", "A..B")
	sinceTag := flag.Bool("since-tag", false, "since the newest tag")
	secrets := flag.Bool("secrets", true, "also search history blobs for key material")
	providers := flag.Bool("providers", true, "with -secrets, also search for provider credentials (TA-GIT-007)")
	quiet := flag.Bool("q", false, "print nothing but errors")
	verbose := flag.Bool("v", false, "list the secrets found")
	cacheDir := flag.String("cache-dir", "", "verification cache `DIR` (default: none)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	traceFile := flag.String("trace", "", "write an execution trace to this file")
	memprofile := flag.String("memprofile", "", "write an allocation profile to this file")
	flag.Parse()
	if *memprofile != "" {
		runtime.MemProfileRate = 64 << 10
		defer func() {
			f, err := os.Create(*memprofile)
			if err != nil {
				log.Fatal(err)
			}
			defer f.Close()
			if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
				log.Fatal(err)
			}
		}()
	}
	if *traceFile != "" {
		f, err := os.Create(*traceFile)
		if err != nil {
			log.Fatal(err)
		}
		if err := trace.Start(f); err != nil {
			log.Fatal(err)
		}
		defer trace.Stop()
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	trust, err := signing.LoadTrust(*keys, *signers, *roots)
	if err != nil {
		log.Fatal(err)
	}
	r, err := signing.FindRepo(*repo)
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()
	walk := signing.WalkOptions{Range: *rng, SinceTag: *sinceTag, All: *rng == "" && !*sinceTag}
	var cache *signing.VerifyCache
	if *cacheDir != "" {
		if cache, err = signing.OpenVerifyCache(*cacheDir, trust); err != nil {
			log.Fatal(err)
		}
	}
	var detector *secretrules.Detector
	if *providers {
		detector = secretrules.NewDetector(secretrules.Builtin(), nil)
	}
	a, err := signing.AuditHistory(r, signing.AuditOptions{Walk: walk, Trust: trust, Secrets: *secrets, Detector: detector, Cache: cache})
	if err != nil {
		log.Fatal(err)
	}
	if err := cache.Save(); err != nil {
		log.Fatal(err)
	}
	if *quiet {
		return
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(os.Stdout, "%s: %d commits in %v (heap in use %d MiB, total alloc %d MiB)\n",
		a.Info.Desc, a.Info.Visited, time.Since(start).Round(time.Millisecond), ms.HeapInuse>>20, ms.TotalAlloc>>20)
	for _, s := range []signing.Status{signing.StatusGood, signing.StatusUnsigned, signing.StatusUnverified,
		signing.StatusUntrusted, signing.StatusBad, signing.StatusExpired, signing.StatusRevoked} {
		fmt.Printf("  %-10s %d\n", s, a.Counts[s])
	}
	fmt.Printf("  release tags %d, distinct secrets in history %d\n", len(a.Tags), len(a.Secrets))
	if *verbose {
		for _, l := range a.Secrets {
			fmt.Printf("    %s %s %s:%d first %s last %s commits %d head %v\n", l.Kind.String(), l.Rule, l.Path, l.Line,
				l.Commit.Short(), l.Last.Commit.Short(), l.Commits, l.InHead)
		}
	}
}
