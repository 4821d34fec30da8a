// Package integration proves the suite inside the real monitoring engines
// and the package manager: Icinga 2 validates and runs contrib/icinga2
// against the simulator, Nagios 4 validates and runs contrib/nagios, a
// private Zabbix 6.0 server (PostgreSQL, zabbix_server, the API through
// PHP's built-in server) imports contrib/zabbix and monitors the simulator,
// the Debian package installs, runs and removes cleanly, and rpm reads the
// RPM's files and scripts.
//
// The tests need root and the packages .ci/run installs (icinga2-bin,
// nagios4-core, rpm, postgresql, zabbix-server-pgsql, zabbix-frontend-php,
// php8.2-cli, php8.2-pgsql), so they are built only with the integration
// tag:
//
//	make integration
//	go test -tags integration -v ./contrib/integration/
//
// Every end-to-end case of testdata/e2e becomes a service in each engine,
// its flags turned into the engine's own variables by reading the
// configuration in contrib/, so a wrong variable or a missing argument
// shows as a wrong state.
package integration
