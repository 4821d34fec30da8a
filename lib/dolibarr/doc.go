// Package dolibarr is the client of a Dolibarr instance as the WebHost
// module monitors it (seed 004, "Monitoring des instances"): the
// ServerObserver module's check.php (online status and disk space), its
// successor WebObserver's get-data.php (token-signed), the core REST API's
// status, and the simple URL call. One file per API, typed answers; the
// formats, as found in the modules' source, are in lib/seeds/README.md.
package dolibarr
