#!/bin/sh
# Builds a small Redis image from the redis-server on this machine, with no registry: for air-gapped
# CI and for machines that cannot pull images. Needs a running Docker engine, redis-server, ldd, and a
# static busybox (Debian: apt-get install redis-server busybox-static).
#
#   sh build-local-redis-image.sh [IMAGE_NAME]        (default: sentinel-drill/redis:local)
#
# Then run the DOCKER backend with -Dsentinel-drill.image=IMAGE_NAME (or SENTINEL_DRILL_IMAGE=IMAGE_NAME).
set -eu

image=${1:-sentinel-drill/redis:local}
redis_server=$(command -v redis-server) || { echo "redis-server not found on the PATH" >&2; exit 1; }
busybox=$(command -v busybox) || { echo "busybox not found (Debian: apt-get install busybox-static)" >&2; exit 1; }
case "$(ldd "$busybox" 2>&1)" in
  *"not a dynamic executable"*|*"statically linked"*) ;;
  *) echo "$busybox is not statically linked (Debian: apt-get install busybox-static)" >&2; exit 1 ;;
esac

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/usr/local/bin" "$root/bin" "$root/etc" "$root/data" "$root/tmp"
cp "$redis_server" "$root/usr/local/bin/redis-server"
ln -s redis-server "$root/usr/local/bin/redis-sentinel"
if command -v redis-cli >/dev/null 2>&1; then
  cp "$(command -v redis-cli)" "$root/usr/local/bin/redis-cli"
fi
# Every shared library the binaries need, at the same paths.
for binary in "$root"/usr/local/bin/redis-server "$root"/usr/local/bin/redis-cli; do
  [ -f "$binary" ] || continue
  ldd "$binary" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' | while read -r library; do
    mkdir -p "$root$(dirname "$library")"
    cp -L "$library" "$root$library"
  done
done
cp "$busybox" "$root/bin/busybox"
for applet in sh ls cat ps kill sleep mkdir rm; do
  ln -s busybox "$root/bin/$applet"
done
echo "root:x:0:0:root:/root:/bin/sh" > "$root/etc/passwd"
echo "root:x:0:" > "$root/etc/group"
chmod 1777 "$root/tmp"

tar -C "$root" -c . | docker import \
  -c 'ENV PATH=/usr/local/bin:/bin' \
  -c 'WORKDIR /data' \
  -c 'EXPOSE 6379 26379' \
  -c 'CMD ["redis-server"]' \
  - "$image" >/dev/null
echo "built $image from $("$redis_server" --version | awk '{print $3}')"
