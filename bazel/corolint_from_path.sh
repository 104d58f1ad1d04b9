#!/bin/sh
# The default corolint of the aspect: the one on PATH (the action's PATH,
# set with --action_env=PATH=... when it is not in /usr/bin or /bin).
exec corolint "$@"
