// Package integration proves the suite inside the real monitoring engines
// and the package manager: Icinga 2 validates and runs contrib/icinga2
// against the simulator, Nagios 4 validates and runs contrib/nagios, and
// the Debian package installs, runs and removes cleanly.
//
// The tests need root, icinga2-bin and nagios4-core, so they are built
// only with the integration tag:
//
//	make integration
//	go test -tags integration -v ./contrib/integration/
//
// Every end-to-end case of testdata/e2e becomes a service in each engine,
// its flags turned into the engine's own variables by reading the
// configuration in contrib/, so a wrong variable or a missing argument
// shows as a wrong state.
package integration
