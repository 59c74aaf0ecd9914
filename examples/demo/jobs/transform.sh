#!/bin/sh
# A stand-in for a Glue job that transforms what the upstream category loaded.
# To see a failure and `switchyard rerun`, create the file .switchyard/fail-<job name>.
set -eu
table=$1
seconds=$2
echo "transforming $table for $SWITCHYARD_RUN_DATE"
sleep "$seconds"
if [ -e ".switchyard/fail-$GLUE_JOB_NAME" ]; then
  echo "transform of $table failed: upstream partition missing" >&2
  exit 1
fi
echo "wrote $table"
