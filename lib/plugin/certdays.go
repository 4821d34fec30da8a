package plugin

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// CertificateDays is the value of --certificate-days=WARN[,CRIT], as
// check_http's -C: on HTTPS, WARNING when the server certificate expires in
// fewer than WARN days, CRITICAL in fewer than CRIT days. The zero value is
// off.
type CertificateDays struct {
	Warn, Crit int
	// HasCrit is set when CRIT was given.
	HasCrit bool
	set     bool
}

// UnmarshalFlag implements the go-flags Unmarshaler.
func (c *CertificateDays) UnmarshalFlag(s string) error {
	w, cr, hasCrit := strings.Cut(strings.TrimSpace(s), ",")
	warn, err := strconv.Atoi(strings.TrimSpace(w))
	if err != nil || warn < 0 {
		return errorf("%q: want WARN[,CRIT] in whole days, e.g. 30,14", s)
	}
	*c = CertificateDays{Warn: warn, set: true}
	if hasCrit {
		crit, err := strconv.Atoi(strings.TrimSpace(cr))
		if err != nil || crit < 0 || crit > warn {
			return errorf("%q: CRIT must be a whole number of days, at most WARN (e.g. 30,14)", s)
		}
		c.Crit, c.HasCrit = crit, true
	}
	return nil
}

// MarshalFlag implements the go-flags Marshaler.
func (c CertificateDays) MarshalFlag() (string, error) {
	if !c.set {
		return "", nil
	}
	if c.HasCrit {
		return fmt.Sprintf("%d,%d", c.Warn, c.Crit), nil
	}
	return strconv.Itoa(c.Warn), nil
}

// IsSet reports whether the flag was given.
func (c CertificateDays) IsSet() bool { return c.set }

// Certificate is what an HTTPS request saw of the server's certificate.
type Certificate struct {
	// Name is the first DNS name of the certificate, or its common name.
	Name     string
	NotAfter time.Time
}

// NoteCertificate records the certificate an HTTPS answer came with; of
// several, the one that expires first is kept.
func (e *Env) NoteCertificate(c Certificate) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cert == nil || c.NotAfter.Before(e.cert.NotAfter) {
		e.cert = &c
	}
}

func (e *Env) certificate() *Certificate {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.cert
}

// applyCertificateDays judges the certificate seen during the run against
// --certificate-days: perfdata cert_days_left, and the state raised with
// the reason first in the summary.
func applyCertificateDays(res *Result, env *Env) {
	cd := env.Common.CertificateDays
	if !cd.IsSet() {
		return
	}
	cert := env.certificate()
	if cert == nil {
		res.AddLong("--certificate-days: no certificate was seen (plain http, or no answer)")
		return
	}
	days := math.Floor(cert.NotAfter.Sub(env.Now()).Hours() / 24)
	th := Thresholds{Warn: MustRange(strconv.Itoa(cd.Warn) + ":")}
	if cd.HasCrit {
		th.Crit = MustRange(strconv.Itoa(cd.Crit) + ":")
	}
	res.AddPerf(Perf{Label: "cert_days_left", Value: days, Warn: th.Warn, Crit: th.Crit})
	when := cert.NotAfter.UTC().Format("2006-01-02 15:04 MST")
	line := fmt.Sprintf("certificate of %s expires in %s (%s)", cert.Name, pluralDays(days), when)
	if days < 0 {
		line = fmt.Sprintf("certificate of %s expired on %s", cert.Name, when)
	}
	res.AddLong("%s", line)
	if st := th.Evaluate(days); Severity(st) > Severity(OK) {
		res.Raise(st)
		res.Summary = line + "; " + res.Summary
	}
}

func pluralDays(d float64) string {
	if d == 1 {
		return "1 day"
	}
	return strconv.FormatFloat(d, 'f', 0, 64) + " days"
}
