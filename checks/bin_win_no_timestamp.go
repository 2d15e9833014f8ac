package checks

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
)

// WinNoTimestamp reports Windows signing without a timestamp.
var WinNoTimestamp = &rules.Rule{
	ID:       "TA-BIN-005",
	Name:     "win-no-timestamp",
	Title:    "windows signatures are not timestamped",
	Level:    rules.Warning,
	Severity: 4.3,
	Tags:     []string{"bin"},
	CWE:      []int{324},
	Doc: `Without a timestamp an Authenticode signature stops verifying when the signing certificate
expires, and every installed copy shows as unsigned. Reported: certificateThumbprint without
timestampUrl, and a signCommand whose arguments have no timestamp option (/tr, /t, --timestamp,
-t, -ts); trusted-signing-cli timestamps by default. A timestampUrl with tsp false is a note: it uses legacy Authenticode timestamps
instead of RFC 3161.

**Fix:**

~~~json
{ "bundle": { "windows": { "certificateThumbprint": "…", "timestampUrl": "http://timestamp.digicert.com", "tsp": true } } }
~~~

**False positives:** timestamp servers commonly use plain http; that is normal (the response is
signed) and not reported.`,
	Run: winNoTimestamp,
}

func winNoTimestamp(pass *rules.Pass) error {
	for _, t := range pass.Project.Targets {
		w := binBundle(t).Field("windows")
		ts := w.Field("timestampUrl")
		if w.Field("certificateThumbprint").String() != "" && ts.String() == "" {
			pass.ReportOn(t, rules.Finding{Location: w.Field("certificateThumbprint").Location(), Subject: "timestampUrl",
				Message: "certificateThumbprint is set but timestampUrl is not: signatures expire with the certificate"})
		}
		if cmd := signCommandText(w.Field("signCommand")); cmd != "" && !hasTimestampArg(cmd) {
			pass.ReportOn(t, rules.Finding{Location: w.Field("signCommand").Location(), Subject: "signCommand",
				Message: "signCommand passes no timestamp option"})
		}
		if ts.String() != "" && w.Field("tsp") != nil && !w.Field("tsp").IsTrue() {
			pass.ReportOn(t, rules.Finding{Level: rules.Note, Location: w.Field("tsp").Location(), Subject: "tsp",
				Message: "tsp is false: legacy Authenticode timestamps are used instead of RFC 3161"})
		}
	}
	return nil
}

// timestampsByDefault are signers that timestamp without an option.
var timestampsByDefault = []string{"trusted-signing-cli"}

func hasTimestampArg(cmd string) bool {
	for _, tool := range timestampsByDefault {
		if strings.Contains(strings.ToLower(cmd), tool) {
			return true
		}
	}
	for _, f := range strings.Fields(strings.ToLower(cmd)) {
		switch {
		case f == "/tr", f == "/t", f == "-t", f == "-ts", f == "-tr", strings.HasPrefix(f, "--timestamp"),
			strings.HasPrefix(f, "--time-stamp"), strings.Contains(f, "timestamp"):
			return true
		}
	}
	return false
}
