// Package webim is the client of the Webim monitoring endpoints (seed
// 000: "Описание эндпоинтов мониторинга", Webim 10.7): the service login
// with HTTP Basic auth, typed answers one file per endpoint, and a decoder
// that accepts JSON as well as the Python literals ({'result': 'ok'}) the
// vendor documents for some endpoints.
package webim
