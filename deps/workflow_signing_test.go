package deps

import (
	"slices"
	"testing"
)

const signingWorkflow = `on: push
env:
  AZURE_CLIENT_SECRET: ${{ secrets.AZ }}
jobs:
  win:
    runs-on: windows-latest
    steps:
      - uses: signpath/github-action-submit-signing-request@v1
      - uses: Azure/trusted-signing-action@v0.5.0
      - run: |
          echo "signtool sign is mentioned, not run"
          & "C:\Program Files (x86)\Windows Kits\10\bin\x64\signtool.exe" sign /fd sha256 app.exe
          osslsigncode verify app.exe
          osslsigncode sign -pkcs12 c.p12 -in a.exe -out b.exe
          smctl sign --keypair-alias k --input app.msi
          java -jar jsign.jar --storetype AZUREKEYVAULT app.exe
      - uses: tauri-apps/tauri-action@v0
        with:
          args: --config '{"bundle":{"windows":{"signCommand":"x %1"}}}'
  mac:
    runs-on: macos-latest
    steps:
      - uses: apple-actions/import-codesign-certs@v3
      - run: codesign --force -s - app.app
      - run: codesign --verify app.app
      - run: codesign --force --options runtime --sign "$IDENTITY" app.app
      - run: xcrun notarytool submit app.zip --wait
      - uses: tauri-apps/tauri-action@v0
        env:
          APPLE_SIGNING_IDENTITY: "-"
          APPLE_CERTIFICATE: ${{ secrets.APPLE_CERTIFICATE }}
`

func TestFindCISigning(t *testing.T) {
	w, err := ParseWorkflow(file(".github/workflows/release.yml", signingWorkflow))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range FindCISigning([]*Workflow{w}) {
		got = append(got, string(s.OS)+" "+s.String())
	}
	want := []string{
		"windows signed in CI by AZURE_CLIENT_SECRET in .github/workflows/release.yml:3",
		"windows signed in CI by SignPath (signpath/github-action-submit-signing-request) in .github/workflows/release.yml:8",
		"windows signed in CI by Azure Trusted Signing (azure/trusted-signing-action) in .github/workflows/release.yml:9",
		"windows signed in CI by signtool sign in .github/workflows/release.yml:12",
		"windows signed in CI by osslsigncode in .github/workflows/release.yml:14",
		"windows signed in CI by smctl sign in .github/workflows/release.yml:15",
		"windows signed in CI by jsign in .github/workflows/release.yml:16",
		"windows signed in CI by signCommand set by the workflow in .github/workflows/release.yml:19",
		"macos signed in CI by a Developer ID certificate (apple-actions/import-codesign-certs) in .github/workflows/release.yml:23",
		"macos signed in CI by codesign in .github/workflows/release.yml:26",
		"macos signed in CI by notarization (xcrun notarytool) in .github/workflows/release.yml:27",
		"macos signed in CI by APPLE_CERTIFICATE passed to tauri-apps/tauri-action in .github/workflows/release.yml:31",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestFindCISigningNone(t *testing.T) {
	w, err := ParseWorkflow(file(".github/workflows/ci.yml", `on: push
jobs:
  build:
    steps:
      - run: cargo build --release # signtool sign later
      - run: codesign -dv --verbose=4 app.app
      - uses: tauri-apps/tauri-action@v0
        env:
          TAURI_SIGNING_PRIVATE_KEY: ${{ secrets.KEY }}
          APPLE_SIGNING_IDENTITY: ""
`))
	if err != nil {
		t.Fatal(err)
	}
	if got := FindCISigning([]*Workflow{w}); len(got) != 0 {
		t.Errorf("FindCISigning = %v, want none", got)
	}
}

func TestWorkflowsNear(t *testing.T) {
	set := &WorkflowSet{All: []*Workflow{{File: ".github/workflows/a.yml"}, {File: "apps/x/.github/workflows/b.yml"}}}
	for dir, want := range map[string]string{".": ".github/workflows/a.yml", "apps/x/src-tauri": "apps/x/.github/workflows/b.yml",
		"apps/y/src-tauri": ".github/workflows/a.yml"} {
		if got := set.WorkflowsNear(dir); len(got) != 1 || got[0].File != want {
			t.Errorf("WorkflowsNear(%q) = %v, want %s", dir, got, want)
		}
	}
}
