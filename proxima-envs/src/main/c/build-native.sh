#!/usr/bin/env bash
# Builds the MuJoCo helper library and the struct-layout file into OUT (the jar's resources), from
# the installed MuJoCo headers. Without MuJoCo's headers or gcc it builds nothing and says so: the
# rest of Proxima works, and the MuJoCo tasks then fail at start with a message naming the packages.
#   build-native.sh OUT WORK
set -euo pipefail
OUT="$1"
WORK="$2"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v gcc >/dev/null || [ ! -f /usr/include/mujoco/mujoco.h ]; then
  echo "[proxima] MuJoCo helper not built: needs gcc and the Debian packages libmujoco2.2.2 libmujoco-dev" >&2
  exit 0
fi
mkdir -p "$OUT" "$WORK"
gcc -O2 -Wall -Werror -fPIC -shared -o "$OUT/libproxima-mujoco.so" "$HERE/mujoco_guard.c" -lmujoco
gcc -O2 -Wall -Werror -o "$WORK/mujoco-offsets" "$HERE/mujoco_offsets.c" -lmujoco
"$WORK/mujoco-offsets" > "$OUT/mujoco-layout.properties"
