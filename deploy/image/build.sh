#!/usr/bin/env bash
# Build the students' image from the repository root and tag it with the kit's version.
#   deploy/image/build.sh            # builds IMAGE:VERSION
#   deploy/image/build.sh --push     # and pushes it (log in to the registry first)
set -euo pipefail
cd "$(dirname "$0")/../.."
IMAGE="${FILMKIT_IMAGE:-ghcr.io/your-org/filmkit-singleuser}"
VERSION="$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
docker build -f deploy/image/Dockerfile -t "$IMAGE:$VERSION" .
if [ "${1:-}" = "--push" ]; then
    docker push "$IMAGE:$VERSION"
fi
echo "$IMAGE:$VERSION"
