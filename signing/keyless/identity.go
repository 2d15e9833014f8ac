package keyless

import (
	"crypto/x509"
	"encoding/asn1"
	"strings"
)

// Fulcio's OIDC issuer extensions: v1 holds the raw string (deprecated),
// v2 a DER UTF8String.
var (
	oidIssuerV1 = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 57264, 1, 1}
	oidIssuerV2 = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 57264, 1, 8}
)

// Identity is who a Fulcio certificate was issued to.
type Identity struct {
	SANs   []string // email addresses, URIs and DNS names, in that order
	Issuer string   // the OIDC issuer, "" when the certificate has none
}

// IdentityOf reads the subject alternative names and the OIDC issuer.
func IdentityOf(c *x509.Certificate) Identity {
	id := Identity{Issuer: issuerOf(c)}
	id.SANs = append(id.SANs, c.EmailAddresses...)
	for _, u := range c.URIs {
		id.SANs = append(id.SANs, u.String())
	}
	id.SANs = append(id.SANs, c.DNSNames...)
	return id
}

// issuerOf prefers the v2 extension, as cosign does.
func issuerOf(c *x509.Certificate) string {
	var v1 string
	for _, e := range c.Extensions {
		switch {
		case e.Id.Equal(oidIssuerV2):
			var s string
			if rest, err := asn1.UnmarshalWithParams(e.Value, &s, "utf8"); err == nil && len(rest) == 0 {
				return s
			}
		case e.Id.Equal(oidIssuerV1):
			v1 = string(e.Value)
		}
	}
	return v1
}

// Subject is the first SAN, or "(no subject alternative name)".
func (id Identity) Subject() string {
	if len(id.SANs) == 0 {
		return "(no subject alternative name)"
	}
	return strings.Join(id.SANs, ", ")
}

// String is "SUBJECT (issuer ISSUER)".
func (id Identity) String() string {
	if id.Issuer == "" {
		return id.Subject()
	}
	return id.Subject() + " (issuer " + id.Issuer + ")"
}
