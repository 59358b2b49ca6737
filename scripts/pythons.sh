# Sourced by dist.sh and other_pythons.sh: find_python X.Y prints the path of a Python X.Y interpreter
# (pyenv's versions first, then pythonX.Y on PATH, each checked by running it), or fails.
find_python() {
  local want=$1 candidate root
  local candidates=()
  if command -v pyenv >/dev/null 2>&1; then
    root=$(pyenv root)
    candidates+=("$root"/versions/"$want".*/bin/python"$want")
  fi
  candidates+=("$HOME/.pyenv/versions/$want".*/bin/python"$want" "/usr/bin/python$want" "/usr/local/bin/python$want")
  if command -v "python$want" >/dev/null 2>&1; then
    candidates+=("$(command -v "python$want")")
  fi
  for candidate in "${candidates[@]}"; do
    if [ -x "$candidate" ] && [ "$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = "$want" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
