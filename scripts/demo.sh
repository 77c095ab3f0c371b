#!/bin/sh
# The main job: validate and show the shipped profiles. Later issues add reports to out/.
set -e
LC="$1/bin/linkcheck"
"$LC" list
"$LC" validate system_profiles/*.yaml
"$LC" show kazakhstan@phase2
