#!/bin/sh
# A stand-in for a Glue job that loads one source: it takes a little time, then says what it loaded.
# To see a failure and `switchyard rerun`, create the file .switchyard/fail-<job name>.
set -eu
source_name=$1
seconds=$2
echo "loading $source_name for $SWITCHYARD_RUN_DATE (run $GLUE_JOB_RUN_ID)"
sleep "$seconds"
if [ -e ".switchyard/fail-$GLUE_JOB_NAME" ]; then
  echo "source $source_name is not available: connection refused" >&2
  exit 1
fi
echo "loaded $source_name"
