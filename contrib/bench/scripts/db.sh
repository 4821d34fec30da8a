#!/bin/sh
# check connect-to-db with curl and jq (see README.md); the answer is a
# Python literal, made JSON by swapping the quotes
. "$(dirname "$0")/state.sh"
state_exit "$(curl -sf -m 10 -u "$WEBIM_USER:$WEBIM_PASSWORD" "$1/l/a/monitor/connect-to-db" | tr "'" '"' | jq -r 'if .result == "ok" then "OK - databases ok" else "CRITICAL - \(.)" end')"
