#!/usr/bin/env bash
# The whole test suite: installs the test-only assistant CLIs (cached), then runs pytest.
set -u
cd "$(dirname "$0")/.."
bash scripts/install-test-clis.sh
python3 -m pytest -q -ra "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "test.sh: pytest collected no tests; that is a failure here" >&2
  exit 1
fi
exit "$status"
