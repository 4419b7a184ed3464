#!/usr/bin/env bash
# A single-node Apache Kafka broker in KRaft mode (broker and controller in one JVM) on loopback,
# for the distributed-mode tests and for trying distributed mode by hand. The broker's jars come
# from Maven (scripts/kafka-broker/pom.xml); no Kafka download, no Docker.
#
#   scripts/kafka-broker.sh start DIR PORT   format DIR on first use, start, wait for PORT
#   scripts/kafka-broker.sh stop  DIR        SIGTERM to the PID in DIR/broker.pid, SIGKILL after 20 s
#   scripts/kafka-broker.sh kill  DIR        SIGKILL (crash tests; restart with start DIR PORT)
#   scripts/kafka-broker.sh classpath        print the broker classpath
#
# The controller listens on PORT+1 (override with KAFKA_CONTROLLER_PORT). Starting again on an
# existing DIR keeps its data (the storage is formatted only once). The wait for the port is
# KAFKA_START_WAIT seconds (default 10; a restart after SIGKILL recovers its logs first and may
# need more). Java: $JAVA_HOME, default /usr/lib/jvm/temurin-25-jdk-amd64. Broker JVM options:
# KAFKA_JVM_OPTS (default: 512 MB heap, C1 compiler only, which starts about twice as fast on
# two busy cores). Both JVMs keep a class-data archive under scripts/kafka-broker/target, written at
# their first clean exit, which cuts later starts further. The broker's own log is DIR/broker.log.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
CDS_DIR="$ROOT/scripts/kafka-broker/target"

usage() {
  sed -n '6,9p' "${BASH_SOURCE[0]}" | sed 's/^# *//' >&2
  exit 2
}

# The broker classpath, resolved by Maven once and cached next to the pom.
classpath() {
  local pom="$ROOT/scripts/kafka-broker/pom.xml" cache="$ROOT/scripts/kafka-broker/target/classpath.txt"
  if [ -s "$cache" ] && [ "$cache" -nt "$pom" ]; then
    local ok=1 jar
    IFS=":" read -r -a jars < "$cache" || true  # the file has no final newline
    for jar in "${jars[@]}"; do [ -f "$jar" ] || { ok=0; break; }; done
    if [ "$ok" = 1 ]; then cat "$cache"; return; fi
  fi
  mkdir -p "$(dirname "$cache")"
  "$ROOT/mvnw" -B -q -f "$pom" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile="$cache.tmp" >&2
  mv "$cache.tmp" "$cache"
  cat "$cache"
}

# StorageTool format with the given extra JVM options; its output goes to DIR/broker.out.
format_storage() {
  local dir="$1" cp="$2" cluster="$3"
  shift 3
  "$JAVA" -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "$@" -cp "$cp" \
    -Dlog4j2.configurationFile="$dir/log4j2.properties" \
    kafka.tools.StorageTool format -t "$cluster" -c "$dir/server.properties" >> "$dir/broker.out" 2>&1
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

running_pid() {
  local pidfile="$1/broker.pid" pid
  [ -f "$pidfile" ] || return 1
  pid="$(cat "$pidfile")"
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

start() {
  local dir port cport cp pid waited
  dir="$(mkdir -p "$1" && cd "$1" && pwd)"
  port="$2"
  cport="${KAFKA_CONTROLLER_PORT:-$((port + 1))}"
  if pid="$(running_pid "$dir")"; then
    echo "kafka-broker: already running in $dir (pid $pid)" >&2
    exit 1
  fi
  if port_open "$port"; then
    echo "kafka-broker: port $port is already in use" >&2
    exit 1
  fi
  cp="$(classpath)"
  mkdir -p "$CDS_DIR"
  cat > "$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# A restarted broker re-registers only after its old session has expired: keep that short.
broker.session.timeout.ms=4000
broker.heartbeat.interval.ms=1000
auto.create.topics.enable=false
EOF
  cat > "$dir/log4j2.properties" <<EOF
appender.file.type=File
appender.file.name=file
appender.file.fileName=$dir/broker.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=[%d] %p %m (%c)%n
rootLogger.level=\${env:KAFKA_LOG_LEVEL:-INFO}
rootLogger.appenderRef.file.ref=file
EOF
  if [ ! -f "$dir/data/meta.properties" ]; then
    # A random cluster id: 16 random bytes in URL-safe base64 without padding, as Kafka writes them.
    local cluster
    cluster="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    # A failed first attempt is retried once without the class-data archive, which a JVM that
    # died while writing it can leave unusable.
    if ! format_storage "$dir" "$cp" "$cluster" -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$CDS_DIR/format.jsa"; then
      echo "kafka-broker: formatting $dir/data failed; retrying once without the class-data archive" >&2
      rm -rf "$dir/data" "$CDS_DIR/format.jsa"
      format_storage "$dir" "$cp" "$cluster" -Xshare:off || {
        echo "kafka-broker: formatting $dir/data failed twice; the messages of $dir/broker.out and $dir/broker.log:" >&2
        grep -v -i -e 'warning' -e 'sharing' -e 'archive' "$dir/broker.out" | tail -20 >&2 || true
        [ -f "$dir/broker.log" ] && tail -20 "$dir/broker.log" >&2
        exit 1
      }
    fi
  fi
  # shellcheck disable=SC2086
  nohup "$JAVA" ${KAFKA_JVM_OPTS:--Xmx512m -XX:TieredStopAtLevel=1} -XX:+AutoCreateSharedArchive \
    -XX:SharedArchiveFile="$CDS_DIR/broker.jsa" -cp "$cp" \
    -Dlog4j2.configurationFile="$dir/log4j2.properties" \
    kafka.Kafka "$dir/server.properties" >> "$dir/broker.out" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$dir/broker.pid"
  waited=0
  local limit=$(( ${KAFKA_START_WAIT:-10} * 10 ))
  until port_open "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "kafka-broker: the broker exited during start; see $dir/broker.out and $dir/broker.log" >&2
      tail -20 "$dir/broker.out" >&2
      rm -f "$dir/broker.pid"
      exit 1
    fi
    if [ "$waited" -ge "$limit" ]; then
      echo "kafka-broker: port $port not open after ${KAFKA_START_WAIT:-10} s (pid $pid left running)" >&2
      exit 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  echo "kafka-broker: pid $pid listening on 127.0.0.1:$port (data in $dir/data)"
}

stop() {
  local dir="$1" pid i
  if ! pid="$(running_pid "$dir")"; then
    rm -f "$dir/broker.pid"
    echo "kafka-broker: not running in $dir"
    return
  fi
  kill -TERM "$pid"
  for i in $(seq 1 200); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "kafka-broker: pid $pid still running after 20 s; sending SIGKILL" >&2
    kill -KILL "$pid"
  fi
  rm -f "$dir/broker.pid"
  echo "kafka-broker: stopped pid $pid"
}

crash() {
  local dir="$1" pid
  pid="$(running_pid "$dir")" || { echo "kafka-broker: not running in $dir" >&2; exit 1; }
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  rm -f "$dir/broker.pid"
  echo "kafka-broker: killed pid $pid"
}

case "${1:-}" in
  start) [ $# -eq 3 ] || usage; start "$2" "$3" ;;
  stop) [ $# -ge 2 ] || usage; stop "$2" ;;
  kill) [ $# -ge 2 ] || usage; crash "$2" ;;
  classpath) classpath ;;
  *) usage ;;
esac
