// Package keyless verifies Sigstore keyless material offline: the
// identity in a Fulcio certificate against a cosign-style policy, the
// certificate chain against the certificate authorities of a
// trusted_root.json, and a bundle's Rekor entry (signed entry timestamp,
// RFC 6962 inclusion proof and signed checkpoint) against the log keys of
// the same file. It uses the standard library only, so package signing
// can use it without sigstore's dependency graph, and it never touches
// the network.
package keyless
