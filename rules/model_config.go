package rules

import "github.com/tauriaudit/tauriaudit/internal/tauriconfig"

// V1 says whether the app's base config is a Tauri v1 config, and which
// signals said so. v2 rules skip such apps (their keys mean nothing
// there) and the TA-V1 rules take over.
var V1 = PerApp("v1", func(p *Project) tauriconfig.V1Verdict {
	if p.Base == nil {
		return tauriconfig.V1Verdict{}
	}
	return tauriconfig.RecogniseV1(p.Base.Root, p.TauriVersion(), len(p.FilesUnder(p.Path("capabilities"))) > 0)
})
