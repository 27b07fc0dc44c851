#!/bin/sh
# Prints the JVM options every Atrium process starts with, for this machine's cores: ./atrium and the Docker image
# both use it. Each process (api, worker, dev) stays at or under 256 MiB RSS under bench/run.sh (docs/operations.md,
# "Memory"). The heap holds 20 MiB per password-hashing thread (argon2id takes 19 MiB; one thread per core, less one)
# besides 64 MiB for the rest (the API's live set is about 22 MiB). Serial GC: no concurrent GC threads or remembered
# sets, and short young pauses at this heap size. ATRIUM_JAVA_OPTS comes after these, so it can override any of them.
cores=$(nproc 2>/dev/null || echo 2)
heap=$((64 + 20 * (cores > 2 ? cores - 1 : 1)))
echo "-Xms32m -Xmx${heap}m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:MaxDirectMemorySize=64m"
