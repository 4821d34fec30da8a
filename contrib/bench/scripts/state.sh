# Sourced by the shell scripts: print the judgement and exit with its state.
# shellcheck shell=sh
state_exit() {
  printf '%s\n' "$1"
  case $1 in
  OK*) exit 0 ;;
  WARNING*) exit 1 ;;
  CRITICAL*) exit 2 ;;
  *) exit 3 ;;
  esac
}
