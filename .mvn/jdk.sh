# Sourced by ./mvnw, ./switchyard and .ci/run: makes JAVA_HOME point at a JDK 21 or newer.
# Switchyard targets the AWS Lambda java21 runtime; many machines still default to an older java,
# so rather than fail we look for a newer JDK where package managers put them.

sy_jdk_major() { # $1 = a JDK home; prints its feature version, or nothing
  local v=""
  if [ -r "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release")
  elif [ -x "$1/bin/java" ]; then
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  case "$v" in 1.*) v=${v#1.} ;; esac
  v=${v%%[._+-]*}
  [ -x "$1/bin/javac" ] && printf '%s' "$v"
}

sy_find_jdk() {
  local want=21 best="" best_v=0 home v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(sy_jdk_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$want" ]; then return 0; fi
  fi
  if command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(sy_jdk_major "$home")
    if [ -n "$v" ] && [ "$v" -ge "$want" ]; then export JAVA_HOME="$home"; return 0; fi
  fi
  for home in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
    "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$home" ] || continue
    v=$(sy_jdk_major "$home")
    if [ -n "$v" ] && [ "$v" -ge "$want" ] && [ "$v" -gt "$best_v" ]; then best=$home; best_v=$v; fi
  done
  if [ -z "$best" ]; then
    echo "switchyard: no JDK 21 or newer found (looked at JAVA_HOME, the javac on PATH and /usr/lib/jvm)." >&2
    echo "switchyard: install one (e.g. 'apt-get install openjdk-21-jdk') or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

sy_find_jdk || exit 1
