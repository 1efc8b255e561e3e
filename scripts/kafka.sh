#!/usr/bin/env bash
# A real, single-node Apache Kafka broker (KRaft, no ZooKeeper) on 127.0.0.1:9092 for the message bus
# integration tests. Needs only Java 17 and Maven: the broker's jars come from Maven Central into a cache
# outside the repository; its data and logs live in a state folder outside the repository too.
#
#   bash scripts/kafka.sh fetch    # resolve Kafka and its runtime dependencies into the cache (once)
#   bash scripts/kafka.sh start    # fetch if needed, format storage if needed, start, wait until it answers
#   bash scripts/kafka.sh stop     # SIGTERM, wait, then SIGKILL; the data stays for the next start
#   bash scripts/kafka.sh status   # exit 0 when the broker answers on 127.0.0.1:9092
#
# Settings (environment):
#   KAFKA_VERSION          one version to use; default: 3.9.1, else 3.9.0. Kafka 4.x is not offered: 4.0
#                          removed old protocol versions (KIP-896) and kafkajs 2.2.4 is not shown to work with it.
#   PLACEMATCH_CACHE       cache root; default $HOME/.cache/placematch (jars in kafka-<version>/)
#   KAFKA_STATE_DIR        data, logs, config and pid file; default ${TMPDIR:-/tmp}/placematch-kafka
#   KAFKA_START_TIMEOUT    seconds to wait for the broker to answer; default 120
#   KAFKA_STOP_TIMEOUT     seconds to wait after SIGTERM before SIGKILL; default 30
#   KAFKA_HEAP_OPTS        JVM heap flags; default -Xms256m -Xmx512m
set -euo pipefail

HOST=127.0.0.1
PORT=9092
CONTROLLER_PORT=9093
CENTRAL=https://repo.maven.apache.org/maven2
CACHE_ROOT="${PLACEMATCH_CACHE:-$HOME/.cache/placematch}"
STATE_DIR="${KAFKA_STATE_DIR:-${TMPDIR:-/tmp}/placematch-kafka}"
PID_FILE="$STATE_DIR/kafka.pid"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The binding that sends the broker's log4j-1 (reload4j) logging to a file; the version Kafka 3.9 is built with.
SLF4J_VERSION=1.7.36

say() { echo "kafka: $*"; }
now_ms() { date +%s%3N; }
# Seconds since a now_ms reading, with one decimal.
since() { local ms=$(($(now_ms) - $1)); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }
fail() { echo "kafka: $*" >&2; exit 1; }

candidates() {
  if [ -n "${KAFKA_VERSION:-}" ]; then echo "$KAFKA_VERSION"; else echo 3.9.1 3.9.0; fi
}

# The folder of the first candidate version already fetched, or nothing.
cached_dir() {
  local v
  for v in $(candidates); do
    if [ -f "$CACHE_ROOT/kafka-$v/.complete" ]; then echo "$CACHE_ROOT/kafka-$v"; return 0; fi
  done
  return 1
}

# Writes the Maven settings (every repository mirrored by Maven Central, so nothing else is ever asked)
# and a pom whose runtime dependencies are the broker's classpath.
write_pom() { # dir, version
  local dir=$1 version=$2
  mkdir -p "$dir"
  cat >"$dir/settings.xml" <<EOF
<settings>
  <mirrors>
    <mirror><id>central-only</id><mirrorOf>*</mirrorOf><url>$CENTRAL</url></mirror>
  </mirrors>
</settings>
EOF
  cat >"$dir/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>placematch.local</groupId>
  <artifactId>kafka-broker-classpath</artifactId>
  <version>$version</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_2.13</artifactId>
      <version>$version</version>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-reload4j</artifactId>
      <version>$SLF4J_VERSION</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>3.6.1</version>
      </plugin>
    </plugins>
  </build>
</project>
EOF
}

cmd_fetch() {
  local dir
  if dir=$(cached_dir); then
    say "Apache Kafka $(basename "$dir" | sed 's/^kafka-//') already in $dir"
    return 0
  fi
  command -v mvn >/dev/null || fail "mvn not found: install Maven 3 (and Java 17) first"
  command -v java >/dev/null || fail "java not found: install Java 17 first"
  local started v
  started=$(now_ms)
  for v in $(candidates); do
    dir="$CACHE_ROOT/kafka-$v"
    rm -rf "$dir"
    write_pom "$dir" "$v"
    if mvn -B -q -s "$dir/settings.xml" -f "$dir/pom.xml" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dir/libs" \
      >"$dir/mvn.log" 2>&1; then
      touch "$dir/.complete"
      say "fetched Apache Kafka $v ($(ls "$dir/libs" | wc -l) jars) from Maven Central into $dir in $(since "$started") s"
      return 0
    fi
    echo "kafka: could not resolve org.apache.kafka:kafka_2.13:$v; last lines of $dir/mvn.log:" >&2
    tail -n 5 "$dir/mvn.log" >&2
  done
  fail "no Kafka version could be fetched (tried: $(candidates))"
}

# True when something accepts TCP connections on the broker port.
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$PORT" 2>/dev/null
}

# The pid in the pid file, if that process is alive and is a Kafka broker.
running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid=$(cat "$PID_FILE")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka' || return 1
  echo "$pid"
}

# Asks the broker for the cluster's metadata through kafkajs, when the repository's node_modules has it;
# without Node the broker's own "started" log line (checked before this) is the proof.
metadata_answers() {
  command -v node >/dev/null && [ -d "$REPO_ROOT/node_modules/kafkajs" ] || return 0
  (cd "$REPO_ROOT" && timeout 20 node -e '
    const { Kafka, logLevel } = require("kafkajs");
    const admin = new Kafka({ clientId: "kafka-sh-probe", brokers: [process.argv[1]], logLevel: logLevel.NOTHING,
      retry: { retries: 0 }, connectionTimeout: 2000 }).admin();
    admin.connect().then(() => admin.describeCluster())
      .then((c) => admin.disconnect().then(() => process.exit(c.brokers.length > 0 ? 0 : 1)))
      .catch(() => process.exit(1));
  ' "$HOST:$PORT") >/dev/null 2>&1
}

# One start or stop at a time (two test runs may ask at once); the lock is released when the script exits.
lock() {
  mkdir -p "$STATE_DIR"
  exec 9>"$STATE_DIR/.lock"
  if command -v flock >/dev/null; then flock 9; fi
}

write_config() { # state dir
  local state=$1
  mkdir -p "$state/data" "$state/logs"
  cat >"$state/server.properties" <<EOF
# Written by scripts/kafka.sh: a single KRaft node that is both broker and controller, for tests.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$state/data
num.partitions=3
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=3
min.insync.replicas=1
# Tests create every topic they use (the message bus's ensureTopics), so a typo fails instead of
# silently creating a topic nobody consumes.
auto.create.topics.enable=false
delete.topic.enable=true
group.initial.rebalance.delay.ms=0
group.min.session.timeout.ms=1000
EOF
  cat >"$state/log4j.properties" <<EOF
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$state/logs/server.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
EOF
}

cmd_start() {
  if port_open; then
    say "a broker already answers on $HOST:$PORT; nothing to start"
    return 0
  fi
  local started dir pid
  started=$(now_ms)
  dir=$(cached_dir) || { cmd_fetch; dir=$(cached_dir); }
  lock
  if port_open; then say "a broker already answers on $HOST:$PORT; nothing to start"; return 0; fi
  if pid=$(running_pid); then
    fail "a broker (pid $pid) is running but does not answer on $HOST:$PORT; see $STATE_DIR/logs/server.log, or run: bash scripts/kafka.sh stop"
  fi
  write_config "$STATE_DIR"
  local cp="$dir/libs/*"
  if [ ! -f "$STATE_DIR/data/meta.properties" ]; then
    local id
    # A Kafka cluster id is 16 random bytes in URL-safe base64; one starting with '-' would read as an option.
    id=-
    while [ "${id:0:1}" = - ]; do id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'); done
    java -cp "$cp" -Dlog4j.configuration="file:$STATE_DIR/log4j.properties" kafka.tools.StorageTool format \
      -t "$id" -c "$STATE_DIR/server.properties" >"$STATE_DIR/logs/format.log" 2>&1 \
      || { cat "$STATE_DIR/logs/format.log" >&2; fail "could not format $STATE_DIR/data"; }
  fi
  # The last run's log stays beside the new one; the new one must hold only this run's lines.
  if [ -f "$STATE_DIR/logs/server.log" ]; then mv "$STATE_DIR/logs/server.log" "$STATE_DIR/logs/server.log.1"; fi
  # TieredStopAtLevel=1: the quick compiler only; on two cores the broker answers in about 4 s instead of 7.
  # setsid: the broker outlives the shell (or test run) that started it and is not hit by its signals;
  # 9>&-: it must not inherit the lock, or the next stop would wait on it forever.
  # shellcheck disable=SC2086
  $(command -v setsid || echo nohup) java ${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:TieredStopAtLevel=1 \
    -Djava.awt.headless=true -Dkafka.logs.dir="$STATE_DIR/logs" \
    -Dlog4j.configuration="file:$STATE_DIR/log4j.properties" \
    -cp "$cp" kafka.Kafka "$STATE_DIR/server.properties" \
    >"$STATE_DIR/logs/stdout.log" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" >"$PID_FILE"
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      tail -n 20 "$STATE_DIR/logs/server.log" "$STATE_DIR/logs/stdout.log" >&2 || true
      fail "the broker exited while starting (logs in $STATE_DIR/logs)"
    fi
    if grep -qs 'Kafka Server started' "$STATE_DIR/logs/server.log" && port_open && metadata_answers; then
      break
    fi
    if (($(now_ms) - started > START_TIMEOUT * 1000)); then
      fail "the broker (pid $pid) did not answer on $HOST:$PORT within $START_TIMEOUT s (logs in $STATE_DIR/logs)"
    fi
    sleep 0.2
  done
  say "started Apache Kafka $(basename "$dir" | sed 's/^kafka-//') on $HOST:$PORT (pid $pid, data in $STATE_DIR/data) in $(since "$started") s"
}

cmd_stop() {
  lock
  local pid
  if ! pid=$(running_pid); then
    rm -f "$PID_FILE"
    if port_open; then
      say "not started by this script (no live pid in $PID_FILE), but something answers on $HOST:$PORT; left alone"
    else
      say "not running"
    fi
    return 0
  fi
  local started
  started=$(now_ms)
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    if (($(now_ms) - started >= STOP_TIMEOUT * 1000)); then
      kill -KILL "$pid" 2>/dev/null || true
      say "the broker (pid $pid) ignored SIGTERM for $STOP_TIMEOUT s: killed"
      break
    fi
    sleep 0.2
  done
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$PID_FILE"
  say "stopped (pid $pid) in $(since "$started") s"
}

cmd_status() {
  if port_open; then
    local pid
    if pid=$(running_pid); then say "up on $HOST:$PORT (pid $pid)"; else say "up on $HOST:$PORT (not started by this script)"; fi
    return 0
  fi
  say "down ($HOST:$PORT does not answer)"
  return 1
}

case "${1:-}" in
  fetch) cmd_fetch ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *)
    echo "usage: bash scripts/kafka.sh fetch|start|stop|status" >&2
    exit 2
    ;;
esac
