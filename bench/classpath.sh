# Sourced by the benchmark scripts: JDK 25, then `bench_classpath MODULE` compiles MODULE (and what it needs) with
# its tests into target$BUILD_SUFFIX/ and prints its test classpath.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/java25.sh
suffix=${BUILD_SUFFIX:--bench} # e.g. BUILD_SUFFIX=-x, to keep off another build's target folder
bench_classpath() {
  local module=$1
  ./mvnw -B -q -ntp -pl "$module" -am test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile=classpath.txt -Dmdep.includeScope=test -Dbuild.suffix="$suffix" >&2
  echo "$module/target$suffix/test-classes:$module/target$suffix/classes:$(cat "$module/classpath.txt")"
  rm -f classpath.txt functions/*/classpath.txt infra/*/classpath.txt
}
