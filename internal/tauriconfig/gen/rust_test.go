package main

import (
	"reflect"
	"testing"
)

// A small file in config.rs's style, with each serde form the generator
// must understand.
const sample = `
/// Doc comment with a brace { and a "quote".
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BundleConfig {
  /// active
  #[serde(default)]
  pub active: bool,
  #[serde(rename = "macOS", alias = "macos", default)]
  pub macos: MacConfig,
  #[serde(alias = "install-icon")]
  pub installer_icon: Option<PathBuf>,
  #[serde(
    alias = "minimum-system-version",
    default = "x"
  )]
  pub minimum_system_version: Option<String>,
  #[serde(skip)]
  pub hidden: HashMap<String, Vec<(u8, u8)>>,
  #[serde(flatten)]
  pub rest: Extra,
  #[cfg_attr(feature = "schema", schemars(rename = "ignored"))]
  pub plain_field: u32, // trailing comment, with a comma
}

#[serde(untagged)]
pub enum FsScope {
  AllowedPaths(Vec<PathBuf>),
  #[serde(rename_all = "camelCase")]
  Scope {
    #[serde(alias = "require-literal-leading-dot")]
    require_literal_leading_dot: Option<bool>,
  },
}

pub struct Unit;
pub struct Tuple(u8);
`

func TestParseConfigRS(t *testing.T) {
	got := parseConfigRS(sample)
	want := map[string]*typeKeys{
		"BundleConfig": {
			Canonical: []string{"active", "macOS", "installerIcon", "minimumSystemVersion", "plainField"},
			Aliases:   map[string]string{"macos": "macOS", "install-icon": "installerIcon", "minimum-system-version": "minimumSystemVersion"},
		},
		"FsScope": {
			Canonical: []string{"requireLiteralLeadingDot"},
			Aliases:   map[string]string{"require-literal-leading-dot": "requireLiteralLeadingDot"},
		},
	}
	if !reflect.DeepEqual(got, want) {
		for k, v := range got {
			t.Logf("%s: %+v", k, *v)
		}
		t.Fatalf("parseConfigRS mismatch")
	}
}

func TestApplyRenameAll(t *testing.T) {
	for _, tc := range []struct{ field, rule, want string }{
		{"frontend_dist", "camelCase", "frontendDist"},
		{"frontend_dist", "kebab-case", "frontend-dist"},
		{"frontend_dist", "PascalCase", "FrontendDist"},
		{"frontend_dist", "", "frontend_dist"},
		{"x", "SCREAMING_SNAKE_CASE", "X"},
	} {
		if got := applyRenameAll(tc.field, tc.rule); got != tc.want {
			t.Errorf("applyRenameAll(%q, %q) = %q, want %q", tc.field, tc.rule, got, tc.want)
		}
	}
}
