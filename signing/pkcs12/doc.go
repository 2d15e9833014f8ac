// Package pkcs12 reads just enough of a PKCS#12 (PFX) file (RFC 7292)
// to judge a committed one: whether it is one by its ASN.1 structure,
// whether a password opens it (the integrity MAC, checked in-process
// with a bounded iteration count), and whether it holds a private key
// or only certificates. It never returns key material.
package pkcs12
