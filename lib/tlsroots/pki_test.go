package tlsroots

import (
	"crypto"
	"crypto/x509"
	"time"

	"github.com/ccmon/webim-checks/lib/testutil"
)

// t0 is "now" of the test corpus.
var t0 = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

const day = 24 * time.Hour

// The test PKI is lib/testutil's; these names keep the corpus readable.
var (
	newKey = testutil.NewKey
	pemOf  = testutil.PEMOf
)

// root makes a self-signed CA valid from nb to na; key nil makes one.
func root(cn string, key crypto.Signer, nb, na time.Time) *testutil.Authority {
	return testutil.NewCA(cn, key, nil, nb, na)
}

// intermediate makes a CA signed by parent; key nil makes one.
func intermediate(cn string, key crypto.Signer, parent *testutil.Authority, nb, na time.Time) *testutil.Authority {
	return testutil.NewCA(cn, key, parent, nb, na)
}

// leaf makes a server certificate for names (DNS names or IP addresses)
// signed by parent (nil: self-signed).
func leaf(parent *testutil.Authority, nb, na time.Time, eku x509.ExtKeyUsage, names ...string) *x509.Certificate {
	return testutil.NewLeaf(parent, nil, nb, na, eku, names...)
}
