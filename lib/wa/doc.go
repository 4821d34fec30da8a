// Package wa is the client of the health node of the WhatsApp Business API
// on-premises client (seed 002, "/v1/health"): authentication with an API
// key (Authorization: Apikey KEY, 12 to 128 characters) or a Bearer token,
// the typed answer in both of its documented forms (a single instance, or
// high availability / multiconnect keyed by "hostname:container-id"), and
// the vendor's error answer {"errors":[{"code":N,"title":"...","details":"..."}]}
// quoted in failures.
//
// Where the credentials come from, in order:
//
//  1. The command line: --api-key or --api-key-file, or --token or
//     --token-file. Giving a key and a token there together is a usage
//     error (which one was meant cannot be guessed). A file wins over the
//     flag of the same kind.
//  2. The environment: WA_API_KEY, else WA_TOKEN. When both are set the API
//     key wins: it does not expire, whereas a Bearer token expires after 7
//     days (seed 002 recommends keys for monitoring).
//
// A credential on the command line wins over the environment, so that a
// token given for one run is used even where WA_API_KEY is exported. With
// none of them the check stops with a usage error before any request.
package wa
