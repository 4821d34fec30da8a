#!/bin/sh
# check accounts-stat with curl and jq (see README.md)
. "$(dirname "$0")/state.sh"
state_exit "$(curl -sf -m 10 -u "$WEBIM_USER:$WEBIM_PASSWORD" "$1/l/a/monitor/accounts-stat" | jq -r -f "$(dirname "$0")/accounts.jq")"
