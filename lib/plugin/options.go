package plugin

import "strings"

// Common holds the flags every check has (CONTRACT section 5).
type Common struct {
	Host            string          `short:"H" long:"host" value-name:"HOST" description:"host, host:port or base URL scheme://host[:port][/prefix] (required)"`
	Port            int             `short:"p" long:"port" value-name:"PORT" description:"port, overrides the one in --host"`
	Timeout         Timeout         `short:"t" long:"timeout" value-name:"SECONDS[:STATE]" default:"10" description:"deadline in seconds for the whole run, retries included; when it passes the check exits CRITICAL, or STATE if given (e.g. 10:UNKNOWN)"`
	Retries         int             `long:"retries" value-name:"N" default:"1" description:"retries of a failed request (connection error, 429, 502, 503, 504), within the deadline"`
	Insecure        bool            `short:"k" long:"insecure" description:"do not verify the TLS certificate"`
	CertificateDays CertificateDays `long:"certificate-days" value-name:"W[,C]" description:"on HTTPS, WARNING when the server certificate expires in fewer than W days, CRITICAL in fewer than C days (e.g. 30,14); adds perfdata cert_days_left"`
	CAFile          string          `long:"ca-file" value-name:"FILE" description:"PEM file of extra CA certificates to trust"`
	MaxBody         ByteSize        `long:"max-body" value-name:"SIZE" default:"4MiB" description:"largest answer accepted; a larger one is UNKNOWN"`
	Address         string          `short:"I" long:"address" value-name:"IP" description:"connect to this address; the name of --host stays the Host header, the TLS server name and the name the certificate is checked for (one node behind a balancer)"`
	IPv4            bool            `short:"4" long:"ipv4" description:"connect over IPv4 only"`
	IPv6            bool            `short:"6" long:"ipv6" description:"connect over IPv6 only"`
	Proxy           ProxyURL        `long:"proxy" value-name:"URL" description:"HTTP, HTTPS or SOCKS5 proxy (http://, https://, socks5:// resolving names here, socks5h:// resolving them at the proxy), instead of HTTP_PROXY/HTTPS_PROXY/NO_PROXY; none ignores those"`
	Headers         Headers         `long:"header" value-name:"'NAME: VALUE'" description:"extra request header (repeatable); values of Authorization, Cookie and *-Key/*-Token headers are kept secret"`
	Verbose         []bool          `short:"v" long:"verbose" description:"more detail: -v long output, -vv configuration, -vvv HTTP trace on stderr (secrets redacted)"`
	Quiet           bool            `short:"q" long:"quiet" description:"print nothing when the state is OK (for cron)"`
	Format          Format          `long:"format" value-name:"nagios|json" default:"nagios" description:"output format"`
	Version         bool            `short:"V" long:"version" description:"print the version and exit"`
}

// Verbosity returns how many times -v was given.
func (c *Common) Verbosity() int { return len(c.Verbose) }

// NoEmpty returns a usage error when one of the values of a repeatable
// flag is blank (--account ”, what an unset engine macro gives in a
// list): naming nothing, it would judge nothing.
func NoEmpty(flag, what string, values []string) error {
	for _, v := range values {
		if strings.TrimSpace(v) == "" {
			return Errorf(ErrUsage, "%s: empty %s name", flag, what)
		}
	}
	return nil
}
