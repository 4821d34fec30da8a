// Package itgrix is the client of the Itgrix status API (seed 001: "Status
// monitoring", Itgrix bx >= 3.6.0, Itgrix Kommo >= 2.13.0): GET
// http://ASTERISK:8077/status with the admin panel login over HTTP Digest
// authentication, decoded into typed structs. The documented elements
// (app_state, app_status, app_err, license.type, license.valid_till) are
// read at the top level of the answer when present there, else under app,
// where the published sample nests most data.
package itgrix
