#!/usr/bin/env bash
# Installs what corolint needs to build, test and demo on Debian 12
# (bookworm), as root; `--bazel` adds Bazel for test/bazel/. Idempotent:
# every package is checked with dpkg-query first, so on a machine that has
# everything this takes about a second and touches nothing. Quiet unless
# something fails; a failure prints one line.
set -euo pipefail

packages=(
  clang-22 libclang-22-dev llvm-22-dev llvm-22-tools lld-22
  clang-tidy-22 clang-format-22
  libfmt-dev cmake ninja-build ccache
  # Debian's Clang CMake package refers to gRPC targets (clangd's remote index).
  libgrpc++-dev libprotobuf-dev protobuf-compiler-grpc
  libasio-dev libasio-doc libboost1.81-dev libgtest-dev
  neovim bsdutils tmux
  # test/tool/pre-commit.test runs the repository's .pre-commit-hooks.yaml.
  pre-commit
)
# SARIF validation (sarif-multitool) runs on Node; a machine may already have
# a Node.js of its own, which then also brings npm.
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

tools_prefix=/opt/corolint-tools
sarif_dir=$tools_prefix/node_modules/@microsoft

die() {
  echo "install-deps: $*" >&2
  exit 1
}

# --bazel: also Debian's Bazel (bazel-bootstrap 4.2.3, with a JDK), for
# test/bazel/ only; without it that test is unsupported.
for arg in "$@"; do
  case $arg in
    --bazel) packages+=(bazel-bootstrap) ;;
    *) die "unknown option $arg (known: --bazel)" ;;
  esac
done

is_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

missing=()
for p in "${packages[@]}"; do
  is_installed "$p" || missing+=("$p")
done

log=$(mktemp)
trap 'rm -f "$log"' EXIT

apt_update() {
  apt-get update -qq >"$log" 2>&1 || die "apt-get update failed: $(tail -n1 "$log")"
  updated=1
}

apt_install() {
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$log" 2>&1
}

if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing packages (${missing[*]}); run as root to install them"
  export DEBIAN_FRONTEND=noninteractive
  updated=0
  # A fresh image has no package lists; stale ones name packages or versions
  # the mirror no longer has, so on failure refresh once and retry.
  compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null || apt_update
  if ! apt_install; then
    [ "$updated" = 1 ] && die "apt-get install ${missing[*]} failed: $(grep -m1 '^E:' "$log" || tail -n1 "$log")"
    apt_update
    apt_install || die "apt-get install ${missing[*]} failed: $(grep -m1 '^E:' "$log" || tail -n1 "$log")"
  fi
  echo "install-deps: installed ${missing[*]}"
fi

if [ ! -f "$sarif_dir/sarif-multitool/package.json" ]; then
  [ "$(id -u)" = 0 ] || die "@microsoft/sarif-multitool is missing; run as root to install it into $tools_prefix"
  command -v npm >/dev/null 2>&1 || die "npm not found (node is installed without it)"
  npm install --prefix "$tools_prefix" --no-audit --no-fund --loglevel=error \
    @microsoft/sarif-multitool >"$log" 2>&1 ||
    die "npm install @microsoft/sarif-multitool failed: $(grep -m1 -i 'err' "$log" || tail -n1 "$log")"
  echo "install-deps: installed @microsoft/sarif-multitool into $tools_prefix"
fi
# The package ships its native binary without the execute bit (its postinstall
# script, which would set it, is not run by newer npm).
native=$(find "$sarif_dir" -maxdepth 2 -type f -name Sarif.Multitool | head -n1)
[ -n "$native" ] || die "no Sarif.Multitool binary under $sarif_dir"
chmod u+x "$native" 2>/dev/null || [ -x "$native" ] || die "cannot make $native executable"
