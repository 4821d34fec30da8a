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
complete -o default -o bashdefault -F _webim_checks \
    check_webim_db check_webim_timers check_webim_restart \
    check_itgrix_license check_itgrix_status check_wa_gateway
