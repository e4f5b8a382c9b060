# Sourced by the benchmark scripts (bench_southbound.sh, bench_punt.sh): the Java side they run.
#
# bench_classpath ROOT WORK: checks that impl's classes and test classes are built, and sets
# CLASSPATH to them plus impl's test dependencies (asked of Maven, offline), and JAVA.
bench_classpath() {
  local root=$1 work=$2 dir
  for dir in "$root/impl/target/classes" "$root/impl/target/test-classes"; do
    if [ ! -d "$dir" ]; then
      echo "$dir is missing: build first (./mvnw -B -o verify -pl yang,api,impl)" >&2
      return 2
    fi
  done
  (cd "$root" && ./mvnw -B -o -q -pl impl dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$work/classpath") >"$work/mvn.log" 2>&1 || { cat "$work/mvn.log" >&2; return 1; }
  CLASSPATH="$root/impl/target/test-classes:$root/impl/target/classes:$(cat "$work/classpath")"
  export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
  JAVA="$JAVA_HOME/bin/java"
}

# bench_await_listening OUT PID: waits (up to 10 s) until the benchmark printed its "listening" line.
bench_await_listening() {
  local out=$1 pid=$2
  for _ in $(seq 100); do
    grep -q '^listening' "$out" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  grep -q '^listening' "$out" 2>/dev/null
}
