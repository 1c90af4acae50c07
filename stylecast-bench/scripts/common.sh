# Sourced by the bench scripts: the project's class path for single-file clients ($cp), a scratch folder ($work),
# and the process ids ($pids) that the exit trap stops, with the scratch folder, even when the script is interrupted.
work=$(mktemp -d)
cp=$(cat target/classpath.txt 2>/dev/null || mvn -q -f stylecast.pom.xml dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
