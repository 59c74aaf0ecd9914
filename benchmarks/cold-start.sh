#!/usr/bin/env bash
# Lambda cold start, measured on this machine: a fresh JVM on the deployable jar, from launch to the first
# handled event, with the real adapters wired from the environment as the Lambda runtime would (no AWS call:
# DynamoDB is a local dynalite; Glue lookups off), next to a bare JVM printing "hello".
#
#   benchmarks/cold-start.sh [RUNS]        (default 10 runs of each; prints medians)
#
# Lambda runs Java 21 with -XX:TieredStopAtLevel=1 and the serial collector by default
# (https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html); both that and the JVM's defaults are shown.
set -euo pipefail
cd "$(dirname "$0")/.."
source .mvn/jdk.sh
RUNS=${1:-10}
JAVA="$JAVA_HOME/bin/java"

./mvnw -q -pl ingest -am install -DskipTests
./mvnw -q -pl ingest test-compile
JAR=ingest/target/switchyard-lambda.jar
[ -x cli/target/switchyard.jar ] || ./mvnw -q -pl cli -am package -DskipTests
CLI="$JAVA -jar cli/target/switchyard.jar"
WORK=$(mktemp -d)
trap 'kill $DYNALITE 2>/dev/null || true; rm -rf "$WORK"' EXIT

# a DynamoDB-API server on loopback, with the control table the handler writes to
(cd tools/dynalite && npm ci --ignore-scripts --silent >/dev/null)
PORT=$((20000 + RANDOM % 20000))
node --require ./tools/dynalite/utf8-string-order.js tools/dynalite/node_modules/dynalite/cli.js --host 127.0.0.1 --port "$PORT" --createTableMs 0 >/dev/null 2>&1 &
DYNALITE=$!
for _ in $(seq 50); do (echo > /dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done
$CLI init --table dynamodb:glue-control --endpoint "http://127.0.0.1:$PORT" --region eu-west-1 >/dev/null
$CLI jobs put MyJob --category RAW --run-condition DAILY --table dynamodb:glue-control \
    --endpoint "http://127.0.0.1:$PORT" --region eu-west-1 >/dev/null

mkdir -p "$WORK/hello"
cat > "$WORK/hello/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
JAVA
"$JAVA_HOME/bin/javac" -d "$WORK/hello" "$WORK/hello/Hello.java"

EVENT=ingest/src/test/resources/events/glue-job-state-change-succeeded.json
export SWITCHYARD_TABLE=glue-control AWS_REGION=eu-west-1 SWITCHYARD_GLUE_LOOKUP=off \
    SWITCHYARD_DYNAMODB_ENDPOINT="http://127.0.0.1:$PORT" AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local \
    SWITCHYARD_STATE_MACHINE_ARN=arn:aws:states:eu-west-1:123456789012:stateMachine:switchyard

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now() { date +%s%N; }

measure() { # label, java options...
    local label=$1; shift
    : > "$WORK/total"; : > "$WORK/construct"; : > "$WORK/handle"
    for i in $(seq "$RUNS"); do
        local start line
        # a new run each time, so that every start handles the event whole (not as a redelivery)
        sed "s/jr_[0-9a-f]\{64\}/jr_cold_${RANDOM}_$i/; s/\"id\":\"[^\"]*\"/\"id\":\"cold-$i-$RANDOM\"/" "$EVENT" > "$WORK/event.json"
        start=$(now)
        line=$("$JAVA" "$@" -cp "$JAR:ingest/target/test-classes" dev.switchyard.ingest.lambda.ColdStart "$WORK/event.json" | grep '^main=')
        local done=${line#*done=}; done=${done%% *}
        echo $(( (done - start) / 1000000 )) >> "$WORK/total"
        echo "$line" | sed 's/.*construct_ms=\([0-9.]*\).*/\1/' >> "$WORK/construct"
        echo "$line" | sed 's/.*handle_ms=\([0-9.]*\).*/\1/' >> "$WORK/handle"
    done
    printf "%-44s %8s ms %10s ms %10s ms\n" "$label" "$(median < "$WORK/total")" \
        "$(median < "$WORK/construct")" "$(median < "$WORK/handle")"
    echo "  last response: ${line#*response=}"
}

hello() { # label, java options...
    local label=$1; shift
    : > "$WORK/total"
    for _ in $(seq "$RUNS"); do
        local start; start=$(now)
        "$JAVA" "$@" -cp "$WORK/hello" Hello > /dev/null
        echo $(( ($(now) - start) / 1000000 )) >> "$WORK/total"
    done
    printf "%-44s %8s ms\n" "$label" "$(median < "$WORK/total")"
}

echo "$("$JAVA" -version 2>&1 | head -1), $(nproc) cores; $RUNS runs each, medians"
echo "jar: $JAR, $(stat -c %s "$JAR") bytes"
printf "%-44s %11s %13s %13s\n" "" "launch→event" "construct" "first event"
hello "hello world (JVM defaults)"
hello "hello world (Lambda's: C1 only, serial GC)" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
measure "events handler (JVM defaults)"
measure "events handler (Lambda's: C1 only, serial GC)" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
# A RUNNING event needs no GetJobRun, so Glue lookups can stay on (the Glue client is built, not called).
EVENT=ingest/src/test/resources/events/glue-job-run-status-running.json
export SWITCHYARD_GLUE_LOOKUP=on
measure "RUNNING event, Glue client built (Lambda's)" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
