# bash completion for the webim-checks plugins. Each check completes its own
# flags (go-flags answers when GO_FLAGS_COMPLETION is set); file names are
# completed where a flag takes a file or there is nothing to offer.
#
# Installed by the packages as /usr/share/bash-completion/completions/webim-checks
# with a link per check, so bash-completion loads it the first time a check is
# completed. By hand:  source contrib/completion/webim-checks.bash
_webim_checks() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local IFS=$'\n'
    case $cur in
        -*) COMPREPLY=($(GO_FLAGS_COMPLETION=1 "${COMP_WORDS[0]}" "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)) ;;
        *) COMPREPLY=() ;;
    esac
}
# generated:checks begin
complete -o default -o bashdefault -F _webim_checks \
    check_webim_db \
    check_webim_timers \
    check_webim_restart \
    check_itgrix_license \
    check_itgrix_status \
    check_wa_gateway \
    check_webim_backend \
    check_webim_account \
    check_webim_storage \
    check_webim_accounts \
    check_webim_channels \
    check_webim_objects \
    check_webim_info \
    check_webim_ports \
    check_webim_envs \
    check_webim_ping \
    check_webim_metrics \
    check_webim_handler \
    check_dolibarr
# generated:checks end
