package signing

import (
	"testing"
	"time"
)

// The fuzz targets feed hostile input to every parser that reads
// repository or artifact content; none may panic.

func FuzzClassifyAndVerify(f *testing.F) {
	f.Add([]byte("-----BEGIN PGP SIGNATURE-----\n\nwnUEABYKAB0WIQ\n=abcd\n-----END PGP SIGNATURE-----\n"))
	f.Add([]byte("-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAQ==\n-----END SSH SIGNATURE-----\n"))
	f.Add([]byte("-----BEGIN SIGNED MESSAGE-----\nMIAGCSqGSIb3DQEHAqCAMIACAQEx\n-----END SIGNED MESSAGE-----\n"))
	f.Fuzz(func(t *testing.T, sig []byte) {
		Classify(sig)
		(&Trust{}).Verify(sig, []byte("payload"), Ident{Email: "a@b.c", When: time.Unix(1e9, 0)})
	})
}

func FuzzParseObjects(f *testing.F) {
	f.Add([]byte("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a@b> 1 +0000\ncommitter A <a@b> 1 +0000\ngpgsig -----BEGIN SSH SIGNATURE-----\n x\n -----END SSH SIGNATURE-----\n\nmsg\n"))
	f.Add([]byte("object 4b825dc642cb6eb9a060e54bf8d69288fbee4904\ntype commit\ntag v1\ntagger A <a@b> 1 +0000\n\nm\n-----BEGIN PGP SIGNATURE-----\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if c, err := ParseCommit(Hash{}, data); err == nil {
			c.Payload()
		}
		ParseTag(Hash{}, data)
	})
}

func FuzzAllowedSigners(f *testing.F) {
	f.Add([]byte(`a@b.c,*@d.e namespaces="git",valid-after="20200101",valid-before="20300101Z" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDq9vJ4QHcmkhaTiVSjrbDWDtkXfmvIq2O6fJzZ9n3s7 c`))
	f.Add([]byte("\"a b\" cert-authority ssh-ed25519 AAAA\n# c\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ss, err := ParseAllowedSigners(data)
		if err == nil {
			for i := range ss {
				matchPrincipal(ss[i].Principals, "a@b.c")
				ss[i].allowsNamespace("git")
			}
		}
	})
}

func FuzzInspectBinary(f *testing.F) {
	f.Add([]byte("MZ\x90\x00"))
	f.Add([]byte("\xcf\xfa\xed\xfe\x07\x00\x00\x01"))
	f.Add([]byte("\xca\xfe\xba\xbe\x00\x00\x00\x02"))
	f.Add([]byte("\x7fELF\x02\x01\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		Inspect(data)
		parseSuperBlob(data)
		MSISigned(data)
	})
}

func FuzzMinisignDecode(f *testing.F) {
	f.Add("dW50cnVzdGVkIGNvbW1lbnQ6IG1pbmlzaWduIHB1YmxpYyBrZXk6IDE5QzMxNjYxNjE1NUE5NTkKUldSWnFWVmhZUlpER1hIV3dtWEgxNWZ0eEtSdWhNSVNhUVJHWWFQWkk5WE9JOVNPcnhZc2xITDgK")
	f.Add("RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3")
	f.Fuzz(func(t *testing.T, s string) {
		DecodeUpdaterPubkey(s)
		DecodeUpdaterSig([]byte(s))
		ScanText("x/.env", []byte(s))
		ParseSums([]byte(s))
	})
}

func FuzzPackDelta(f *testing.F) {
	f.Add([]byte("abc"), []byte{3, 5, 0x91, 0, 3, 2, 'x', 'y'})
	f.Fuzz(func(t *testing.T, base, delta []byte) {
		applyDelta(base, delta)
	})
}
