#!/usr/bin/env bash
# The system packages the local platform and the tests need, from Debian's archive (the project's npm
# packages come with `npm ci`): Java 17 for DynamoDB Local, Chromium for the browser walks, Noto CJK so
# Chinese pages render. Installs only what is missing; as root with apt-get. `.ci/run` uses it, and
# `npm start` / `npm test` run it themselves when they find something missing and may (root, apt-get).
set -euo pipefail
missing=()
java_ok() { command -v java >/dev/null 2>&1 && java -version 2>&1 | head -1 | grep -Eq '"(1[7-9]|[2-9][0-9])[."]'; }
java_ok || missing+=(openjdk-17-jre-headless)
command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -eq 0 ]; then
  echo "prerequisites: all present (java 17+, chromium, fonts-noto-cjk)"
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "prerequisites missing: ${missing[*]}" >&2
  echo "install them as root: sudo apt-get install -y ${missing[*]}" >&2
  exit 2
fi
echo "prerequisites: installing ${missing[*]} with apt-get"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
echo "prerequisites: installed ${missing[*]}"
