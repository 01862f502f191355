# Sourced by the scripts: points JAVA_HOME at a JDK 25, or stops with a clear message.
# An existing JAVA_HOME that is a JDK 25 wins; otherwise the usual install folders are searched.
_cobranca_is_jdk25() {
  [ -x "$1/bin/javac" ] && "$1/bin/java" -version 2>&1 | head -n 1 | grep -Eq '"25([."]|-)'
}
if [ -n "${JAVA_HOME:-}" ] && _cobranca_is_jdk25 "$JAVA_HOME"; then
  :
else
  _found=""
  for _candidate in /usr/lib/jvm/*25* /usr/lib/jvm/*-25-* /opt/java/*25* /opt/jdk*25* \
                    "$HOME"/.sdkman/candidates/java/25* /Library/Java/JavaVirtualMachines/*25*/Contents/Home; do
    if [ -d "$_candidate" ] && _cobranca_is_jdk25 "$_candidate"; then _found="$_candidate"; break; fi
  done
  if [ -z "$_found" ] && command -v javac >/dev/null 2>&1; then
    _javac_home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if _cobranca_is_jdk25 "$_javac_home"; then _found="$_javac_home"; fi
  fi
  if [ -z "$_found" ]; then
    echo "Cobrança needs JDK 25 and none was found (JAVA_HOME=${JAVA_HOME:-unset})." >&2
    echo "Install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
    exit 1
  fi
  export JAVA_HOME="$_found"
fi
export PATH="$JAVA_HOME/bin:$PATH"
